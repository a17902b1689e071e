// SPDX-License-Identifier: MIT
#pragma once

#include <stdexcept>
#include <string>

namespace tl {

// A model or weight file could not be imported. The message names the file and, where it
// applies, the layer, so a user can tell what is wrong without a debugger.
class ImportError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace tl
