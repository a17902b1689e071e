// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace tl {

class BackboneStore;
struct BackboneSpec;

// One entry of the Train page's backbone list.
struct BackboneChoice {
    enum class Kind { Catalogue, Imported, Local };
    Kind kind = Kind::Catalogue;
    QString reference;    // catalogue name, imported name or path: what the settings record
    QString label;        // what it is and the size it trains at: "MobileNetV2 1.0, 224 px"
    QString status;       // "on this computer", "download, 14 MB", "imported from ..."
    int inputSize = 0;    // the photos' side in pixels during training; 0 = the file's own
    bool usable = false;  // usable now, without a download
    qint64 downloadBytes = -1;
};

// The backbones the user can train on, usable ones first (downloaded, bundled, imported, local
// model folders), then the catalogue's downloadable ones. Each is named by what it is and the
// input size training will use.
class BackboneChoiceList {
public:
    static QVector<BackboneChoice> build(const BackboneStore& store,
                                         const QStringList& localFolders = {});
    // "MobileNetV2 1.0, 224 px", "ResNet-50, 224 px"
    static QString describe(const BackboneSpec& spec);
    // The entry for a reference that is not in the list (a path from an older project).
    static BackboneChoice forPath(const QString& path);
};

}  // namespace tl
