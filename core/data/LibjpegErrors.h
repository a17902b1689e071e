// SPDX-License-Identifier: MIT
#pragma once

#include <csetjmp>
#include <cstdio>
#include <string>

// clang-format off: jpeglib.h needs <cstdio> first
#include <jpeglib.h>
// clang-format on

namespace tl {

// libjpeg's error handling for TransferLab's own decodes: a fatal error jumps back to the
// caller's setjmp (libjpeg's default exits the process), and the first warning that means lost
// or wrong pixels is kept as the damage reason (libjpeg's default only prints it). Private to
// core: only JpegIntegrity and JpegReader include it.
// Use: install() on the decompress struct before jpeg_create_decompress(), then
// `if (setjmp(errors.jump) != 0)` around the libjpeg calls; nothing between setjmp and a
// longjmp may own memory (no C++ objects with destructors).
class LibjpegErrors {
public:
    void install(jpeg_decompress_struct* info);

    // libjpeg's reason for the first damage or the fatal error; empty when the data was whole.
    const std::string& damage() const { return damage_; }
    // Whether a fatal error stopped libjpeg (as opposed to a damage warning it went on after).
    bool failed() const { return failed_; }

    jpeg_error_mgr base{};  // first member: libjpeg's callbacks cast back to LibjpegErrors
    std::jmp_buf jump{};

private:
    [[noreturn]] static void onError(j_common_ptr info);
    static void onMessage(j_common_ptr info, int level);
    static bool isDamage(const jpeg_error_mgr& error, const std::string& message);
    static std::string messageOf(j_common_ptr info);

    std::string damage_;
    bool failed_ = false;
};

}  // namespace tl
