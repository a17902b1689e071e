// SPDX-License-Identifier: MIT
#include "widgets/Icons.h"

#include <QApplication>
#include <QFile>
#include <QImageReader>

namespace tl {

QIcon themedIcon(const QString& name, QStyle::StandardPixmap fallback) {
    static const bool svgSupported = QImageReader::supportedImageFormats().contains("svg");
    if (svgSupported) {
        const QString file = ":/icons/" + name + ".svg";
        if (QFile::exists(file)) {
            return QIcon(file);
        }
    }
    return QApplication::style()->standardIcon(fallback);
}

}  // namespace tl
