// SPDX-License-Identifier: MIT
// TF.js layers export: the topology as Keras (and TensorFlow.js) serialise it, in the nesting
// Teachable Machine exports (Sequential[Sequential[MobileNetV2, GlobalAveragePooling2D],
// Sequential[Dense...]]), with the backbone's own BatchNorm layers and Keras names, so
// tf.loadLayersModel, @teachablemachine/image and TransferLab's TfjsModelImporter all read it.
// No LibTorch here: the weights arrive as plain arrays.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QString>

#include <map>

#include "export/ModelExportGraph.h"
#include "export/ModelExporter.h"
#include "support/Paths.h"

namespace tl::exportgraph {

namespace {

// The TF.js version the layer configurations follow, and the one the tests load them with.
constexpr const char* kTfjsLayersVersion = "tfjs-layers 4.22.0";

QJsonObject initializer(const char* className, QJsonObject config = {}) {
    return {{"class_name", className}, {"config", config}};
}

QJsonObject varianceScaling() {
    return initializer("VarianceScaling", {{"scale", 1},
                                           {"mode", "fan_avg"},
                                           {"distribution", "uniform"},
                                           {"seed", QJsonValue::Null}});
}

QJsonArray pair(int64_t a, int64_t b) {
    return QJsonArray{qint64(a), qint64(b)};
}

// [inner]. Not QJsonArray{inner}: with one element of its own type, brace initialisation copies
// under clang (C++ DR 1467) and nests under GCC, and a flattened node list hangs TensorFlow.js's
// model loader.
QJsonArray nested(const QJsonArray& inner) {
    QJsonArray outer;
    outer.append(inner);
    return outer;
}

// One layer of a functional model, fed by `input` (or by several for Add).
QJsonObject layer(const QString& className, const QString& name, QJsonObject config,
                  const QStringList& inputs) {
    config.insert("name", name);
    config.insert("trainable", true);
    QJsonArray node;
    for (const QString& input : inputs) {
        node.append(QJsonArray{input, 0, 0, QJsonObject{}});
    }
    return {{"name", name},
            {"class_name", className},
            {"config", config},
            {"inbound_nodes", inputs.isEmpty() ? QJsonArray{} : nested(node)}};
}

QJsonObject convConfig(const Conv& conv, bool depthwise, bool padded) {
    QJsonObject config{{"kernel_size", pair(conv.kernel, conv.kernel)},
                       {"strides", pair(conv.stride, conv.stride)},
                       {"padding", padded ? "valid" : "same"},
                       {"data_format", "channels_last"},
                       {"dilation_rate", pair(1, 1)},
                       {"activation", "linear"},
                       {"use_bias", false},
                       {"bias_initializer", initializer("Zeros")},
                       {"bias_regularizer", QJsonValue::Null},
                       {"activity_regularizer", QJsonValue::Null},
                       {"bias_constraint", QJsonValue::Null}};
    if (depthwise) {
        config.insert("depth_multiplier", 1);
        config.insert("depthwise_initializer", varianceScaling());
        config.insert("depthwise_regularizer", QJsonValue::Null);
        config.insert("depthwise_constraint", QJsonValue::Null);
    } else {
        config.insert("filters", qint64(conv.outChannels));
        config.insert("kernel_initializer", varianceScaling());
        config.insert("kernel_regularizer", QJsonValue::Null);
        config.insert("kernel_constraint", QJsonValue::Null);
    }
    return config;
}

QJsonObject batchNormConfig() {
    return {{"axis", -1},
            {"momentum", 0.999},
            {"epsilon", 0.001},
            {"center", true},
            {"scale", true},
            {"beta_initializer", initializer("Zeros")},
            {"gamma_initializer", initializer("Ones")},
            {"moving_mean_initializer", initializer("Zeros")},
            {"moving_variance_initializer", initializer("Ones")},
            {"beta_regularizer", QJsonValue::Null},
            {"gamma_regularizer", QJsonValue::Null},
            {"beta_constraint", QJsonValue::Null},
            {"gamma_constraint", QJsonValue::Null}};
}

// Keras MobileNetV2's names around a convolution: "Conv1" -> bn_Conv1, Conv1_relu,
// Conv1_pad; "Conv_1" -> Conv_1_bn, out_relu; "block_1_depthwise" -> block_1_depthwise_BN,
// block_1_depthwise_relu, block_1_pad; "block_1_project" -> ..., block_1_add.
struct LayerNames {
    QString batchNorm, relu, pad, add;
};

LayerNames namesAround(const std::string& convName) {
    const QString conv = QString::fromStdString(convName);
    if (conv == "Conv1") {
        return {"bn_Conv1", "Conv1_relu", "Conv1_pad", {}};
    }
    if (conv == "Conv_1") {
        return {"Conv_1_bn", "out_relu", {}, {}};
    }
    const QString prefix = conv.left(conv.lastIndexOf('_') + 1);  // "block_1_", "expanded_conv_"
    return {conv + "_BN", conv + "_relu", prefix + "pad", prefix + "add"};
}

// The weights in the order of the layers, as Keras lists them, in one buffer.
class WeightWriter {
public:
    explicit WeightWriter(const std::vector<NamedArray>& backbone) {
        for (const auto& array : backbone) {
            byName_[array.name] = &array;
        }
    }
    void addBackbone(const std::string& name) {
        const auto found = byName_.find(name);
        if (found == byName_.end()) {
            throw ExportError("the backbone has no weight '" + name + "' to export");
        }
        add(name, found->second->shape, found->second->values);
    }
    void add(const std::string& name, const std::vector<int64_t>& shape,
             const std::vector<float>& values) {
        QJsonArray dims;
        for (int64_t dim : shape) {
            dims.append(qint64(dim));
        }
        manifest_.append(QJsonObject{
            {"name", QString::fromStdString(name)}, {"shape", dims}, {"dtype", "float32"}});
        data_.append(reinterpret_cast<const char*>(values.data()),
                     static_cast<qsizetype>(values.size() * sizeof(float)));
    }
    const QJsonArray& manifest() const { return manifest_; }
    const QByteArray& data() const { return data_; }

private:
    std::map<std::string, const NamedArray*> byName_;
    QJsonArray manifest_;
    QByteArray data_;
};

// The functional MobileNetV2 (input to the last ReLU), its weights added to `weights`.
QJsonObject backboneModel(const Graph& graph, WeightWriter& weights) {
    QJsonArray layers;
    const QString inputName = "input_1";
    layers.append(layer("InputLayer", inputName,
                        {{"batch_input_shape", QJsonArray{QJsonValue::Null, qint64(graph.inputSize),
                                                          qint64(graph.inputSize), 3}},
                         {"dtype", "float32"},
                         {"sparse", false}},
                        {}));
    QString current = inputName;
    QString residual;
    int64_t size = graph.inputSize;
    for (const Step& step : graph.steps) {
        const Conv& conv = step.conv;
        const LayerNames names = namesAround(conv.name);
        if (step.residualStart) {
            residual = current;
        }
        const bool padded = conv.stride != 1;
        if (padded) {
            // Keras's correct_pad: TensorFlow "same" padding as an explicit layer.
            const auto [before, after] = samePadding(size, conv.kernel, conv.stride);
            layers.append(layer("ZeroPadding2D", names.pad,
                                {{"padding", QJsonArray{pair(before, after), pair(before, after)}},
                                 {"data_format", "channels_last"}},
                                {current}));
            current = names.pad;
            size += before + after;
            size = (size - conv.kernel) / conv.stride + 1;
        }
        const bool depthwise = conv.groups > 1 && conv.groups == conv.inChannels;
        const QString convName = QString::fromStdString(conv.name);
        layers.append(layer(depthwise ? "DepthwiseConv2D" : "Conv2D", convName,
                            convConfig(conv, depthwise, padded), {current}));
        weights.addBackbone(conv.name + (depthwise ? "/depthwise_kernel" : "/kernel"));
        layers.append(layer("BatchNormalization", names.batchNorm, batchNormConfig(), {convName}));
        for (const char* weight : {"gamma", "beta", "moving_mean", "moving_variance"}) {
            weights.addBackbone(names.batchNorm.toStdString() + "/" + weight);
        }
        current = names.batchNorm;
        if (conv.relu6) {
            layers.append(layer("ReLU", names.relu, {{"max_value", 6}}, {current}));
            current = names.relu;
        }
        if (step.residualEnd) {
            layers.append(layer("Add", names.add, {}, {residual, current}));
            current = names.add;
        }
    }
    const QString name = QStringLiteral("transferlab_backbone");
    return {{"class_name", "Model"},
            {"config", QJsonObject{{"name", name},
                                   {"layers", layers},
                                   {"input_layers", nested(QJsonArray{inputName, 0, 0})},
                                   {"output_layers", nested(QJsonArray{current, 0, 0})}}}};
}

// The classifier: the hidden Dense layers and the softmax output, Keras kernel layout [in, out].
QJsonObject headModel(const Graph& graph, WeightWriter& weights) {
    QJsonArray layers;
    for (size_t i = 0; i < graph.dense.size(); ++i) {
        const bool last = i + 1 == graph.dense.size();
        const Dense dense = last ? softmaxOutputLayer(graph) : graph.dense[i];
        QJsonObject config{{"units", qint64(dense.outFeatures)},
                           {"activation", last ? "softmax" : "relu"},
                           {"use_bias", true},
                           {"kernel_initializer", varianceScaling()},
                           {"bias_initializer", initializer("Zeros")},
                           {"kernel_regularizer", QJsonValue::Null},
                           {"bias_regularizer", QJsonValue::Null},
                           {"activity_regularizer", QJsonValue::Null},
                           {"kernel_constraint", QJsonValue::Null},
                           {"bias_constraint", QJsonValue::Null},
                           {"name", QString::fromStdString(dense.name)},
                           {"trainable", true}};
        if (i == 0) {
            config.insert("batch_input_shape",
                          QJsonArray{QJsonValue::Null, qint64(dense.inFeatures)});
            config.insert("dtype", "float32");
        }
        layers.append(QJsonObject{{"class_name", "Dense"}, {"config", config}});
        std::vector<float> kernel(dense.weight.size());
        for (int64_t out = 0; out < dense.outFeatures; ++out) {
            for (int64_t in = 0; in < dense.inFeatures; ++in) {
                kernel[in * dense.outFeatures + out] = dense.weight[out * dense.inFeatures + in];
            }
        }
        weights.add(dense.name + "/kernel", {dense.inFeatures, dense.outFeatures}, kernel);
        weights.add(dense.name + "/bias", {dense.outFeatures}, dense.bias);
    }
    return {{"class_name", "Sequential"},
            {"config", QJsonObject{{"name", "transferlab_head"}, {"layers", layers}}}};
}

void writeFile(const std::filesystem::path& path, const QByteArray& bytes) {
    QSaveFile file(toQString(path));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        throw ExportError("cannot write '" + path.u8string() +
                          "': " + file.errorString().toStdString());
    }
}

}  // namespace

