// SPDX-License-Identifier: MIT
#include "data/JpegReader.h"

#include "data/ExifOrientation.h"
#include "data/LibjpegErrors.h"

#include <opencv2/core.hpp>

#include <string>

namespace tl {
namespace {

constexpr int kApp1 = JPEG_APP0 + 1;

// A frame without Huffman tables is a Motion-JPEG frame: OpenCV supplies the standard tables,
// this reader does not.
bool hasHuffmanTables(const jpeg_decompress_struct& info) {
    return info.ac_huff_tbl_ptrs[0] != nullptr || info.ac_huff_tbl_ptrs[1] != nullptr ||
           info.dc_huff_tbl_ptrs[0] != nullptr || info.dc_huff_tbl_ptrs[1] != nullptr;
}

// The first APP1 segment, which OpenCV takes as the EXIF block.
int orientationOf(const jpeg_decompress_struct& info) {
    for (jpeg_saved_marker_ptr marker = info.marker_list; marker; marker = marker->next) {
        if (marker->marker == kApp1) {
            return ExifOrientation::fromApp1(marker->data, marker->data_length);
        }
    }
    return ExifOrientation::kNone;
}

// The libjpeg calls up to the output size, without C++ objects that need destructors between
// setjmp and longjmp. Returns false when libjpeg failed or the JPEG is not for this reader.
// The orientation is read here: the saved markers are freed by jpeg_finish_decompress().
bool readHeader(jpeg_decompress_struct* info, LibjpegErrors* errors, const unsigned char* data,
                std::size_t size, int reduction, bool* handled, int* orientation) {
    if (setjmp(errors->jump) != 0) {
        return false;
    }
    jpeg_create_decompress(info);
    jpeg_mem_src(info, data, static_cast<unsigned long>(size));
    jpeg_save_markers(info, kApp1, 0xFFFF);
    jpeg_read_header(info, TRUE);
    *orientation = orientationOf(*info);
    if (info->num_components == 4 || !hasHuffmanTables(*info)) {
        *handled = false;
        return false;
    }
    // cv::imdecode's settings: RGB out, libjpeg's default IDCT and upsampling.
    info->out_color_space = JCS_RGB;
    info->scale_num = 1;
    info->scale_denom = static_cast<unsigned int>(reduction);
    jpeg_calc_output_dimensions(info);
    return true;
}

bool readPixels(jpeg_decompress_struct* info, LibjpegErrors* errors, unsigned char* pixels,
                std::size_t stride) {
    if (setjmp(errors->jump) != 0) {
        return false;
    }
    jpeg_start_decompress(info);
    while (info->output_scanline < info->output_height) {
        JSAMPROW rows[1] = {pixels + stride * info->output_scanline};
        jpeg_read_scanlines(info, rows, 1);
    }
    // Reads up to the end-of-image marker, so data cut just before it is noticed too.
    jpeg_finish_decompress(info);
    return true;
}

// Owns the decompress struct, so every path out destroys it.
struct Decompressor {
    Decompressor() { errors.install(&info); }
    ~Decompressor() { jpeg_destroy_decompress(&info); }
    Decompressor(const Decompressor&) = delete;
    Decompressor& operator=(const Decompressor&) = delete;

    jpeg_decompress_struct info{};
    LibjpegErrors errors;
};

}  // namespace

JpegReadResult JpegReader::decodeRgb(const unsigned char* data, std::size_t size, int reduction,
                                     std::uint64_t maxPixels) {
    JpegReadResult result;
    if (reduction != 1 && reduction != 2 && reduction != 4 && reduction != 8) {
        reduction = 1;
    }
    Decompressor decompressor;
    int orientation = ExifOrientation::kNone;
    if (!readHeader(&decompressor.info, &decompressor.errors, data, size, reduction,
                    &result.handled, &orientation)) {
        result.damage = decompressor.errors.damage();
        return result;
    }
    const std::uint64_t pixels =
        std::uint64_t(decompressor.info.image_width) * decompressor.info.image_height;
    if (pixels > maxPixels) {
        result.damage = "the frame has " + std::to_string(pixels) + " pixels, more than the " +
                        std::to_string(maxPixels) + " allowed";
        return result;
    }
    cv::Mat rgb(static_cast<int>(decompressor.info.output_height),
                static_cast<int>(decompressor.info.output_width), CV_8UC3);
    const bool complete =
        readPixels(&decompressor.info, &decompressor.errors, rgb.data, rgb.step[0]);
    result.damage = decompressor.errors.damage();
    if (!complete) {
        return result;  // fatal error: no pixels, as cv::imdecode gives none
    }
    ExifOrientation::apply(orientation, rgb);
    result.rgb = rgb;
    return result;
}

}  // namespace tl
