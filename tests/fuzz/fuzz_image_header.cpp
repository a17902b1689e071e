// SPDX-License-Identifier: MIT
// The checks every image goes through before it is decoded: format detection, the size from
// the JPEG/PNG/BMP/WebP header, and libjpeg's integrity scan of JPEG data (at most a small
// decode: the scan never allocates full-size pixels). Small images are then decoded too,
// damaged or not, through JpegReader's one-pass decode and EXIF orientation.
#include <cstdint>
#include <vector>

#include "FuzzSupport.h"
#include "data/ImageDecoder.h"
#include "data/ImageHeader.h"
#include "data/ImageLimits.h"
#include "data/JpegIntegrity.h"
#include "support/Errors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto header = tl::ImageHeader::read(data, size);
    if (!header) {
        return 0;
    }
    if (header->width == 0 || header->height == 0) {
        __builtin_trap();
    }
    tl::ImageLimits limits;
    limits.maxPixels = 4'000'000;  // keeps the integrity scan of huge claims small
    const std::vector<unsigned char> bytes(data, data + size);
    try {
        tl::ImageDecoder::checkHeader(bytes, "fuzz.jpg", limits);
        tl::fuzz::markParsed();
    } catch (const tl::Error&) {
    }
    if (header->format == tl::ImageFormat::Jpeg &&
        std::uint64_t(header->width) * header->height <= 1'000'000) {
        tl::DecodeOptions options;
        options.limits = limits;
        options.limits.keepDamagedJpegs = true;
        try {
            tl::ImageDecoder(cv::Size(24, 24), options).decode(bytes, "fuzz.jpg");
        } catch (const tl::Error&) {
        }
    }
    return 0;
}
