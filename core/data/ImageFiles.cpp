// SPDX-License-Identifier: MIT
#include "data/ImageFiles.h"

#include <QFileInfo>

#include "support/Paths.h"

namespace tl {

const QStringList& ImageFiles::extensions() {
    static const QStringList list{"jpg", "jpeg", "png", "bmp", "webp"};
    return list;
}

bool ImageFiles::hasImageExtension(const QString& fileName) {
    return extensions().contains(QFileInfo(fileName).suffix().toLower());
}

bool ImageFiles::hasImageExtension(const std::filesystem::path& path) {
    return hasImageExtension(toQString(path.filename()));
}

const QStringList& ImageFiles::nameFilters() {
    static const QStringList filters = [] {
        QStringList list;
        for (const QString& extension : extensions()) {
            list << "*." + extension << "*." + extension.toUpper();
        }
        return list;
    }();
    return filters;
}

QString ImageFiles::dialogPattern() {
    QStringList patterns;
    for (const QString& extension : extensions()) {
        patterns << "*." + extension;
    }
    return patterns.join(' ');
}

}  // namespace tl
