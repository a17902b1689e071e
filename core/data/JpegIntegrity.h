// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>

namespace tl {

// Whether a JPEG's compressed data is whole. OpenCV's decoder turns a JPEG cut short or with
// damaged data into a picture that is partly grey, and only prints a libjpeg warning on
// stderr; this runs libjpeg itself over every entropy-coded segment (at 1/8 scale, so only
// the DC coefficients are transformed: cheap, and no full-size buffer for baseline JPEGs) and
// turns those warnings into a reason.
class JpegIntegrity {
public:
    // Empty when the data decodes without damage; otherwise libjpeg's reason ("Premature end
    // of JPEG file", "Corrupt JPEG data: bad Huffman code", ...). Warnings that do not affect
    // the pixels (an unknown JFIF revision, bytes after the last scan) are not damage.
    static std::string problem(const unsigned char* data, std::size_t size);
};

}  // namespace tl
