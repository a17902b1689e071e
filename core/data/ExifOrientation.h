// SPDX-License-Identifier: MIT
#pragma once

#include <opencv2/core/mat.hpp>

#include <cstddef>

namespace tl {

// The EXIF Orientation tag (1-8) of a JPEG, read and applied the way OpenCV 4.6's imdecode
// does, so TransferLab's own JPEG decoder (JpegReader) gives cv::imdecode's exact pixels:
// the first APP1 segment is taken as EXIF, its TIFF header parsed, and IFD0's tag 0x0112
// applied as flips and transposes.
class ExifOrientation {
public:
    static constexpr int kNone = 1;

    // `app1` is the payload of the first APP1 segment (after its length field, starting with
    // "Exif\0\0" for EXIF). Returns kNone when there is no orientation tag or the data is
    // malformed; every read is bounds-checked.
    static int fromApp1(const unsigned char* app1, std::size_t size);

    // Turns `image` so that it is shown upright; values outside 2-8 leave it as it is.
    static void apply(int orientation, cv::Mat& image);
};

}  // namespace tl
