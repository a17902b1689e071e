// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>

#include <optional>
#include <string>
#include <vector>

#include "nn/BackboneSpec.h"
#include "nn/ClassifierHead.h"

namespace tl {

// The architecture part of a saved Keras model, as TF.js `modelTopology` and HDF5
// `model_config` both store it: a JSON tree of Sequential / Model / Functional layers.
// Nested models (Teachable Machine puts a Model inside a Sequential) are flattened.
class KerasModelTopology {
public:
    struct Layer {
        std::string className;
        std::string name;
        QJsonObject config;
    };

    // `model` is {"class_name": ..., "config": ...}. Throws ImportError on unsupported
    // layer types (naming the layer) or a malformed tree.
    static KerasModelTopology fromJson(const QJsonObject& model);

    const std::vector<Layer>& layers() const { return layers_; }
    std::vector<std::string> layerNames() const;
    // The base network, recognised by its Keras layer names. Throws ImportError if none.
    BackboneSpec backboneSpec() const;
    // Dense layers after the global pooling, in order (empty for a bare backbone).
    std::vector<Layer> headDenseLayers() const;
    // The classifier those Dense layers form; nullopt for a bare backbone.
    std::optional<HeadConfig> headConfig(int64_t inputFeatures) const;

private:
    void collect(const QJsonObject& layer, int depth);
    const Layer* find(const std::string& name) const;

    std::vector<Layer> layers_;
};

}  // namespace tl
