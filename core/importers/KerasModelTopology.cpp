// SPDX-License-Identifier: MIT
#include "importers/KerasModelTopology.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <set>

#include "nn/BackboneFactory.h"
#include "nn/MobileNetV2.h"
#include "support/Errors.h"

namespace tl {

namespace {

bool isContainer(const std::string& className) {
    return className == "Sequential" || className == "Model" || className == "Functional";
}

// Layer types the supported architectures and classifier heads are made of. Anything else
// would be silently ignored by a name-based import, so it is refused instead.
const std::set<std::string>& supportedLayerTypes() {
    static const std::set<std::string> types = {
        "InputLayer", "ZeroPadding2D", "Conv2D", "DepthwiseConv2D", "BatchNormalization", "ReLU",
        "Activation", "Add", "GlobalAveragePooling2D", "Dense", "Dropout", "MaxPooling2D",
        "AveragePooling2D", "Concatenate",
        // Augmentation layers of the Keras transfer-learning recipe: identities at inference.
        "RandomFlip", "RandomRotation", "RandomZoom", "RandomTranslation", "RandomContrast",
        "RandomBrightness",
        // Input scaling in the model itself; checked in checkPreprocessingLayer().
        "TFOpLambda", "Rescaling"};
    return types;
}

// The recipe applies mobilenet_v2.preprocess_input inside the model (saved as TFOpLambda layers
// 'tf.math.truediv' / 'tf.math.subtract': x / 127.5 - 1), newer notebooks a Rescaling layer.
// The app applies the backbone's own preprocessing, so only these exact forms are accepted;
// any other arithmetic would be silently dropped.
void checkPreprocessingLayer(const std::string& className, const std::string& name,
                             const QJsonObject& config) {
    if (className == "TFOpLambda") {
        const QString function = config.value("function").toString();
        if (function != "math.truediv" && function != "math.subtract") {
            throw ImportError("unsupported layer '" + name + "': TensorFlow operation '" +
                              function.toStdString() +
                              "' (only the x / 127.5 - 1 of preprocess_input is understood)");
        }
    } else if (className == "Rescaling") {
        const double scale = config.value("scale").toDouble();
        const double offset = config.value("offset").toDouble();
        if (std::abs(scale - 1.0 / 127.5) > 1e-6 || std::abs(offset + 1.0) > 1e-6) {
            throw ImportError("unsupported layer '" + name + "': Rescaling(scale=" +
                              std::to_string(scale) + ", offset=" + std::to_string(offset) +
                              ") differs from the backbone's x / 127.5 - 1 preprocessing");
        }
    }
}

std::string text(const QJsonValue& value) {
    return value.toString().toStdString();
}

}  // namespace

KerasModelTopology KerasModelTopology::fromJson(const QJsonObject& model) {
    if (!model.contains("class_name")) {
        throw ImportError("the model description has no 'class_name': not a Keras model");
    }
    KerasModelTopology topology;
    topology.collect(model, 0);
    if (topology.layers_.empty()) {
        throw ImportError("the model description holds no layers");
    }
    return topology;
}

void KerasModelTopology::collect(const QJsonObject& layer, int depth) {
    // Teachable Machine nests two levels; a hostile file could nest until the stack ends.
    constexpr int kMaxNesting = 32;
    if (depth > kMaxNesting) {
        throw ImportError("the model description nests models more than " +
                          std::to_string(kMaxNesting) + " levels deep");
    }
    const std::string className = text(layer.value("class_name"));
    const QJsonValue configValue = layer.value("config");
    if (isContainer(className)) {
        // Old Sequential configs are a bare list of layers; newer ones {"layers": [...]}.
        const QJsonArray children = configValue.isArray()
                                        ? configValue.toArray()
                                        : configValue.toObject().value("layers").toArray();
        for (const auto& child : children) {
            collect(child.toObject(), depth + 1);
        }
        return;
    }
    const QJsonObject config = configValue.toObject();
    std::string name = text(layer.value("name"));
    if (name.empty()) {
        name = text(config.value("name"));
    }
    if (!supportedLayerTypes().count(className)) {
        throw ImportError("unsupported layer '" + name + "' of type '" + className + "'");
    }
    checkPreprocessingLayer(className, name, config);
    layers_.push_back({className, name, config});
}

std::vector<std::string> KerasModelTopology::layerNames() const {
    std::vector<std::string> names;
    for (const auto& layer : layers_) {
        names.push_back(layer.name);
    }
    return names;
}

const KerasModelTopology::Layer* KerasModelTopology::find(const std::string& name) const {
    const auto found = std::find_if(layers_.begin(), layers_.end(),
                                    [&](const Layer& layer) { return layer.name == name; });
    return found == layers_.end() ? nullptr : &*found;
}

BackboneSpec KerasModelTopology::backboneSpec() const {
    BackboneSpec spec;
    spec.architecture = detectArchitecture(layerNames());
    if (spec.architecture.empty()) {
        throw ImportError(
            "no supported base network found (expected the Keras layer names of MobileNetV2, "
            "Inception v3 or ResNet-50)");
    }
    if (spec.architecture == "mobilenet_v2") {
        const Layer* project = find("block_16_project");
        const QJsonValue filters = project->config.value("filters");
        if (!filters.isDouble() || !(filters.toDouble() >= 1 && filters.toDouble() <= 4096)) {
            throw ImportError("layer 'block_16_project': 'filters' must be a number of filters");
        }
        spec.alpha = MobileNetV2::alphaFromBlock16Filters(filters.toInt());
    } else {
        spec.alpha = 1.0;
    }
    spec.inputSize = spec.architecture == "inception_v3" ? 299 : 224;
    for (const auto& layer : layers_) {
        QJsonArray shape = layer.config.value("batch_input_shape").toArray();
        if (shape.isEmpty()) {
            shape = layer.config.value("batch_shape").toArray();  // Keras 3
        }
        if (shape.size() == 4 && shape.at(1).isDouble()) {
            const double side = shape.at(1).toDouble();
            if (!(side >= 32 && side <= 2048)) {
                throw ImportError("layer '" + layer.name + "': input size " + std::to_string(side) +
                                  " is outside 32..2048 px");
            }
            spec.inputSize = static_cast<int>(side);
            break;
        }
    }
    return spec;
}

std::vector<KerasModelTopology::Layer> KerasModelTopology::headDenseLayers() const {
    std::vector<Layer> dense;
    bool afterPooling = false;
    for (const auto& layer : layers_) {
        if (layer.className == "GlobalAveragePooling2D") {
            afterPooling = true;
        } else if (afterPooling && layer.className == "Dense") {
            dense.push_back(layer);
        }
    }
    return dense;
}

std::optional<HeadConfig> KerasModelTopology::headConfig(int64_t inputFeatures) const {
    const auto dense = headDenseLayers();
    if (dense.empty()) {
        return std::nullopt;
    }
    if (dense.size() > 16) {
        throw ImportError("the classifier has " + std::to_string(dense.size()) +
                          " dense layers; at most 16 are supported");
    }
    HeadConfig config;
    config.inputFeatures = inputFeatures;
    config.dropout = 0.0;
    for (size_t i = 0; i < dense.size(); ++i) {
        const auto& layer = dense[i];
        const QJsonValue unitsValue = layer.config.value("units");
        if (!unitsValue.isDouble() ||
            !(unitsValue.toDouble() >= 1 && unitsValue.toDouble() <= 65536)) {
            throw ImportError("dense layer '" + layer.name + "': 'units' must be from 1 to 65536");
        }
        const int units = unitsValue.toInt();
        const std::string activation = text(layer.config.value("activation"));
        if (i + 1 < dense.size()) {
            if (activation != "relu") {
                throw ImportError("hidden dense layer '" + layer.name + "' uses activation '" +
                                  activation + "'; only relu is supported");
            }
            config.hiddenUnits.push_back(units);
            continue;
        }
        if (activation != "softmax" && activation != "sigmoid" && activation != "linear") {
            throw ImportError("output layer '" + layer.name + "' uses activation '" + activation +
                              "'; expected softmax, sigmoid or linear (logits)");
        }
        config.outputBias = layer.config.value("use_bias").toBool(true);
        if (units == 1) {
            config.numClasses = 2;
        } else {
            config.numClasses = units;
            config.forceSoftmax = true;
        }
    }
    return config;
}

}  // namespace tl
