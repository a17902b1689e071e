// SPDX-License-Identifier: MIT
#include "support/DataSize.h"

#include <QLocale>

namespace tl {

QString formatDataSize(qint64 bytes) {
    if (bytes < 0) {
        return QStringLiteral("?");
    }
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

}  // namespace tl
