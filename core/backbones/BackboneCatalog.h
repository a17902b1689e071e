// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

#include "data/Preprocessing.h"
#include "nn/BackboneSpec.h"

namespace tl {

// One downloadable backbone: an official Keras Applications weight file.
struct BackboneCatalogEntry {
    QString name;         // "mobilenet_v2_1.0_160": what --backbone and project files say
    QString displayName;  // "MobileNetV2 1.0 @ 160 px"
    BackboneSpec spec;
    Preprocessing preprocessing = Preprocessing::MobileNet;
    QString path;           // relative to the catalogue's base URL
    qint64 sizeBytes = -1;  // -1 = not known in advance (recorded by the first download)
    QByteArray md5;         // hex; the file_hash Keras verifies, where it has one
    QByteArray sha256;      // hex; empty = not known in advance
    QString licence;        // "Apache License 2.0"
    QString licenceUrl;
    QString licenceNote;

    QString fileName() const;  // last element of `path`, as Keras names it in ~/.keras/models
};

// The catalogue of known backbones, a JSON resource compiled into the library
// (resources/backbones.json) so the tests and an installed app see the same list.
class BackboneCatalog {
public:
    // The compiled-in catalogue. Parsed once; a broken resource is a build error caught by tests.
    static const BackboneCatalog& builtIn();
    // Parses a catalogue document; throws Error (kind Internal) naming what is wrong.
    static BackboneCatalog fromJson(const QByteArray& json);

    const std::vector<BackboneCatalogEntry>& entries() const { return entries_; }
    // nullptr when unknown. Names compare case-sensitively.
    const BackboneCatalogEntry* find(const QString& name) const;
    // The entry with this weight file name ("..._1.0_160_no_top.h5"), or nullptr.
    const BackboneCatalogEntry* findByFileName(const QString& fileName) const;
    // What a fresh user trains on: the full-width MobileNetV2 at its training size, 224 px
    // ("mobilenet_v2_1.0_224"; 0.978 on the shared photos against 0.94 at 160). The Linux
    // packages and the installers bundle this file.
    const BackboneCatalogEntry& defaultEntry() const;
    QString baseUrl() const { return baseUrl_; }

private:
    QString baseUrl_;
    QString defaultName_;
    std::vector<BackboneCatalogEntry> entries_;
};

}  // namespace tl
