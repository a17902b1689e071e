// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

#include "backbones/BackboneCatalog.h"
#include "nn/BackboneSpec.h"

namespace tl {

// A weight file installed with the application (packaging/Packaging.cmake,
// TRANSFERLAB_BUNDLE_BACKBONE), recognised by what it holds.
struct BundledBackbone {
    QString path;
    BackboneSpec spec;  // architecture and width from the weights, inputSize = training size
};

// Backbone weight files shipped beside the program, so that a fresh install trains offline.
//
// A bundled file is recognised by its content, not by the official file's checksum (a
// packager may bundle an equivalent file, e.g. one re-saved by Keras): its architecture and
// width come from its layer names and weight shapes (every weight is loaded into the network,
// which checks each shape), and its training size, which the weights cannot tell (160- and
// 224-trained files have equal shapes), from the "inputSize" of a "<file>.json" beside it or
// else from its file name ("..._1.0_224_no_top.h5"). A file whose size is unknown is not used.
//
// Folders: $TRANSFERLAB_BUNDLED_BACKBONE_DIR if set, else share/transferlab/backbones beside
// the program's bin/ (Linux packages, Windows), Contents/Resources/backbones (macOS bundle),
// and backbones/ beside the program.
class BundledBackbones {
public:
    static QStringList defaultFolders();

    explicit BundledBackbones(QStringList folders = defaultFolders());

    // Every recognised file of the folders (.h5, by name), in folder then name order.
    // Reads each file completely: call from a worker thread.
    std::vector<BundledBackbone> scan() const;
    // The first file that holds exactly `entry`'s network (architecture, width, training size).
    std::optional<BundledBackbone> find(const BackboneCatalogEntry& entry) const;

    // Recognises one file; nullopt with the reason in `problem` when it is not usable.
    static std::optional<BundledBackbone> recognise(const QString& file, QString* problem);
    // The training size a file records: "inputSize" of "<file>.json", else from its name.
    // 0 when neither tells.
    static int trainingSize(const QString& file);
    // The last number between 32 and 2048 among the name's "_"/"-"/"."-separated parts:
    // 224 for "mobilenet_v2_1.0_224_no_top.h5" and for Keras's official names; 0 if none.
    static int trainingSizeFromFileName(const QString& fileName);
    // True when `bundled` is the network `entry` names.
    static bool matches(const BundledBackbone& bundled, const BackboneCatalogEntry& entry);

private:
    QStringList folders_;
};

}  // namespace tl
