// SPDX-License-Identifier: MIT
#pragma once
// Include LibTorch through this header only. Qt defines `slots` as a macro, which breaks
// ATen's headers when a Qt header was included first (see shared toolchain notes).
#pragma push_macro("slots")
#undef slots
#include <torch/torch.h>
#pragma pop_macro("slots")
