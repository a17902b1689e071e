// SPDX-License-Identifier: MIT
#pragma once

#include <QRegularExpression>
#include <QString>

#include <cstdint>

namespace tl {

// Keeps a cache folder that TransferLab fills (thumbnails) under a size limit: once its files
// take more than `maxBytes` of disk (whole blocks, as du counts), the oldest (by modification time)
// are deleted until `targetBytes` remain, so the folder does not grow with every photo ever shown
// (688 MiB after one scroll through 100,000 photos). Only regular files directly in the folder
// whose names match `ownNames` are counted or deleted: never links, subfolders or anything
// TransferLab did not write.
class CacheFolderLimit {
public:
    struct Result {
        std::uint64_t bytesBefore = 0;
        std::uint64_t bytesAfter = 0;
        int filesRemoved = 0;
    };

    CacheFolderLimit(std::uint64_t maxBytes, std::uint64_t targetBytes,
                     QRegularExpression ownNames);

    // Safe to run in a worker while other threads add files: a file that vanished or cannot be
    // deleted is skipped.
    Result apply(const QString& folder) const;

private:
    std::uint64_t maxBytes_;
    std::uint64_t targetBytes_;
    QRegularExpression ownNames_;
};

}  // namespace tl
