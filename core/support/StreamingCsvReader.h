// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

class QIODevice;

namespace tl {

// Reads a CSV file record by record through one fixed-size buffer, so a multi-GB file costs
// the same memory as a small one. RFC 4180 quoting is supported (quoted commas, doubled
// quotes, line breaks inside quotes); CRLF and LF line ends both work.
//
// Fields are string_views into the reader's buffer: valid until the next call to next().
// Unquoted records (the bulk of Open Images) are split in place without any copy.
class StreamingCsvReader {
public:
    // The reader does not own the device; it must be open for reading.
    explicit StreamingCsvReader(QIODevice* device, std::size_t bufferBytes = 1 << 20);
    ~StreamingCsvReader();

    // At most n fields per unquoted record: the n-th holds the unsplit rest of the line.
    // A speed-up for callers that only read leading columns (records with quotes are still
    // split fully). 0 = no limit.
    void setMaxFields(std::size_t n) { maxFields_ = n; }

    // Reads the next record into `fields`; false at the end of the data or on error().
    bool next(std::vector<std::string_view>& fields);

    // Bytes consumed from the device so far (for progress), records returned so far.
    qint64 bytesRead() const { return bytesRead_; }
    qint64 recordNumber() const { return records_; }
    // Non-empty when reading stopped on an error (I/O, or a record larger than the limit).
    QString error() const { return error_; }

    // A record may grow the buffer up to this size before it is rejected.
    static constexpr std::size_t kMaxRecordBytes = 64 << 20;

private:
    bool fill();
    bool findRecordEnd(std::size_t* end, std::size_t* next);
    void finishRecord(std::size_t length, std::size_t consumed,
                      std::vector<std::string_view>& fields);
    bool splitPlain(std::string_view record, std::vector<std::string_view>& fields);
    void splitQuoted(std::string_view record, std::vector<std::string_view>& fields);

    QIODevice* device_;
    std::vector<char> buffer_;
    std::size_t begin_ = 0;  // first unread byte in buffer_
    std::size_t end_ = 0;    // one past the last valid byte in buffer_
    bool eof_ = false;
    qint64 bytesRead_ = 0;
    qint64 records_ = 0;
    QString error_;
    std::size_t maxFields_ = 0;
    std::string unquoted_;  // backing store for the fields of a quoted record
};

}  // namespace tl
