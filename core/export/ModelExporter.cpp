// SPDX-License-Identifier: MIT
#include "support/TorchInclude.h"
#pragma push_macro("slots")
#undef slots
#include <torch/script.h>
#pragma pop_macro("slots")

#include "export/ModelExporter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QString>
#include <QUuid>

#include <cctype>
#include <cmath>
#include <map>
#include <sstream>

#include "export/ModelExportGraph.h"
#include "nn/MobileNetV2.h"
#include "training/TrainedModel.h"

namespace tl {

namespace fs = std::filesystem;

namespace {

constexpr int kOnnxOpset = 10;  // keep in sync with ModelExporterOnnx.cpp

std::vector<float> toVector(const torch::Tensor& tensor) {
    const torch::Tensor flat = tensor.detach().to(torch::kFloat).contiguous().reshape({-1});
    return std::vector<float>(flat.data_ptr<float>(), flat.data_ptr<float>() + flat.numel());
}

// Convolution followed by BatchNorm (eval mode) as one convolution with bias, computed in
// double precision: w' = w * g / sqrt(v + eps), b' = beta - m * g / sqrt(v + eps).
exportgraph::Conv foldConv(const std::string& name, const torch::nn::Conv2dImpl& conv,
                           const torch::nn::BatchNorm2dImpl& bn, bool relu6) {
    const auto& options = conv.options;
    exportgraph::Conv out;
    out.name = name;
    out.inChannels = options.in_channels();
    out.outChannels = options.out_channels();
    out.kernel = (*options.kernel_size())[0];
    out.stride = (*options.stride())[0];
    out.groups = options.groups();
    out.relu6 = relu6;
    torch::NoGradGuard noGrad;
    const torch::Tensor scale = bn.weight.to(torch::kDouble) /
                                torch::sqrt(bn.running_var.to(torch::kDouble) + bn.options.eps());
    torch::Tensor weight = conv.weight.to(torch::kDouble) * scale.reshape({-1, 1, 1, 1});
    torch::Tensor bias = bn.bias.to(torch::kDouble) - bn.running_mean.to(torch::kDouble) * scale;
    if (conv.bias.defined()) {
        bias = bias + conv.bias.to(torch::kDouble) * scale;
    }
    out.weight = toVector(weight);
    out.bias = toVector(bias);
    return out;
}

// The calibration temperature divides the logits: folded into the output layer, so every
// export gives the app's calibrated probabilities without an extra node.
void bakeTemperature(exportgraph::Dense& output, double temperature) {
    if (!(temperature > 0) || temperature == 1.0) {
        return;
    }
    for (float& value : output.weight) {
        value = static_cast<float>(value / temperature);
    }
    for (float& value : output.bias) {
        value = static_cast<float>(value / temperature);
    }
}

exportgraph::Graph buildGraph(const TrainedModel& model) {
    if (!model.backbone || !model.head) {
        throw ExportError("nothing to export: the model is not trained");
    }
    auto* mobileNet = dynamic_cast<MobileNetV2*>(model.backbone.get());
    if (!mobileNet) {
        throw ExportError("export of '" + model.backbone->spec().architecture +
                          "' backbones is not supported yet (only MobileNetV2 models can be "
                          "exported to TorchScript or ONNX for now)");
    }
    std::map<std::string, std::shared_ptr<torch::nn::Module>> children;
    for (const auto& item : mobileNet->named_children()) {
        children[item.key()] = item.value();
    }
    auto conv = [&](const std::string& convName, const std::string& bnName, bool relu6) {
        const auto convModule = children.find(convName);
        const auto bnModule = children.find(bnName);
        if (convModule == children.end() || bnModule == children.end()) {
            throw ExportError("the MobileNetV2 backbone has no layer '" + convName + "'/'" +
                              bnName + "'");
        }
        return foldConv(convName, *convModule->second->as<torch::nn::Conv2dImpl>(),
                        *bnModule->second->as<torch::nn::BatchNorm2dImpl>(), relu6);
    };

    exportgraph::Graph graph;
    graph.inputSize = model.inputSize() > 0 ? model.inputSize() : mobileNet->spec().inputSize;
    graph.steps.push_back({conv("Conv1", "bn_Conv1", true)});
    for (const auto& block : mobileNet->blockNames()) {
        if (block == "Conv_1") {
            continue;
        }
        const std::string prefix = block + "_";
        std::vector<exportgraph::Step> steps;
        if (children.count(prefix + "expand")) {
            steps.push_back({conv(prefix + "expand", prefix + "expand_BN", true)});
        }
        steps.push_back({conv(prefix + "depthwise", prefix + "depthwise_BN", true)});
        steps.push_back({conv(prefix + "project", prefix + "project_BN", false)});
        const int64_t inChannels = steps.front().conv.inChannels;
        if (steps[steps.size() - 2].conv.stride == 1 &&
            inChannels == steps.back().conv.outChannels) {
            steps.front().residualStart = true;
            steps.back().residualEnd = true;
        }
        graph.steps.insert(graph.steps.end(), steps.begin(), steps.end());
    }
    graph.steps.push_back({conv("Conv_1", "Conv_1_bn", true)});

    const HeadConfig& config = model.head->config();
    const auto parameters = model.head->named_parameters();
    const size_t layers = config.hiddenUnits.size() + 1;
    int64_t inputs = config.inputFeatures;
    for (size_t i = 0; i < layers; ++i) {
        exportgraph::Dense dense;
        dense.name = "dense_" + std::to_string(i);
        const torch::Tensor* weight = parameters.find(dense.name + ".weight");
        if (!weight) {
            throw ExportError("the classifier head has no layer '" + dense.name + "'");
        }
        dense.inFeatures = inputs;
        dense.outFeatures = weight->size(0);
        dense.relu = i + 1 < layers;
        dense.weight = toVector(*weight);
        const torch::Tensor* bias = parameters.find(dense.name + ".bias");
        dense.bias = bias ? toVector(*bias) : std::vector<float>(dense.outFeatures, 0.0f);
        if (!dense.relu) {
            bakeTemperature(dense, config.temperature);
        }
        inputs = dense.outFeatures;
        graph.dense.push_back(std::move(dense));
    }
    graph.sigmoidBinary = config.isBinary();
    graph.classes = config.numClasses;
    return graph;
}

torch::Tensor toTensor(const std::vector<float>& values, std::vector<int64_t> shape) {
    return torch::from_blob(const_cast<float*>(values.data()), shape, torch::kFloat).clone();
}

// A torch::jit::Module with the folded weights as parameters and a generated forward().
void writeTorchScript(const exportgraph::Graph& graph, const fs::path& path) {
    torch::jit::Module module("TransferLabClassifier");
    std::ostringstream source;
    source << "def pad_same(self, x: Tensor, kernel: int, stride: int) -> Tensor:\n"
              "    h = x.size(2)\n"
              "    w = x.size(3)\n"
              "    ph = max(kernel - (stride if h % stride == 0 else h % stride), 0)\n"
              "    pw = max(kernel - (stride if w % stride == 0 else w % stride), 0)\n"
              "    return torch.constant_pad_nd(x, [pw // 2, pw - pw // 2, ph // 2, ph - ph // 2], "
              "0.0)\n"
              "\n"
              "def forward(self, x: Tensor) -> Tensor:\n"
              "    residual = x\n";
    for (const auto& step : graph.steps) {
        const auto& conv = step.conv;
        module.register_parameter(
            conv.name + "_weight",
            toTensor(conv.weight,
                     {conv.outChannels, conv.inChannels / conv.groups, conv.kernel, conv.kernel}),
            false);
        module.register_parameter(conv.name + "_bias", toTensor(conv.bias, {conv.outChannels}),
                                  false);
        if (step.residualStart) {
            source << "    residual = x\n";
        }
        const int64_t padding = conv.stride == 1 ? conv.kernel / 2 : 0;
        const std::string input = conv.stride == 1
                                      ? "x"
                                      : "self.pad_same(x, " + std::to_string(conv.kernel) + ", " +
                                            std::to_string(conv.stride) + ")";
        source << "    x = torch.conv2d(" << input << ", self." << conv.name << "_weight, self."
               << conv.name << "_bias, [" << conv.stride << ", " << conv.stride << "], [" << padding
               << ", " << padding << "], [1, 1], " << conv.groups << ")\n";
        if (conv.relu6) {
            source << "    x = torch.clamp(x, 0.0, 6.0)\n";
        }
        if (step.residualEnd) {
            source << "    x = x + residual\n";
        }
    }
    source << "    x = x.mean([2, 3])\n";
    for (const auto& dense : graph.dense) {
        module.register_parameter(dense.name + "_weight",
                                  toTensor(dense.weight, {dense.outFeatures, dense.inFeatures}),
                                  false);
        module.register_parameter(dense.name + "_bias", toTensor(dense.bias, {dense.outFeatures}),
                                  false);
        source << "    x = torch.addmm(self." << dense.name << "_bias, x, self." << dense.name
               << "_weight.t())\n";
        if (dense.relu) {
            source << "    x = torch.relu(x)\n";
        }
    }
    if (graph.sigmoidBinary) {
        source << "    p = torch.sigmoid(x.reshape([-1, 1]))\n"
                  "    return torch.cat([1 - p, p], 1)\n";
    } else {
        source << "    return torch.softmax(x, 1)\n";
    }
    try {
        module.define(source.str());
        module.eval();
        module.save(path.string());
    } catch (const c10::Error& error) {
        throw ExportError("cannot write the TorchScript model '" + path.u8string() +
                          "': " + error.what_without_backtrace());
    }
}

// Marks the JSON beside every export, so that TransferLab replaces only its own exports.
constexpr const char* kExportMarker = "transferlab-export";

bool isTransferLabExport(const fs::path& path, const fs::path& metadataPath) {
    QFile file(QString::fromStdU16String(metadataPath.u16string()));
    if (file.size() > 16 * 1024 * 1024 || !file.open(QIODevice::ReadOnly)) {
        return false;
    }
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    return json.value("producer").toString() == QLatin1String(kExportMarker) &&
           json.value("file").toString().toStdString() == path.filename().u8string();
}

// An existing file is replaced only when it is an earlier TransferLab export of that name.
void checkExportDestination(const fs::path& path, const fs::path& metadataPath) {
    std::error_code error;
    const bool modelExists = fs::exists(fs::symlink_status(path, error));
    const bool metadataExists = fs::exists(fs::symlink_status(metadataPath, error));
    if (!modelExists && !metadataExists) {
        return;
    }
    if (fs::is_regular_file(fs::symlink_status(path, error)) &&
        isTransferLabExport(path, metadataPath)) {
        return;
    }
    const fs::path& existing = modelExists ? path : metadataPath;
    throw ExportError("will not overwrite '" + existing.u8string() +
                      "': it was not exported by TransferLab; choose another name (nothing was "
                      "changed)");
}

QJsonObject metadata(const TrainedModel& model, ExportFormat format, const fs::path& path,
                     int64_t inputSize) {
    const BackboneSpec& spec = model.backbone->spec();
    QJsonArray classes;
    for (const auto& name : model.classNames) {
        classes.append(QString::fromStdString(name));
    }
    const Preprocessing preprocessing = model.backbone->preprocessing();
    const QString formula = preprocessing == Preprocessing::MobileNet
                                ? "RGB, x / 127.5 - 1 (pixels in [0, 255] to [-1, 1])"
                                : "BGR, x - [103.939, 116.779, 123.68] (ImageNet mean, BGR order)";
    const qint64 size = inputSize;
    QJsonObject json{
        {"format", QString::fromStdString(toString(format))},
        {"file", QString::fromStdString(path.filename().u8string())},
        {"producer", kExportMarker},
        {"exported_by", "TransferLab " TRANSFERLAB_VERSION},
        {"classes", classes},
        {"input",
         QJsonObject{{"name", "input"},
                     {"shape", QJsonArray{-1, 3, size, size}},
                     {"layout", "NCHW"},
                     {"dtype", "float32"},
                     {"size", size},
                     {"preprocessing", QString::fromStdString(toString(preprocessing))},
                     {"preprocessing_formula", formula},
                     {"resize",
                      "decode at full size with the EXIF orientation applied, then OpenCV "
                      "resize to size x size (aspect ratio not kept): INTER_AREA when shrinking "
                      "in both directions, else INTER_LINEAR"},
                     {"included_in_model", false}}},
        {"output",
         QJsonObject{{"name", "probabilities"},
                     {"shape", QJsonArray{-1, static_cast<qint64>(model.classNames.size())}},
                     {"meaning", "class probabilities in the order of 'classes'"},
                     {"head_activation", model.head->config().isBinary() ? "sigmoid" : "softmax"}}},
        {"backbone", QJsonObject{{"reference", QString::fromStdString(model.backboneReference)},
                                 {"sha256", QString::fromStdString(model.backboneSha256)},
                                 {"architecture", QString::fromStdString(spec.architecture)},
                                 {"alpha", spec.alpha},
                                 {"input_size", spec.inputSize},
                                 {"fine_tuned", model.backboneFineTuned}}},
        {"batchnorm_folded", true},
        {"calibration",
         QJsonObject{{"temperature", model.head->config().temperature},
                     {"included_in_model", true},
                     {"meaning",
                      "the output layer's weights and bias are divided by the temperature "
                      "(temperature scaling fitted on out-of-fold predictions): the outputs are "
                      "the app's calibrated probabilities"}}},
        {"test_time_augmentation",
         QJsonObject{{"recommended", QString::fromStdString(toString(model.testTimeAugmentation))},
                     {"included_in_model", false},
                     {"how",
                      "average the output probabilities over the views: the image; 'mirror' "
                      "adds its horizontal mirror; 'mirror+crops' also the centre crop (the "
                      "middle 7/8 of each side, scaled back to size x size with bilinear "
                      "interpolation) and its mirror"}}}};
    if (format == ExportFormat::Onnx) {
        json.insert("onnx_opset", kOnnxOpset);
    } else {
        json.insert("torchscript_producer", "LibTorch " TORCH_VERSION);
    }
    return json;
}

}  // namespace

std::string toString(ExportFormat format) {
    return format == ExportFormat::Onnx ? "onnx" : "torchscript";
}

ExportFormat exportFormatFromString(const std::string& name) {
    std::string lower;
    for (char c : name) {
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (lower == "torchscript") {
        return ExportFormat::TorchScript;
    }
    if (lower == "onnx") {
        return ExportFormat::Onnx;
    }
    throw std::invalid_argument("unknown export format '" + name +
                                "' (expected torchscript or onnx)");
}

ExportResult exportModel(const TrainedModel& model, ExportFormat format, const fs::path& path) {
    const exportgraph::Graph graph = buildGraph(model);
    ExportResult result;
    result.model = path;
    result.metadata = fs::path(path.u8string() + ".json");
    checkExportDestination(path, result.metadata);
    std::error_code error;
    if (path.has_parent_path()) {
        fs::create_directories(path.parent_path(), error);
    }
    // Written beside the target under a name no user file has, and renamed into place:
    // never a half-written export.
    const fs::path staged =
        path.parent_path() / ("." + path.filename().u8string() + ".tmp-" +
                              QUuid::createUuid().toString(QUuid::Id128).left(8).toStdString());
    try {
        if (format == ExportFormat::TorchScript) {
            writeTorchScript(graph, staged);
        } else {
            exportgraph::writeOnnx(graph, staged);
        }
        fs::rename(staged, path);
    } catch (const fs::filesystem_error& failure) {
        fs::remove(staged, error);
        throw ExportError("cannot write '" + path.u8string() + "': " + failure.what());
    } catch (...) {
        fs::remove(staged, error);
        throw;
    }
    QSaveFile file(QString::fromStdU16String(result.metadata.u16string()));
    const QByteArray json = QJsonDocument(metadata(model, format, path, graph.inputSize)).toJson();
    if (!file.open(QIODevice::WriteOnly) || file.write(json) < 0 || !file.commit()) {
        throw ExportError("cannot write '" + result.metadata.u8string() +
                          "': " + file.errorString().toStdString());
    }
    return result;
}

}  // namespace tl
