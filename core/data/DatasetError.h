// SPDX-License-Identifier: MIT
#pragma once

#include <stdexcept>

namespace tl {

// Thrown when a folder cannot be used as an image dataset at all (missing, no class folders,
// no images). Problems with single files are not errors: they are listed as skipped files.
class DatasetError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace tl
