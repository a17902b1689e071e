// SPDX-License-Identifier: MIT
#include "data/JpegIntegrity.h"

#include <csetjmp>
#include <cstdio>
#include <vector>

// clang-format off: jpeglib.h needs <cstdio> first
#include <jerror.h>
#include <jpeglib.h>
// clang-format on

namespace tl {

namespace {

constexpr int kEndOfImageMarker = 0xD9;

// libjpeg reports fatal errors through error_exit (which must not return: we jump back) and
// warnings through emit_message(-1); both only printed to stderr by default.
struct ErrorManager {
    jpeg_error_mgr base{};
    std::jmp_buf jump{};
    std::string damage;  // the first warning that means lost or wrong pixels
};

std::string messageOf(j_common_ptr info) {
    char text[JMSG_LENGTH_MAX] = {};
    info->err->format_message(info, text);
    return text;
}

bool isDamage(const jpeg_error_mgr& error, const std::string& message) {
    // "bad arithmetic code" has no portable code name (jerror.h declares it conditionally).
    if (message.rfind("Corrupt JPEG data: bad arithmetic code", 0) == 0) {
        return true;
    }
    switch (error.msg_code) {
        case JWRN_JPEG_EOF:
        case JWRN_HIT_MARKER:
        case JWRN_HUFF_BAD_CODE:
        case JWRN_MUST_RESYNC:
        case JWRN_NOT_SEQUENTIAL:
        case JWRN_BOGUS_PROGRESSION:
            return true;
        case JWRN_EXTRANEOUS_DATA:
            // Stray bytes before the end-of-image marker follow a complete scan (common and
            // harmless); before any other marker they mean lost data.
            return error.msg_parm.i[1] != kEndOfImageMarker;
        default:
            return false;
    }
}

[[noreturn]] void onError(j_common_ptr info) {
    auto* manager = reinterpret_cast<ErrorManager*>(info->err);
    manager->damage = messageOf(info);
    std::longjmp(manager->jump, 1);
}

void onMessage(j_common_ptr info, int level) {
    auto* manager = reinterpret_cast<ErrorManager*>(info->err);
    if (level < 0 && manager->damage.empty()) {
        const std::string message = messageOf(info);
        if (isDamage(manager->base, message)) {
            manager->damage = message;
        }
    }
}

// The libjpeg part, without C++ objects that need destructors between setjmp and longjmp.
void scan(jpeg_decompress_struct* info, ErrorManager* errors, const unsigned char* data,
          std::size_t size, JSAMPLE* row) {
    if (setjmp(errors->jump) != 0) {
        return;  // errors->damage holds the reason
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
    ErrorManager errors;
    info.err = jpeg_std_error(&errors.base);
    errors.base.error_exit = onError;
    errors.base.emit_message = onMessage;
    // One output row at 1/8 scale: at most 8192 pixels (JPEG sides are 16-bit) of at most
    // 10 components (libjpeg's MAX_COMPONENTS). Allocated here: nothing between setjmp and
    // longjmp may own memory.
    std::vector<JSAMPLE> row(8192 * 16);
    scan(&info, &errors, data, size, row.data());
    jpeg_destroy_decompress(&info);
    return errors.damage;
}

}  // namespace tl
