// SPDX-License-Identifier: MIT
#include "data/ExifOrientation.h"

#include <opencv2/core.hpp>

#include <cstdint>
#include <optional>

namespace tl {
namespace {

constexpr std::size_t kExifHeaderBytes = 6;  // "Exif\0\0", skipped unchecked as OpenCV does
constexpr std::size_t kIfdEntryBytes = 12;
constexpr std::uint16_t kOrientationTag = 0x0112;

// A TIFF block in either byte order; reads outside it give nullopt.
class TiffBytes {
public:
    TiffBytes(const unsigned char* data, std::size_t size) : data_(data), size_(size) {
        littleEndian_ = size >= 2 && data[0] == 'I' && data[1] == 'I';
    }

    std::optional<std::uint16_t> u16(std::size_t offset) const {
        if (offset >= size_ || size_ - offset < 2) {
            return std::nullopt;
        }
        const unsigned char* p = data_ + offset;
        return littleEndian_ ? std::uint16_t(p[0] | (p[1] << 8))
                             : std::uint16_t((p[0] << 8) | p[1]);
    }

    std::optional<std::uint32_t> u32(std::size_t offset) const {
        const auto high = u16(littleEndian_ ? offset + 2 : offset);
        const auto low = u16(littleEndian_ ? offset : offset + 2);
        if (!high || !low) {
            return std::nullopt;
        }
        return (std::uint32_t(*high) << 16) | *low;
    }

private:
    const unsigned char* data_;
    std::size_t size_;
    bool littleEndian_ = false;
};

}  // namespace

int ExifOrientation::fromApp1(const unsigned char* app1, std::size_t size) {
    if (app1 == nullptr || size <= kExifHeaderBytes) {
        return kNone;
    }
    const TiffBytes tiff(app1 + kExifHeaderBytes, size - kExifHeaderBytes);
    if (tiff.u16(2) != std::uint16_t(0x002A)) {
        return kNone;
    }
    const auto ifd = tiff.u32(4);
    const auto entries = ifd ? tiff.u16(*ifd) : std::nullopt;
    if (!entries) {
        return kNone;
    }
    for (std::size_t i = 0; i < *entries; ++i) {
        const std::size_t entry = std::size_t(*ifd) + 2 + i * kIfdEntryBytes;
        const auto tag = tiff.u16(entry);
        if (!tag) {
            return kNone;
        }
        if (*tag == kOrientationTag) {
            // The value sits in the entry's first two value bytes, whatever type it claims.
            return tiff.u16(entry + 8).value_or(kNone);
        }
    }
    return kNone;
}

void ExifOrientation::apply(int orientation, cv::Mat& image) {
    const auto flipped = [&image](const cv::Mat& source, int code) {
        cv::Mat out;
        cv::flip(source, out, code);
        image = out;
    };
    const auto transposed = [&image]() {
        cv::Mat out;
        cv::transpose(image, out);
        return out;
    };
    switch (orientation) {
        case 2:
            flipped(image, 1);
            break;
        case 3:
            flipped(image, -1);
            break;
        case 4:
            flipped(image, 0);
            break;
        case 5:
            image = transposed();
            break;
        case 6:
            flipped(transposed(), 1);
            break;
        case 7:
            flipped(transposed(), -1);
            break;
        case 8:
            flipped(transposed(), 0);
            break;
        default:
            break;
    }
}

}  // namespace tl
