// SPDX-License-Identifier: MIT
#include "models/BackboneChoiceList.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <algorithm>

#include "backbones/BackboneStore.h"
#include "nn/BackboneSpec.h"
#include "support/DataSize.h"

namespace tl {

QString BackboneChoiceList::describe(const BackboneSpec& spec) {
    QString what;
    if (spec.architecture == "mobilenet_v2") {
        // "1.0", "0.35", "0.5": as Keras names the widths.
        QString alpha = QString::number(spec.alpha, 'f', 2);
        while (alpha.endsWith('0') && !alpha.endsWith(QLatin1String(".0"))) {
            alpha.chop(1);
        }
        what = QStringLiteral("MobileNetV2 %1").arg(alpha);
    } else if (spec.architecture == "inception_v3") {
        what = QStringLiteral("Inception v3");
    } else if (spec.architecture == "resnet50") {
        what = QStringLiteral("ResNet-50");
    } else {
        what = QString::fromStdString(spec.architecture);
    }
    return spec.inputSize > 0 ? QCoreApplication::translate("BackboneChoiceList", "%1, %2 px")
                                    .arg(what)
                                    .arg(spec.inputSize)
                              : what;
}

BackboneChoice BackboneChoiceList::forPath(const QString& path) {
    const QFileInfo info(path);
    BackboneChoice choice;
    choice.kind = BackboneChoice::Kind::Local;
    choice.reference = path;
    choice.label = info.isDir() ? info.fileName() : info.dir().dirName() + '/' + info.fileName();
    choice.usable = info.exists();
    choice.status = choice.usable ? QCoreApplication::translate("BackboneChoiceList",
                                                                "model folder on this computer")
                                  : QCoreApplication::translate("BackboneChoiceList", "missing: %1")
                                        .arg(QDir::toNativeSeparators(path));
    return choice;
}

QVector<BackboneChoice> BackboneChoiceList::build(const BackboneStore& store,
                                                  const QStringList& localFolders) {
    QVector<BackboneChoice> usable;
    QVector<BackboneChoice> downloadable;
    for (const BackboneCatalogEntry& entry : store.catalog().entries()) {
        BackboneChoice choice;
        choice.reference = entry.name;
        choice.label = describe(entry.spec);
        choice.inputSize = entry.spec.inputSize;
        choice.downloadBytes = entry.sizeBytes;
        if (store.stored(entry.name)) {
            choice.usable = true;
            choice.status = QCoreApplication::translate("BackboneChoiceList", "on this computer");
            usable.push_back(choice);
        } else if (store.isAvailableOffline(entry.name)) {
            choice.usable = true;
            choice.status = store.bundled(entry.name)
                                ? QCoreApplication::translate("BackboneChoiceList",
                                                              "installed with TransferLab")
                                : QCoreApplication::translate("BackboneChoiceList",
                                                              "on this computer (Keras cache)");
            usable.push_back(choice);
        } else {
            choice.status =
                entry.sizeBytes > 0
                    ? QCoreApplication::translate("BackboneChoiceList", "download, %1")
                          .arg(formatDataSize(entry.sizeBytes))
                    : QCoreApplication::translate("BackboneChoiceList", "download on first use");
            downloadable.push_back(choice);
        }
    }
    for (const StoredBackbone& imported : store.imported()) {
        BackboneChoice choice;
        choice.kind = BackboneChoice::Kind::Imported;
        choice.reference = imported.name;
        choice.label = describe(imported.spec);
        choice.inputSize = imported.spec.inputSize;
        choice.usable = true;
        choice.status = QCoreApplication::translate("BackboneChoiceList", "imported from %1")
                            .arg(QFileInfo(imported.origin).fileName().isEmpty()
                                     ? imported.name
                                     : QFileInfo(imported.origin).fileName());
        usable.push_back(choice);
    }
    for (const QString& folder : localFolders) {
        const bool listed = std::any_of(usable.begin(), usable.end(),
                                        [&](const auto& c) { return c.reference == folder; });
        if (!listed) {
            usable.push_back(forPath(folder));
        }
    }
    return usable + downloadable;
}

}  // namespace tl
