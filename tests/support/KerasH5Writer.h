// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "nn/KerasWeights.h"
#include "support/TorchInclude.h"

namespace tl {

class Backbone;

// One group of a Keras HDF5 weight tree: a layer with its weights, or a nested model holding
// the weights of all its layers ("Conv1/kernel:0", "bn_Conv1/gamma:0", ...). Weightless layers
// have an empty list but are still listed, as Keras does.
struct KerasH5Layer {
    std::string name;
    std::vector<std::pair<std::string, torch::Tensor>> weights;  // "layer/weight:0", Keras layout
};

struct KerasH5WriteOptions {
    // Keras writes its name lists as fixed-length byte strings; h5py writes Python str values
    // as variable-length UTF-8. Readers must accept both; this picks which one to write.
    bool variableLengthStrings = false;
    // Keras splits list attributes longer than this into 'name0', 'name1', ... (its
    // HDF5_OBJECT_HEADER_LIMIT); tests lower it to exercise that path.
    size_t attributeChunkBytes = 64512;
};

// Writes Keras HDF5 files that Keras and KerasH5Importer read: weights-only files as
// Model.save_weights('x.h5') does, and full models as model.save('x.h5') does (without
// optimizer state or training config). The file is written beside the destination and
// renamed into place, so a failure never leaves half a file. Throws std::runtime_error.
//
// Keras's own loaders match layers by position in 'layer_names' (and weights by position in
// 'weight_names'), so the order of `layers` should be the model's layer order; within a layer
// weights are written in Keras's order (kernel, bias / gamma, beta, moving_mean,
// moving_variance).
class KerasH5Writer {
public:
    static void writeWeights(const std::filesystem::path& path,
                             const std::vector<KerasH5Layer>& layers,
                             const KerasH5WriteOptions& options = {});
    // `modelConfig` is {"class_name": ..., "config": ...}, the JSON Keras stores as model_config.
    static void writeModel(const std::filesystem::path& path, const QJsonObject& modelConfig,
                           const std::vector<KerasH5Layer>& layers,
                           const KerasH5WriteOptions& options = {});

    // One group per Keras layer of `weights`: first those named in `order`, then the rest
    // alphabetically. Weight names are "layer/weight:0".
    static std::vector<KerasH5Layer> layersFrom(const KerasWeights& weights,
                                                const std::vector<std::string>& order = {});
    // All of `weights` in one group named `name`, as Keras saves a model nested in another
    // (the trained recipe's Functional base): trainable weights of all layers first, then the
    // BatchNorm moving statistics, like Keras's layer.weights order for a trainable base.
    static KerasH5Layer nestedModel(const std::string& name, const KerasWeights& weights,
                                    const std::vector<std::string>& order = {});
    // The order in which a module's Keras layers were created: its registered children.
    static std::vector<std::string> layerOrder(torch::nn::Module& module);
    // A backbone as a weights-only file, in its layer order.
    static void writeBackboneWeights(const std::filesystem::path& path, Backbone& backbone,
                                     const KerasH5WriteOptions& options = {});
};

}  // namespace tl
