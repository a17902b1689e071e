// SPDX-License-Identifier: MIT
#include "backbones/BackboneLoader.h"

#include <QDir>
#include <QFileInfo>
#include <QString>

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "backbones/BackboneStore.h"
#include "importers/KerasH5Importer.h"
#include "importers/TfjsModelImporter.h"
#include "nn/BackboneFactory.h"
#include "support/Errors.h"
#include "support/Paths.h"

namespace tl {

namespace fs = std::filesystem;

namespace {

QString toQString(const std::string& utf8) {
    return QString::fromStdString(utf8);
}

// The same weights at another input size (the convolutions do not depend on it).
std::shared_ptr<Backbone> atInputSize(std::shared_ptr<Backbone> backbone, int inputSize) {
    if (inputSize <= 0 || inputSize == backbone->spec().inputSize) {
        return backbone;
    }
    BackboneSpec spec = backbone->spec();
    spec.inputSize = inputSize;
    auto resized = createBackbone(spec);
    resized->loadKerasWeights(backbone->toKerasWeights());
    return resized;
}

// By content, or by name so that a damaged .h5 gets the importer's precise message.
bool looksLikeKeras(const QFileInfo& info) {
    const QString suffix = info.suffix().toLower();
    return suffix == "h5" || suffix == "hdf5" || suffix == "keras" ||
           KerasH5Importer::hasHdf5Signature(toPath(info.filePath()));
}

bool isTfjsPath(const QFileInfo& info) {
    return info.isDir() || info.suffix().compare("json", Qt::CaseInsensitive) == 0;
}

// A model file or folder: TF.js (model.json or a Teachable Machine export folder) or Keras .h5.
// `defaultSize` stands in for inputSize 0 where the file records no size (weights-only .h5).
std::shared_ptr<Backbone> loadFromPath(const QString& path, int inputSize, int defaultSize) {
    const QFileInfo info(path);
    if (info.isDir() && !QFileInfo::exists(QDir(path).filePath("model.json"))) {
        throw ImportError("'" + path.toStdString() +
                          "' holds no model.json: expected a Teachable Machine export or a TF.js "
                          "model folder");
    }
    if (isTfjsPath(info)) {
        return atInputSize(TfjsModelImporter::import(toPath(path)).backbone, inputSize);
    }
    if (looksLikeKeras(info)) {
        return KerasH5Importer::import(toPath(path), inputSize > 0 ? inputSize : defaultSize)
            .backbone;
    }
    throw ImportError("'" + path.toStdString() +
                      "' is not a Keras .h5 file, a TF.js model.json or a Teachable Machine "
                      "export folder");
}

// Official weight files do not record their input size, but their names do ("..._160_no_top.h5").
int catalogueSizeOf(const QString& path) {
    const auto* entry = BackboneCatalog::builtIn().findByFileName(QFileInfo(path).fileName());
    return entry ? entry->spec.inputSize : 0;
}

void checkMatchesCatalogue(const Backbone& backbone, const BackboneCatalogEntry& entry,
                           const QString& file) {
    const BackboneSpec& spec = backbone.spec();
    if (spec.architecture != entry.spec.architecture ||
        std::abs(spec.alpha - entry.spec.alpha) > 1e-6) {
        BackboneSpec found = spec;
        found.inputSize = entry.spec.inputSize;
        throw ImportError(QStringLiteral("%1 holds %2 weights, but '%3' is %4: replace the file")
                              .arg(QDir::toNativeSeparators(file),
                                   QString::fromStdString(found.displayName()), entry.name,
                                   entry.displayName)
                              .toStdString());
    }
}

LoadedBackbone loadStored(const QString& name, int inputSize, const BackboneLoadHooks& hooks) {
    BackboneStore store;
    if (hooks.log) {
        store.setLog([&hooks](const QString& line) { hooks.log(line.toStdString()); });
    }
    BackboneStore::Progress progress;
    if (hooks.progress) {
        progress = [&hooks](qint64 received, qint64 total) { hooks.progress(received, total); };
    }
    const StoredBackbone stored = store.ensure(name, hooks.isCanceled, progress);
    LoadedBackbone loaded;
    loaded.reference = name.toStdString();
    loaded.sha256 = stored.sha256.toStdString();
    loaded.backbone = loadFromPath(stored.path, inputSize, stored.spec.inputSize);
    if (const auto* entry = store.catalog().find(name)) {
        checkMatchesCatalogue(*loaded.backbone, *entry, stored.path);
    }
    return loaded;
}

std::string knownNames() {
    std::string names;
    for (const auto& entry : BackboneCatalog::builtIn().entries()) {
        names += (names.empty() ? "" : ", ") + entry.name.toStdString();
    }
    return names;
}

}  // namespace

LoadedBackbone loadBackbone(const std::string& reference, int inputSize) {
    return loadBackbone(reference, inputSize, BackboneLoadHooks{});
}

LoadedBackbone loadBackbone(const std::string& reference, int inputSize,
                            const BackboneLoadHooks& hooks) {
    // No choice made: the catalogue default (MobileNetV2 1.0 at 224, installed with the packages).
    const QString given =
        reference.empty() ? BackboneCatalog::builtIn().defaultEntry().name : toQString(reference);
    LoadedBackbone loaded;
    if (QFileInfo::exists(given)) {
        loaded.reference = reference;
        loaded.backbone = loadFromPath(given, inputSize, catalogueSizeOf(given));
        loaded.sha256 =
            BackboneStore::sha256OfFiles(BackboneStore::weightFiles(given)).toStdString();
    } else if (BackboneStore().isKnown(given)) {
        loaded = loadStored(given, inputSize, hooks);
    } else {
        throw ImportError("backbone '" + reference +
                          "' is neither a file or folder nor a known backbone name. Give a Keras "
                          ".h5 file, a TF.js model.json, a Teachable Machine export folder, or one "
                          "of: " +
                          knownNames() + " (or the name of an imported backbone)");
    }
    if (loaded.sha256.empty()) {
        throw ImportError("cannot read the weight files of '" + given.toStdString() + "'");
    }
    loaded.backbone->eval();
    return loaded;
}

std::string backboneCacheKey(const LoadedBackbone& backbone) {
    const BackboneSpec& spec = backbone.backbone->spec();
    char alpha[16];
    std::snprintf(alpha, sizeof alpha, "%.2f", spec.alpha);
    return spec.architecture + "_" + alpha + "_" + std::to_string(spec.inputSize) + "_" +
           backbone.sha256.substr(0, 16);
}

}  // namespace tl
