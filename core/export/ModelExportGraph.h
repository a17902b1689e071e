// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

// Internal to the exporters: a trained model flattened into plain data (no LibTorch types),
// so the ONNX writer compiles without <torch/torch.h>.
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

struct Graph {
    int64_t inputSize = 0;  // square input side the model was trained at
    std::vector<Step> steps;
    // After the last step: global average pooling, then these layers.
    std::vector<Dense> dense;
    bool sigmoidBinary = false;  // last layer has 1 unit: probabilities [1 - p, p]
    int64_t classes = 0;
};

// TF "same" padding for a stride-2 conv on a size: {before, after}.
inline std::pair<int64_t, int64_t> samePadding(int64_t size, int64_t kernel, int64_t stride) {
    const int64_t remainder = size % stride;
    const int64_t total = std::max<int64_t>(kernel - (remainder == 0 ? stride : remainder), 0);
    return {total / 2, total - total / 2};
}

// Writes the ONNX file (ModelExporterOnnx.cpp). Throws tl::ExportError.
void writeOnnx(const Graph& graph, const std::filesystem::path& path);

}  // namespace tl::exportgraph
