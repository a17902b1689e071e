// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "importers/ImportedModel.h"
#include "nn/BackboneSpec.h"
#include "nn/KerasWeights.h"

namespace tl {

// What a Keras HDF5 file holds, before any network is built.
struct KerasH5Contents {
    // Every weight by Keras layer name (old official names already modernised, see
    // KerasLegacyNames.h), in Keras layouts. Nested models are flattened.
    KerasWeights weights;
    // The layers the file lists, weightless ones included, in file order.
    std::vector<std::string> layerNames;
    // {"class_name": ..., "config": ...} of a full saved model; empty for weights-only files.
    std::optional<QJsonObject> modelConfig;
    std::string kerasVersion;
};

// Reads Keras HDF5 files with the HDF5 C library:
//  - weights-only files (Model.save_weights('x.h5'), the tf.keras.applications *_no_top.h5
//    files): root attribute 'layer_names', one group per layer with a 'weight_names' attribute
//    naming its datasets ("Conv1/kernel:0"; long lists split into 'layer_names0', '...1' as
//    Keras does);
//  - full saved models (model.save('x.h5')): root attribute 'model_config' (the JSON that
//    KerasModelTopology parses) and the weights under the 'model_weights' group.
// Strings may be fixed-length (Keras) or variable-length (h5py str). Every failure is an
// ImportError naming the file and, where it applies, the layer; HDF5 prints nothing.
class KerasH5Importer {
public:
    // A weights-only file gives a bare backbone, a full model backbone + classifier. `inputSize`
    // 0 = the model's own input size, or for weights-only files (which do not record one)
    // the architecture's default (224, Inception v3 299).
    static ImportedModel import(const std::filesystem::path& path, int inputSize = 0);

    static KerasH5Contents read(const std::filesystem::path& path);
    // The same for an HDF5 file image in memory (`name` stands for it in messages).
    static KerasH5Contents readImage(const std::vector<char>& image, const std::string& name);

    // The network a weights-only file is for, recognised by its layer names (MobileNetV2's
    // width from block 16's filters). Throws ImportError naming some of the layers found.
    static BackboneSpec specFromWeights(const KerasH5Contents& contents, int inputSize = 0);

    // Opens the file and checks its Keras structure (every listed weight is a numeric dataset)
    // without reading the data: a quick integrity check for downloads. Returns the number of
    // weight tensors; throws ImportError.
    static size_t checkStructure(const std::filesystem::path& path);

    // True when the file starts with the HDF5 signature (at offset 0, the usual place).
    static bool hasHdf5Signature(const std::filesystem::path& path);
};

}  // namespace tl
