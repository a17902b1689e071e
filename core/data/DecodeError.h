// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

namespace tl {

// Thrown by ImageDecoder when a file cannot be turned into pixels. Keeps the path and the
// bare reason apart so callers (dataset loaders, the GUI) can list bad files without
// parsing what().
class DecodeError : public std::runtime_error {
public:
    DecodeError(const std::filesystem::path& path, const std::string& reason)
        : std::runtime_error("Cannot decode image '" + path.u8string() + "': " + reason),
          path_(path),
          reason_(reason) {}

    const std::filesystem::path& path() const { return path_; }
    const std::string& reason() const { return reason_; }

private:
    std::filesystem::path path_;
    std::string reason_;
};

}  // namespace tl