void writeTfjs(const Graph& graph, const std::vector<NamedArray>& backboneWeights,
               const std::filesystem::path& folder) {
    WeightWriter weights(backboneWeights);
    const QJsonObject features{
        {"class_name", "Sequential"},
        {"config",
         QJsonObject{
             {"name", "transferlab_features"},
             {"layers",
              QJsonArray{backboneModel(graph, weights),
                         QJsonObject{{"class_name", "GlobalAveragePooling2D"},
                                     {"config", QJsonObject{{"data_format", "channels_last"},
                                                            {"name", "global_pooling"},
                                                            {"trainable", true}}}}}}}}};
    const QJsonObject head = headModel(graph, weights);
    const QJsonObject topology{{"class_name", "Sequential"},
                               {"config", QJsonObject{{"name", "transferlab_classifier"},
                                                      {"layers", QJsonArray{features, head}}}},
                               {"keras_version", kTfjsLayersVersion},
                               {"backend", "tensor_flow.js"}};
    const QJsonObject modelJson{
        {"format", "layers-model"},
        {"generatedBy", "TransferLab " TRANSFERLAB_VERSION},
        {"convertedBy", QJsonValue::Null},
        {"modelTopology", topology},
        {"weightsManifest", QJsonArray{QJsonObject{{"paths", QJsonArray{"weights.bin"}},
                                                   {"weights", weights.manifest()}}}}};
    writeFile(folder / "weights.bin", weights.data());
    writeFile(folder / "model.json", QJsonDocument(modelJson).toJson(QJsonDocument::Compact));
}

}  // namespace tl::exportgraph
