// SPDX-License-Identifier: MIT
#include "data/JpegIntegrity.h"

#include "data/LibjpegErrors.h"

#include <vector>

namespace tl {

namespace {

// The libjpeg part, without C++ objects that need destructors between setjmp and longjmp.
void scan(jpeg_decompress_struct* info, LibjpegErrors* errors, const unsigned char* data,
          std::size_t size, JSAMPLE* row) {
    if (setjmp(errors->jump) != 0) {
        return;  // errors->damage() holds the reason
    }
    jpeg_create_decompress(info);
    jpeg_mem_src(info, data, static_cast<unsigned long>(size));
    jpeg_read_header(info, TRUE);
    info->scale_num = 1;
    info->scale_denom = 8;
    info->dct_method = JDCT_IFAST;
    info->do_fancy_upsampling = FALSE;
    info->do_block_smoothing = FALSE;
    jpeg_start_decompress(info);
    while (info->output_scanline < info->output_height) {
        JSAMPROW rows[1] = {row};
        jpeg_read_scanlines(info, rows, 1);
    }
    // Reads up to the end-of-image marker, so data cut just before it is noticed too.
    jpeg_finish_decompress(info);
}

}  // namespace

std::string JpegIntegrity::problem(const unsigned char* data, std::size_t size) {
    jpeg_decompress_struct info{};
    LibjpegErrors errors;
    errors.install(&info);
    // One output row at 1/8 scale: at most 8192 pixels (JPEG sides are 16-bit) of at most
    // 10 components (libjpeg's MAX_COMPONENTS). Allocated here: nothing between setjmp and
    // longjmp may own memory.
    std::vector<JSAMPLE> row(8192 * 16);
    scan(&info, &errors, data, size, row.data());
    jpeg_destroy_decompress(&info);
    return errors.damage();
}

}  // namespace tl
