// SPDX-License-Identifier: MIT
#include "data/LibjpegErrors.h"

// clang-format off: jerror.h needs jpeglib.h first
#include <jerror.h>
// clang-format on

namespace tl {
namespace {

constexpr int kEndOfImageMarker = 0xD9;

}  // namespace

void LibjpegErrors::install(jpeg_decompress_struct* info) {
    info->err = jpeg_std_error(&base);
    base.error_exit = onError;
    base.emit_message = onMessage;
}

std::string LibjpegErrors::messageOf(j_common_ptr info) {
    char text[JMSG_LENGTH_MAX] = {};
    info->err->format_message(info, text);
    return text;
}

bool LibjpegErrors::isDamage(const jpeg_error_mgr& error, const std::string& message) {
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

void LibjpegErrors::onError(j_common_ptr info) {
    auto* self = reinterpret_cast<LibjpegErrors*>(info->err);
    self->damage_ = messageOf(info);
    self->failed_ = true;
    std::longjmp(self->jump, 1);
}

void LibjpegErrors::onMessage(j_common_ptr info, int level) {
    auto* self = reinterpret_cast<LibjpegErrors*>(info->err);
    if (level < 0 && self->damage_.empty()) {
        const std::string message = messageOf(info);
        if (isDamage(self->base, message)) {
            self->damage_ = message;
        }
    }
}

}  // namespace tl
