// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

namespace tl {

// Formats the dataset accepts, recognised by their leading bytes (not by extension).
enum class ImageFormat { Jpeg, Png, Bmp, WebP };

// What an image file declares in its first bytes, read before anything is decoded, so that
// limits (ImageLimits) are enforced before a decoder allocates the pixels.
struct ImageHeader {
    ImageFormat format = ImageFormat::Jpeg;
    std::uint32_t width = 0;  // as stored, before any EXIF rotation
    std::uint32_t height = 0;
    bool animated = false;  // an animated WebP

    // nullopt when the bytes are not one of the formats or the size cannot be read from them
    // (a truncated or malformed header).
    static std::optional<ImageHeader> read(const unsigned char* data, std::size_t size);
};

}  // namespace tl
