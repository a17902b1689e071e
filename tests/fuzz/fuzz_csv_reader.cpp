// SPDX-License-Identifier: MIT
// StreamingCsvReader: any bytes, any buffer size, any field limit. The first two bytes choose
// the buffer size (so record boundaries fall everywhere) and the field limit.
#include <QBuffer>

#include <string_view>
#include <vector>

#include "FuzzSupport.h"
#include "support/StreamingCsvReader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) {
        return 0;
    }
    const std::size_t bufferBytes = 1 + data[0] % 64;
    const std::size_t maxFields = data[1] % 8;
    QByteArray bytes = tl::fuzz::bytesOf(data + 2, size - 2);
    QBuffer device(&bytes);
    device.open(QIODevice::ReadOnly);
    tl::StreamingCsvReader reader(&device, bufferBytes);
    reader.setMaxFields(maxFields);
    // The field limit holds for records without quotes; quoted ones are split fully (the
    // reader's documented contract), so the limit is checked only on inputs without any quote.
    const bool anyQuote = bytes.contains('"');
    std::vector<std::string_view> fields;
    std::size_t total = 0;
    while (reader.next(fields)) {
        for (const std::string_view field : fields) {
            // Every field must lie inside memory the reader owns: touch each byte.
            for (const char c : field) {
                total += static_cast<unsigned char>(c);
            }
        }
        if (!anyQuote && maxFields > 0 && fields.size() > maxFields) {
            __builtin_trap();  // the limit was not honoured
        }
    }
    if (reader.bytesRead() > qint64(bytes.size())) {
        __builtin_trap();
    }
    if (reader.error().isEmpty() && reader.recordNumber() > 0) {
        tl::fuzz::markParsed();
    }
    return total == 0xFFFFFFFF ? 1 : 0;
}
