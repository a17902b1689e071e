// SPDX-License-Identifier: MIT
#pragma once
// Shared by the fuzz targets (tests/fuzz/fuzz_*.cpp). Each target defines libFuzzer's entry
// point, LLVMFuzzerTestOneInput; it is linked with libFuzzer in the clang fuzz build
// (scripts/fuzz, scripts/sanitize) and with FuzzReplay.cpp everywhere else, so that CTest
// replays the committed corpus and crash reproducers in the normal build too.
//
// A target must never crash, hang, leak or touch memory it does not own on any input; the
// errors our code reports on bad input (tl::Error) are expected and caught. Any other
// exception escapes and is a finding.

#include <QByteArray>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace tl::fuzz {

// Inputs that went all the way through (were valid): the replay driver's --expect-parsed
// checks that the seed corpus holds at least one, so the targets reach their deep code.
inline int& parsedInputs() {
    static int count = 0;
    return count;
}
inline void markParsed() {
    ++parsedInputs();
}

inline QByteArray bytesOf(const std::uint8_t* data, std::size_t size) {
    return QByteArray(reinterpret_cast<const char*>(data), qsizetype(size));
}

// Splits an input at the first line that is exactly `separator` (text seeds stay readable):
// the part before it and the bytes after it.
inline std::pair<QByteArray, QByteArray> splitAt(const QByteArray& input,
                                                 const QByteArray& separator) {
    const QByteArray marker = "\n" + separator + "\n";
    const qsizetype at = input.indexOf(marker);
    if (at < 0) {
        return {input, {}};
    }
    return {input.left(at), input.mid(at + marker.size())};
}

}  // namespace tl::fuzz
