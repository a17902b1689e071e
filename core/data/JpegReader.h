// SPDX-License-Identifier: MIT
#pragma once

#include <opencv2/core/mat.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace tl {

// What JpegReader::decodeRgb() produced.
struct JpegReadResult {
    // False for JPEGs this reader leaves to OpenCV (CMYK/YCCK, Motion-JPEG frames without
    // Huffman tables): the caller then checks with JpegIntegrity and decodes with cv::imdecode.
    bool handled = true;
    cv::Mat rgb;         // CV_8UC3, upright; empty when libjpeg gave up (see damage)
    std::string damage;  // libjpeg's reason when the data is damaged or unreadable
};

// Decodes a JPEG to RGB with libjpeg in one pass that also notices damaged data. Before it,
// every model input was decoded twice: once by JpegIntegrity (a whole entropy-decoding pass,
// a third of the decode's time) and once by cv::imdecode. The pixels equal cv::imdecode's
// (same libjpeg-turbo, same settings, EXIF orientation applied the same way; checked by
// TestJpegReader), so the documented preprocessing (cv2.imread) still reproduces them.
class JpegReader {
public:
    // `reduction` is libjpeg's DCT scaling: 1, 2, 4 or 8 (as cv::IMREAD_REDUCED_COLOR_*).
    // Frames of more than `maxPixels` (as libjpeg reads the size) are refused before any pixel
    // is allocated, whatever the caller's own header check found.
    static JpegReadResult decodeRgb(const unsigned char* data, std::size_t size, int reduction,
                                    std::uint64_t maxPixels);
};

}  // namespace tl
