// SPDX-License-Identifier: MIT
#include "data/ImageLimits.h"

#include <mutex>

namespace tl {

namespace {

std::mutex& limitsMutex() {
    static std::mutex mutex;
    return mutex;
}

ImageLimits& processLimits() {
    static ImageLimits limits;
    return limits;
}

// "900 megapixels", "12.3 megapixels"; small limits (tests) in plain pixels.
std::string pixelCount(std::uint64_t pixels) {
    if (pixels < 1'000'000) {
        return std::to_string(pixels) + " pixels";
    }
    const std::uint64_t tenths = (pixels + 50'000) / 100'000;
    return std::to_string(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "") +
           " megapixels";
}

std::string megabytes(std::uint64_t bytes) {
    return std::to_string((bytes + (1u << 19)) >> 20);
}

}  // namespace

ImageLimits ImageLimits::current() {
    std::lock_guard<std::mutex> lock(limitsMutex());
    return processLimits();
}

void ImageLimits::setCurrent(const ImageLimits& limits) {
    std::lock_guard<std::mutex> lock(limitsMutex());
    processLimits() = limits;
}

std::string ImageLimits::pixelProblem(std::uint64_t width, std::uint64_t height) const {
    // Both sides come from 16- or 32-bit header fields: the product cannot overflow 64 bits.
    const std::uint64_t pixels = width * height;
    if (pixels <= maxPixels) {
        return {};
    }
    return std::to_string(width) + "x" + std::to_string(height) + " pixels (" + pixelCount(pixels) +
           ") is over the limit of " + pixelCount(maxPixels) + " per image (--max-pixels)";
}

std::string ImageLimits::fileSizeProblem(std::uint64_t bytes) const {
    if (bytes <= maxFileBytes) {
        return {};
    }
    return "the file is " + megabytes(bytes) + " MB, over the limit of " + megabytes(maxFileBytes) +
           " MB for an image file (--max-file-mb)";
}

}  // namespace tl
