// SPDX-License-Identifier: MIT
#include "support/CacheFolderLimit.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <utility>
#include <vector>

namespace tl {

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
    std::vector<QFileInfo> own;
    for (const QFileInfo& entry : entries) {
        if (entry.isFile() && !entry.isSymLink() && ownNames_.match(entry.fileName()).hasMatch()) {
            own.push_back(entry);
            result.bytesBefore += std::uint64_t(std::max<qint64>(0, entry.size()));
        }
    }
    result.bytesAfter = result.bytesBefore;
    if (result.bytesBefore <= maxBytes_) {
        return result;
    }
    std::sort(own.begin(), own.end(), [](const QFileInfo& a, const QFileInfo& b) {
        return a.lastModified() < b.lastModified();
    });
    for (const QFileInfo& file : own) {
        if (result.bytesAfter <= targetBytes_) {
            break;
        }
        if (QFile::remove(file.absoluteFilePath())) {
            result.bytesAfter -= std::min(result.bytesAfter, std::uint64_t(file.size()));
            ++result.filesRemoved;
        }
    }
    return result;
}

}  // namespace tl
