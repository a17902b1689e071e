// SPDX-License-Identifier: MIT
#include "data/ImageHeader.h"

#include <cstring>

#include "data/ImageDecoder.h"

namespace tl {

namespace {

std::uint32_t bigEndian32(const unsigned char* p) {
    return (std::uint32_t(p[0]) << 24) | (std::uint32_t(p[1]) << 16) | (std::uint32_t(p[2]) << 8) |
           p[3];
}

std::uint32_t littleEndian16(const unsigned char* p) {
    return std::uint32_t(p[0]) | (std::uint32_t(p[1]) << 8);
}

std::uint32_t littleEndian24(const unsigned char* p) {
    return littleEndian16(p) | (std::uint32_t(p[2]) << 16);
}

std::uint32_t littleEndian32(const unsigned char* p) {
    return littleEndian24(p) | (std::uint32_t(p[3]) << 24);
}

// PNG: signature (8), then the IHDR chunk: length (4), "IHDR", width (4), height (4).
std::optional<ImageHeader> readPng(const unsigned char* data, std::size_t size) {
    if (size < 24 || std::memcmp(data + 12, "IHDR", 4) != 0) {
        return std::nullopt;
    }
    return ImageHeader{ImageFormat::Png, bigEndian32(data + 16), bigEndian32(data + 20), false};
}

// BMP: file header (14), then the DIB header; its size tells the version. OS/2's 12-byte
// header has 16-bit sides, the others signed 32-bit ones (a negative height: top-down rows).
std::optional<ImageHeader> readBmp(const unsigned char* data, std::size_t size) {
    if (size < 26) {
        return std::nullopt;
    }
    const std::uint32_t dibSize = littleEndian32(data + 14);
    if (dibSize == 12) {
        return ImageHeader{ImageFormat::Bmp, littleEndian16(data + 18), littleEndian16(data + 20),
                           false};
    }
    const auto width = static_cast<std::int32_t>(littleEndian32(data + 18));
    const auto height = static_cast<std::int32_t>(littleEndian32(data + 22));
    if (dibSize < 40 || width <= 0 || height == 0 || height == INT32_MIN) {
        return std::nullopt;
    }
    return ImageHeader{ImageFormat::Bmp, std::uint32_t(width),
                       std::uint32_t(height < 0 ? -height : height), false};
}

// WebP: "RIFF" size "WEBP", then the first chunk: "VP8 " (lossy), "VP8L" (lossless) or "VP8X"
// (extended: flags and the canvas size, animation among the flags).
std::optional<ImageHeader> readWebP(const unsigned char* data, std::size_t size) {
    if (size < 30) {
        return std::nullopt;
    }
    const unsigned char* chunk = data + 12;
    const unsigned char* payload = chunk + 8;
    if (std::memcmp(chunk, "VP8X", 4) == 0) {
        const bool animated = (payload[0] & 0x02) != 0;
        return ImageHeader{ImageFormat::WebP, littleEndian24(payload + 4) + 1,
                           littleEndian24(payload + 7) + 1, animated};
    }
    if (std::memcmp(chunk, "VP8L", 4) == 0) {
        if (payload[0] != 0x2F) {
            return std::nullopt;
        }
        const std::uint32_t bits = littleEndian32(payload + 1);
        return ImageHeader{ImageFormat::WebP, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1,
                           false};
    }
    if (std::memcmp(chunk, "VP8 ", 4) == 0) {
        // Frame tag (3), start code 9D 01 2A, then 14-bit width and height (2 scale bits).
        if (payload[3] != 0x9D || payload[4] != 0x01 || payload[5] != 0x2A) {
            return std::nullopt;
        }
        return ImageHeader{ImageFormat::WebP, littleEndian16(payload + 6) & 0x3FFF,
                           littleEndian16(payload + 8) & 0x3FFF, false};
    }
    return std::nullopt;
}

}  // namespace

std::optional<ImageHeader> ImageHeader::read(const unsigned char* data, std::size_t size) {
    const auto format = ImageDecoder::detectFormat(data, size);
    if (!format) {
        return std::nullopt;
    }
    std::optional<ImageHeader> header;
    switch (*format) {
        case ImageFormat::Jpeg:
            if (const auto jpeg = ImageDecoder::readJpegHeader(data, size)) {
                header = ImageHeader{ImageFormat::Jpeg, std::uint32_t(jpeg->width),
                                     std::uint32_t(jpeg->height), false};
            }
            break;
        case ImageFormat::Png:
            header = readPng(data, size);
            break;
        case ImageFormat::Bmp:
            header = readBmp(data, size);
            break;
        case ImageFormat::WebP:
            header = readWebP(data, size);
            break;
    }
    if (header && (header->width == 0 || header->height == 0)) {
        return std::nullopt;
    }
    return header;
}

}  // namespace tl
