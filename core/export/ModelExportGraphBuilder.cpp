// SPDX-License-Identifier: MIT
// A trained model flattened into exportgraph::Graph: the one place that reads LibTorch modules
// for the exporters.
#include "support/TorchInclude.h"

#include <map>

#include "export/ModelExportGraph.h"
#include "export/ModelExporter.h"
#include "nn/MobileNetV2.h"
#include "training/TrainedModel.h"

namespace tl::exportgraph {

namespace {

std::vector<float> toVector(const torch::Tensor& tensor) {
    const torch::Tensor flat = tensor.detach().to(torch::kFloat).contiguous().reshape({-1});
    return std::vector<float>(flat.data_ptr<float>(), flat.data_ptr<float>() + flat.numel());
}

Conv foldConv(const std::string& name, const torch::nn::Conv2dImpl& conv,
              const torch::nn::BatchNorm2dImpl& bn, bool relu6) {
    const auto& options = conv.options;
    Conv out;
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

// The factor the logits are multiplied by before the softmax/sigmoid, baked into every export.
// A calibration temperature T (fitted after training) gives 1 / T.
double logitScaleOf(const TrainedModel& model) {
    const double temperature = model.head->config().temperature;
    return temperature > 0 ? 1.0 / temperature : 1.0;
}

}  // namespace

Graph buildGraph(const TrainedModel& model, const ExportOptions& options) {
    if (!model.backbone || !model.head) {
        throw ExportError("nothing to export: the model is not trained");
    }
    auto* mobileNet = dynamic_cast<MobileNetV2*>(model.backbone.get());
    if (!mobileNet) {
        throw ExportError("export of '" + model.backbone->spec().architecture +
                          "' backbones is not supported yet (only MobileNetV2 models can be "
                          "exported for now)");
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

    Graph graph;
    graph.inputSize = model.inputSize() > 0 ? model.inputSize() : mobileNet->spec().inputSize;
    if (model.backbone->preprocessing() != Preprocessing::MobileNet) {
        throw ExportError(
            "only backbones with MobileNet preprocessing (x / 127.5 - 1) can be "
            "exported");
    }
    graph.input.uint8Nhwc = options.selfContained;
    graph.steps.push_back({conv("Conv1", "bn_Conv1", true)});
    for (const auto& block : mobileNet->blockNames()) {
        if (block == "Conv_1") {
            continue;
        }
        const std::string prefix = block + "_";
        std::vector<Step> steps;
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
        Dense dense;
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
        inputs = dense.outFeatures;
        graph.dense.push_back(std::move(dense));
    }
    graph.sigmoidBinary = config.isBinary();
    graph.classes = config.numClasses;
    graph.logitScale = logitScaleOf(model);
    foldLogitScale(graph);
    return graph;
}

std::vector<NamedArray> kerasArrays(Backbone& backbone) {
    const KerasWeights weights = backbone.toKerasWeights();
    std::vector<NamedArray> arrays;
    for (const std::string& layer : weights.layerNames()) {
        for (const char* name : {"kernel", "depthwise_kernel", "bias", "gamma", "beta",
                                 "moving_mean", "moving_variance"}) {
            if (weights.contains(layer, name)) {
                const torch::Tensor& tensor = weights.get(layer, name);
                arrays.push_back({layer + "/" + name, tensor.sizes().vec(), toVector(tensor)});
            }
        }
    }
    return arrays;
}

}  // namespace tl::exportgraph
