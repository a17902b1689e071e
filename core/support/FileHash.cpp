// SPDX-License-Identifier: MIT
#include "support/FileHash.h"

#include <vector>

#include "support/Errors.h"
#include "support/RegularFile.h"

namespace tl {

QByteArray FileHash::of(const QString& file, QCryptographicHash::Algorithm algorithm) {
    return of(QStringList{file}, algorithm);
}

QByteArray FileHash::of(const QStringList& files, QCryptographicHash::Algorithm algorithm) {
    QCryptographicHash hash(algorithm);
    std::vector<char> buffer(1 << 20);
    for (const QString& path : files) {
        // Regular files only: a FIFO would block the read, a device never end it.
        RegularFile file(std::filesystem::path(path.toStdU16String()));
        std::uint64_t total = 0;
        while (file.isOpen()) {
            const std::size_t got = file.read(buffer.data(), buffer.size());
            if (got == 0) {
                break;
            }
            hash.addData(QByteArrayView(buffer.data(), qsizetype(got)));
            total += got;
        }
        if (!file.isOpen() || total != file.size()) {
            const std::string problem =
                file.isOpen() ? "the file changed while it was read" : file.problem();
            throw FileSystemError("cannot read '" + path.toStdString() + "': " + problem,
                                  path.toStdU16String());
        }
    }
    return hash.result().toHex();
}

}  // namespace tl
