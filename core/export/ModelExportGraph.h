// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace tl {
class Backbone;
class TrainedModel;
struct ExportOptions;
}  // namespace tl

// Internal to the exporters: a trained model flattened into plain data (no LibTorch types),
// so the ONNX and TF.js writers compile without <torch/torch.h>.
namespace tl::exportgraph {

// A convolution with its BatchNorm folded in (weight [out, in/groups, k, k], bias [out]).
struct Conv {
    std::string name;  // Keras layer name of the convolution ("block_3_depthwise")
    int64_t inChannels = 0;
    int64_t outChannels = 0;
    int64_t kernel = 1;
    int64_t stride = 1;
    int64_t groups = 1;
    bool relu6 = false;  // followed by ReLU6 (clamp to [0, 6])
    // Stride-2: TensorFlow "same" padding (extra row/column at the bottom/right) before it;
    // stride-1: symmetric padding kernel / 2.
    std::vector<float> weight;
    std::vector<float> bias;
};

// Conv steps in order. A step with residualStart remembers its input; one with residualEnd
// adds that remembered tensor to its output (MobileNetV2 inverted residual blocks).
struct Step {
    Conv conv;
    bool residualStart = false;
    bool residualEnd = false;
};

struct Dense {
    std::string name;
    int64_t inFeatures = 0;
    int64_t outFeatures = 0;
    bool relu = false;          // hidden layers
    std::vector<float> weight;  // row-major [out, in]
    std::vector<float> bias;    // [out] (zeros when the layer has no bias)
};

// How the input reaches the network's first convolution.
struct InputSpec {
    // false: float32 [N, 3, S, S] already preprocessed. true ("self-contained"): uint8 RGB
    // [N, H, W, 3]; the graph converts to float, resizes where the format allows and scales.
    bool uint8Nhwc = false;
    // The backbone's scaling, x / divisor + offset (MobileNet: x / 127.5 - 1).
    float divisor = 127.5f;
    float offset = -1.0f;
};

struct Graph {
    int64_t inputSize = 0;  // square input side the model was trained at
    InputSpec input;
    std::vector<Step> steps;
    // After the last step: global average pooling, then these layers.
    std::vector<Dense> dense;
    bool sigmoidBinary = false;  // last layer has 1 unit: probabilities [1 - p, p]
    int64_t classes = 0;
    // The logits are multiplied by this before the softmax/sigmoid (a calibration temperature
    // T gives 1 / T). foldLogitScale() bakes it into the last Dense layer, so every writer
    // exports it without knowing about it.
    double logitScale = 1.0;
};

// A weight in Keras's layout under its Keras name ("block_1_expand/kernel"), for formats that
// keep BatchNorm as a layer of its own (TF.js).
struct NamedArray {
    std::string name;
    std::vector<int64_t> shape;
    std::vector<float> values;
};

// Multiplies the last Dense layer's weights and bias by graph.logitScale, then sets it to 1.
inline void foldLogitScale(Graph& graph) {
    if (graph.dense.empty() || graph.logitScale == 1.0) {
        return;
    }
    Dense& last = graph.dense.back();
    for (float& value : last.weight) {
        value = static_cast<float>(value * graph.logitScale);
    }
    for (float& value : last.bias) {
        value = static_cast<float>(value * graph.logitScale);
    }
    graph.logitScale = 1.0;
}

// TF "same" padding for a stride-2 conv on a size: {before, after}.
inline std::pair<int64_t, int64_t> samePadding(int64_t size, int64_t kernel, int64_t stride) {
    const int64_t remainder = size % stride;
    const int64_t total = std::max<int64_t>(kernel - (remainder == 0 ? stride : remainder), 0);
    return {total / 2, total - total / 2};
}

// The last Dense layer as it is exported: a two-class sigmoid head becomes the equivalent
// two-unit softmax (a zero row first: softmax([0, z]) = [1 - sigmoid(z), sigmoid(z)]).
inline Dense softmaxOutputLayer(const Graph& graph) {
    Dense last = graph.dense.back();
    if (graph.sigmoidBinary) {
        last.weight.insert(last.weight.begin(), static_cast<size_t>(last.inFeatures), 0.0f);
        last.bias.insert(last.bias.begin(), 0.0f);
        last.outFeatures = 2;
    }
    return last;
}

// The model as plain data (ModelExportGraphBuilder.cpp): BatchNorm folded into the
// convolutions, the logit scale folded into the last layer, the input as `options` ask.
// Throws tl::ExportError (not trained, not a MobileNetV2).
Graph buildGraph(const TrainedModel& model, const ExportOptions& options);
// The backbone's weights in Keras's names and layouts, BatchNorm unfolded (for TF.js).
std::vector<NamedArray> kerasArrays(Backbone& backbone);

// Writes the TorchScript file (ModelExporterTorchScript.cpp). Throws tl::ExportError.
void writeTorchScript(const Graph& graph, const std::filesystem::path& path);

// Writes the ONNX file (ModelExporterOnnx.cpp). Throws tl::ExportError.
void writeOnnx(const Graph& graph, const std::filesystem::path& path);

// Writes model.json and weights.bin of a TF.js layers model into `folder`
// (ModelExporterTfjs.cpp): the network of `graph` with BatchNorm as layers of its own, from
// the backbone's Keras weights. Throws tl::ExportError.
void writeTfjs(const Graph& graph, const std::vector<NamedArray>& backboneWeights,
               const std::filesystem::path& folder);

}  // namespace tl::exportgraph
