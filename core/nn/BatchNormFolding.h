// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "support/TorchInclude.h"

namespace tl {

// One convolution of a network with the BatchNorm after it folded in: exact in eval mode up to
// float rounding, and one pass over the activations fewer. Steps of a chain run in order; a
// step with residualStart remembers its input, one with residualEnd adds it to its output
// (MobileNetV2's inverted residual blocks).
struct FoldedConvolution {
    std::string name;      // Keras name of the convolution ("block_3_depthwise")
    torch::Tensor weight;  // [out, in / groups, k, k] float32
    torch::Tensor bias;    // [out] float32
    int64_t stride = 1;
    int64_t groups = 1;
    // Stride 1: symmetric padding kernel / 2. Stride 2: TensorFlow "same" padding, the odd
    // row/column at the bottom/right (see padSameForStride in MobileNetV2.h).
    bool relu6 = false;  // followed by ReLU6 (clamp to [0, 6])
    bool residualStart = false;
    bool residualEnd = false;

    int64_t kernel() const { return weight.size(2); }
};

// w' = w * g / sqrt(v + eps), b' = beta + (b - m) * g / sqrt(v + eps), in double precision.
FoldedConvolution foldBatchNorm(const std::string& name, const torch::nn::Conv2dImpl& conv,
                                const torch::nn::BatchNorm2dImpl& bn, bool relu6);

}  // namespace tl
