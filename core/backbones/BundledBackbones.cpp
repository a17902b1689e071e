// SPDX-License-Identifier: MIT
#include "backbones/BundledBackbones.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

#include "importers/KerasH5Importer.h"
#include "support/Errors.h"
#include "support/Paths.h"

namespace tl {

namespace {

constexpr int kMinSize = 32;
constexpr int kMaxSize = 2048;
constexpr qint64 kMaxSidecarBytes = 64 * 1024;

// "inputSize" of the "<file>.json" a packager installs beside the weights; 0 if absent.
int sidecarSize(const QString& file) {
    QFile sidecar(file + ".json");
    if (sidecar.size() > kMaxSidecarBytes || !sidecar.open(QIODevice::ReadOnly)) {
        return 0;
    }
    const int size = QJsonDocument::fromJson(sidecar.readAll()).object().value("inputSize").toInt();
    return size >= kMinSize && size <= kMaxSize ? size : 0;
}

}  // namespace

QStringList BundledBackbones::defaultFolders() {
    const QString fromEnv = qEnvironmentVariable("TRANSFERLAB_BUNDLED_BACKBONE_DIR");
    if (!fromEnv.isEmpty()) {
        return {fromEnv};
    }
    if (!QCoreApplication::instance()) {
        return {};
    }
    const QDir appDir(QCoreApplication::applicationDirPath());
    QStringList folders;
    for (const char* relative :
         {"../share/transferlab/backbones", "../Resources/backbones", "backbones"}) {
        folders << QDir::cleanPath(appDir.filePath(QString::fromLatin1(relative)));
    }
    return folders;
}

BundledBackbones::BundledBackbones(QStringList folders) : folders_(std::move(folders)) {}

int BundledBackbones::trainingSizeFromFileName(const QString& fileName) {
    static const QRegularExpression separators(QStringLiteral("[_.\\-]"));
    const QStringList parts = fileName.split(separators, Qt::SkipEmptyParts);
    for (auto part = parts.crbegin(); part != parts.crend(); ++part) {
        bool isNumber = false;
        const int value = part->toInt(&isNumber);
        if (isNumber && value >= kMinSize && value <= kMaxSize) {
            return value;
        }
    }
    return 0;
}

int BundledBackbones::trainingSize(const QString& file) {
    const int fromSidecar = sidecarSize(file);
    return fromSidecar > 0 ? fromSidecar : trainingSizeFromFileName(QFileInfo(file).fileName());
}

std::optional<BundledBackbone> BundledBackbones::recognise(const QString& file, QString* problem) {
    const int size = trainingSize(file);
    if (size == 0) {
        *problem = QStringLiteral(
                       "%1: its training size is unknown (name the file "
                       "..._224_no_top.h5 or put {\"inputSize\": 224} in %2.json)")
                       .arg(QDir::toNativeSeparators(file), QFileInfo(file).fileName());
        return std::nullopt;
    }
    try {
        // Builds the network the layer names and shapes describe and loads every weight
        // into it, which checks each shape: a file of another width or a damaged one fails.
        const ImportedModel model = KerasH5Importer::import(toPath(file), size);
        return BundledBackbone{file, model.backbone->spec()};
    } catch (const std::exception& error) {
        *problem = QString::fromStdString(error.what());
        return std::nullopt;
    }
}

bool BundledBackbones::matches(const BundledBackbone& bundled, const BackboneCatalogEntry& entry) {
    return bundled.spec.architecture == entry.spec.architecture &&
           std::abs(bundled.spec.alpha - entry.spec.alpha) < 1e-6 &&
           bundled.spec.inputSize == entry.spec.inputSize;
}

std::vector<BundledBackbone> BundledBackbones::scan() const {
    std::vector<BundledBackbone> found;
    for (const QString& folder : folders_) {
        const QDir dir(folder);
        for (const QString& name :
             dir.entryList({QStringLiteral("*.h5")}, QDir::Files | QDir::Readable, QDir::Name)) {
            QString problem;
            if (auto bundled = recognise(dir.filePath(name), &problem)) {
                found.push_back(*bundled);
            }
        }
    }
    return found;
}

std::optional<BundledBackbone> BundledBackbones::find(const BackboneCatalogEntry& entry) const {
    for (const QString& folder : folders_) {
        const QDir dir(folder);
        for (const QString& name :
             dir.entryList({QStringLiteral("*.h5")}, QDir::Files | QDir::Readable, QDir::Name)) {
            const QString file = dir.filePath(name);
            // The name or sidecar tells the size without reading the weights: skip the
            // files that cannot be this entry before the expensive check.
            if (trainingSize(file) != entry.spec.inputSize) {
                continue;
            }
            QString problem;
            const auto bundled = recognise(file, &problem);
            if (bundled && matches(*bundled, entry)) {
                return bundled;
            }
        }
    }
    return std::nullopt;
}

}  // namespace tl
