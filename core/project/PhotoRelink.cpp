// SPDX-License-Identifier: MIT
#include "project/PhotoRelink.h"

#include <QDir>
#include <QFileInfo>

namespace tl {

QHash<QString, QString> findMovedPhotos(const QStringList& missing, const QString& newFolder) {
    QHash<QString, QString> found;
    const QDir folder(newFolder);
    for (const QString& path : missing) {
        const QStringList parts = QDir::fromNativeSeparators(path).split('/', Qt::SkipEmptyParts);
        for (int k = parts.size(); k >= 1; --k) {
            const QString candidate =
                QDir::cleanPath(folder.filePath(parts.mid(parts.size() - k).join('/')));
            if (candidate != path && QFileInfo(candidate).isFile()) {
                found.insert(path, candidate);
                break;
            }
        }
    }
    return found;
}

}  // namespace tl
