// SPDX-License-Identifier: MIT
#include "support/FileHash.h"

#include <QFile>

#include "support/Errors.h"

namespace tl {

QByteArray FileHash::of(const QString& file, QCryptographicHash::Algorithm algorithm) {
    return of(QStringList{file}, algorithm);
}

QByteArray FileHash::of(const QStringList& files, QCryptographicHash::Algorithm algorithm) {
    QCryptographicHash hash(algorithm);
    for (const QString& path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file) || !file.atEnd()) {
            throw FileSystemError(
                "cannot read '" + path.toStdString() + "': " + file.errorString().toStdString(),
                path.toStdU16String());
        }
    }
    return hash.result().toHex();
}

}  // namespace tl
