// SPDX-License-Identifier: MIT
#pragma once

#include <string_view>

namespace tl {

// Deterministic fault injection for the crash-safety tests: when the environment variable
// TRANSFERLAB_CRASH_AT equals `name`, the process kills itself (SIGKILL) right there, as a
// power cut or `kill -9` would. Without the variable this is one cached comparison.
// The names in use are listed in the README ("What TransferLab promises about your files").
void crashPoint(std::string_view name);

}  // namespace tl
