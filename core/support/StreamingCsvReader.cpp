// SPDX-License-Identifier: MIT
#include "support/StreamingCsvReader.h"

#include <QIODevice>

#include <cstring>

namespace tl {

StreamingCsvReader::StreamingCsvReader(QIODevice* device, std::size_t bufferBytes)
    : device_(device), buffer_(std::max<std::size_t>(bufferBytes, 4096)) {}

StreamingCsvReader::~StreamingCsvReader() = default;

bool StreamingCsvReader::next(std::vector<std::string_view>& fields) {
    fields.clear();
    if (!error_.isEmpty()) {
        return false;
    }
    for (;;) {
        // Fast path, nearly every Open Images row: one pass over the line splits it at
        // commas; a quote anywhere sends the record to the slow, quote-aware path.
        const char* start = buffer_.data() + begin_;
        const char* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
        if (newline && splitPlain(std::string_view(start, std::size_t(newline - start)), fields)) {
            finishRecord(std::size_t(newline - start), std::size_t(newline - start) + 1, fields);
            return true;
        }
        fields.clear();
        std::size_t recordEnd = 0;
        std::size_t nextBegin = 0;
        const bool found = newline && findRecordEnd(&recordEnd, &nextBegin);
        if (!found && !eof_) {
            if (!fill()) {
                return false;
            }
            continue;
        }
        if (!found) {  // the last record may lack its line break
            if (begin_ >= end_) {
                return false;
            }
            recordEnd = nextBegin = end_;
        }
        const std::string_view record(start, recordEnd - begin_);
        if (!splitPlain(record, fields)) {
            fields.clear();
            splitQuoted(record, fields);
        }
        finishRecord(recordEnd - begin_, nextBegin - begin_, fields);
        return true;
    }
}

// Drops the CR of CRLF and a leading UTF-8 byte order mark, then consumes the record.
void StreamingCsvReader::finishRecord(std::size_t length, std::size_t consumed,
                                      std::vector<std::string_view>& fields) {
    if (length > 0 && !fields.empty()) {
        std::string_view& last = fields.back();
        if (!last.empty() && last.back() == '\r') {
            last.remove_suffix(1);
        }
    }
    if (records_ == 0 && !fields.empty() && fields.front().substr(0, 3) == "\xEF\xBB\xBF") {
        fields.front().remove_prefix(3);  // written by spreadsheet tools
    }
    bytesRead_ += qint64(consumed);
    begin_ += consumed;
    ++records_;
}

// Finds the line break that ends the record starting at begin_, honouring quotes.
bool StreamingCsvReader::findRecordEnd(std::size_t* end, std::size_t* next) {
    const char* start = buffer_.data() + begin_;
    const std::size_t available = end_ - begin_;
    const char* newline = static_cast<const char*>(std::memchr(start, '\n', available));
    if (!newline) {
        return false;
    }
    if (!std::memchr(start, '"', std::size_t(newline - start))) {
        *end = begin_ + std::size_t(newline - start);
        *next = *end + 1;
        return true;
    }
    bool inQuotes = false;
    for (std::size_t i = 0; i < available; ++i) {
        const char c = start[i];
        if (c == '"') {
            inQuotes = !inQuotes;  // a doubled quote toggles twice: still correct
        } else if (c == '\n' && !inQuotes) {
            *end = begin_ + i;
            *next = *end + 1;
            return true;
        }
    }
    return false;
}

bool StreamingCsvReader::fill() {
    if (begin_ > 0) {
        std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    if (end_ == buffer_.size()) {
        if (buffer_.size() >= kMaxRecordBytes) {
            error_ = QStringLiteral("record %1 is longer than %2 MB")
                         .arg(records_ + 1)
                         .arg(kMaxRecordBytes >> 20);
            return false;
        }
        buffer_.resize(std::min(buffer_.size() * 2, kMaxRecordBytes));
    }
    const qint64 got = device_->read(buffer_.data() + end_, qint64(buffer_.size() - end_));
    if (got < 0) {
        error_ = device_->errorString();
        return false;
    }
    if (got == 0) {
        eof_ = true;
    }
    end_ += std::size_t(got);
    return true;
}

// Splits a record without quotes; returns false (fields incomplete) if it has any.
bool StreamingCsvReader::splitPlain(std::string_view record,
                                    std::vector<std::string_view>& fields) {
    const char* data = record.data();
    const std::size_t splitFields = maxFields_ > 0 ? maxFields_ - 1 : record.size() + 1;
    std::size_t fieldStart = 0;
    std::size_t i = 0;
    // A byte loop beats one memchr per field: fields are a few bytes long.
    for (; i < record.size() && fields.size() < splitFields; ++i) {
        const char c = data[i];
        if (c == ',') {
            fields.emplace_back(data + fieldStart, i - fieldStart);
            fieldStart = i + 1;
        } else if (c == '"') {
            return false;
        }
    }
    if (i < record.size() && std::memchr(data + i, '"', record.size() - i)) {
        return false;  // a quote in the unsplit tail can still hide a comma or a line break
    }
    fields.emplace_back(data + fieldStart, record.size() - fieldStart);
    return true;
}

void StreamingCsvReader::splitQuoted(std::string_view record,
                                     std::vector<std::string_view>& fields) {
    // Unescaped text is never longer than the raw record, so reserving that much up front
    // guarantees no reallocation while field offsets are being collected.
    unquoted_.clear();
    unquoted_.reserve(record.size());
    std::vector<std::pair<std::size_t, std::size_t>> spans;
    std::size_t i = 0;
    for (;;) {
        const std::size_t fieldStart = unquoted_.size();
        bool quoted = i < record.size() && record[i] == '"';
        if (quoted) {
            ++i;
        }
        while (i < record.size()) {
            const char c = record[i];
            if (quoted && c == '"') {
                if (i + 1 < record.size() && record[i + 1] == '"') {
                    unquoted_.push_back('"');
                    i += 2;
                    continue;
                }
                quoted = false;  // closing quote; anything up to the comma is kept as is
                ++i;
                continue;
            }
            if (!quoted && c == ',') {
                break;
            }
            unquoted_.push_back(c);
            ++i;
        }
        spans.emplace_back(fieldStart, unquoted_.size() - fieldStart);
        if (i >= record.size()) {
            break;
        }
        ++i;  // the comma
    }
    for (const auto& [offset, length] : spans) {
        fields.emplace_back(unquoted_.data() + offset, length);
    }
}

}  // namespace tl
