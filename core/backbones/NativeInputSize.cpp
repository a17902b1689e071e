// SPDX-License-Identifier: MIT
#include "backbones/NativeInputSize.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include "backbones/BackboneCatalog.h"

namespace tl {

namespace {

constexpr int kSmallest = 32, kLargest = 1024;

int plausible(int size) {
    return size >= kSmallest && size <= kLargest ? size : 0;
}

int teachableMachineSize(const QString& folder) {
    QFile file(QDir(folder).filePath("metadata.json"));
    if (!file.open(QIODevice::ReadOnly) || file.size() > 64 * 1024) {
        return 0;
    }
    const QJsonObject metadata = QJsonDocument::fromJson(file.readAll()).object();
    return plausible(metadata.value("imageSize").toInt());
}

int kerasFileNameSize(const QString& fileName) {
    // "<anything>_<width>_<size>[_no_top].h5", e.g. mobilenet_v2_1.0_224_no_top.h5.
    static const QRegularExpression pattern(
        QStringLiteral(R"(_\d+(?:\.\d+)?_(\d{2,4})(?:_no_top)?\.(?:h5|hdf5|keras)$)"),
        QRegularExpression::CaseInsensitiveOption);
    const auto match = pattern.match(fileName);
    return match.hasMatch() ? plausible(match.captured(1).toInt()) : 0;
}

}  // namespace

int nativeInputSize(const std::string& reference) {
    const BackboneCatalog& catalog = BackboneCatalog::builtIn();
    const QString given =
        reference.empty() ? catalog.defaultEntry().name : QString::fromStdString(reference);
    const QFileInfo info(given);
    if (!info.exists()) {
        const auto* entry = catalog.find(given);
        return entry ? plausible(entry->spec.inputSize) : 0;
    }
    if (info.isDir()) {
        return teachableMachineSize(info.filePath());
    }
    if (info.fileName().compare("model.json", Qt::CaseInsensitive) == 0) {
        return teachableMachineSize(info.path());
    }
    if (const auto* entry = catalog.findByFileName(info.fileName())) {
        return plausible(entry->spec.inputSize);
    }
    return kerasFileNameSize(info.fileName());
}

}  // namespace tl
