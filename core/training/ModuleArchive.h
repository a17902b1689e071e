// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>

#include "support/TorchInclude.h"

namespace tl {

// Loads a module's weights from a LibTorch archive (head.pt, backbone.pt) only when the file
// matches the module exactly. LibTorch's own Module::load replaces each parameter with
// whatever the file holds, of any shape, and ignores entries the module does not have: a head
// with a hidden layer model.json does not declare, or 3 outputs for 2 classes, loaded silently
// and gave wrong probabilities or crashed later. Here the file must be a regular file of a
// plausible size, hold every parameter and buffer of the module with the module's shape, a
// floating-point type and finite values, and nothing else. Errors are ImportErrors naming the
// file and the entry; LibTorch's own messages are cut to one line.
class ModuleArchive {
public:
    static void load(torch::nn::Module& module, const std::filesystem::path& file);
};

}  // namespace tl
