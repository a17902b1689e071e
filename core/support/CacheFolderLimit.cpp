// SPDX-License-Identifier: MIT
#include "support/CacheFolderLimit.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <utility>
#include <vector>

#if defined(Q_OS_UNIX)
#include <sys/stat.h>
#endif

namespace tl {

namespace {

// The space a file takes on disk, which is what the user sees of the cache (du, a file
// manager): whole blocks, so a 5 KB thumbnail takes 8 KiB, and counting sizes let a limit of
// 512 MiB become 680 MiB of disk after 100,000 thumbnails. Never less than the size (a
// compressing file system may allocate less).
std::uint64_t diskBytes(const QFileInfo& file) {
    const auto size = std::uint64_t(std::max<qint64>(0, file.size()));
#if defined(Q_OS_UNIX)
    struct stat status {};
    if (::lstat(QFile::encodeName(file.absoluteFilePath()).constData(), &status) == 0) {
        return std::max(size, std::uint64_t(status.st_blocks) * 512);
    }
    return size;
#else
    constexpr std::uint64_t kBlock = 4096;  // NTFS's and APFS's usual cluster
    return (size + kBlock - 1) / kBlock * kBlock;
#endif
}

}  // namespace

CacheFolderLimit::CacheFolderLimit(std::uint64_t maxBytes, std::uint64_t targetBytes,
                                   QRegularExpression ownNames)
    : maxBytes_(maxBytes),
      targetBytes_(std::min(targetBytes, maxBytes)),
      ownNames_(std::move(ownNames)) {}

CacheFolderLimit::Result CacheFolderLimit::apply(const QString& folder) const {
    Result result;
    if (folder.isEmpty()) {
        return result;
    }
    // QDir::System is left out, so sockets and FIFOs are never listed; links are not followed.
    const QFileInfoList entries =
        QDir(folder).entryInfoList(QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDir::Unsorted);
    std::vector<std::pair<QFileInfo, std::uint64_t>> own;  // with the bytes each takes
    for (const QFileInfo& entry : entries) {
        if (entry.isFile() && !entry.isSymLink() && ownNames_.match(entry.fileName()).hasMatch()) {
            own.emplace_back(entry, diskBytes(entry));
            result.bytesBefore += own.back().second;
        }
    }
    result.bytesAfter = result.bytesBefore;
    if (result.bytesBefore <= maxBytes_) {
        return result;
    }
    std::sort(own.begin(), own.end(), [](const auto& a, const auto& b) {
        return a.first.lastModified() < b.first.lastModified();
    });
    for (const auto& [file, bytes] : own) {
        if (result.bytesAfter <= targetBytes_) {
            break;
        }
        if (QFile::remove(file.absoluteFilePath())) {
            result.bytesAfter -= std::min(result.bytesAfter, bytes);
            ++result.filesRemoved;
        }
    }
    return result;
}

}  // namespace tl
