// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QStringList>

namespace tl {

// Digests of file contents, in lower-case hex. A file that cannot be opened or read to its
// end throws FileSystemError naming it: a failed read is never reported as a mismatch.
class FileHash {
public:
    static QByteArray of(const QString& file,
                         QCryptographicHash::Algorithm algorithm = QCryptographicHash::Sha256);
    // One digest over several files, in order (a TF.js model and its weight shards).
    static QByteArray of(const QStringList& files,
                         QCryptographicHash::Algorithm algorithm = QCryptographicHash::Sha256);
};

}  // namespace tl
