// SPDX-License-Identifier: MIT
#pragma once

#include "nn/MobileNetV2.h"
#include "support/TorchInclude.h"

namespace tl {

// A MobileNetV2 as TorchScript: its convolutions with BatchNorm folded in (eval-mode
// statistics, nn/BatchNormFolding.h), ReLU6 and residual adds, for inputs of exactly
// spec().inputSize pixels. forward(x: [N, 3, S, S] preprocessed, any device) returns the pooled
// embeddings [N, C]. The fast inference path freezes and optimises it for this CPU
// (InferenceBackbone); the training package (export-job) saves it as it is, for any device.
//
// TensorFlow's "same" padding before a stride-2 convolution puts the odd row and column at the
// bottom/right. With `shiftedKernelPadding` such a 3x3 convolution becomes a 4x4 one whose first
// row and column are zero, with symmetric padding 1: the same sums without a padded copy of the
// activations. Otherwise an explicit constant_pad_nd precedes it.
struct BackboneScriptOptions {
    bool shiftedKernelPadding = true;
};

torch::jit::Module scriptMobileNetV2(const MobileNetV2& network,
                                     const BackboneScriptOptions& options = {});

// Multiply-accumulates of one image through the network's convolutions at its input size
// (0.35 @ 160: ~30 million; 1.0 @ 224: ~300 million).
int64_t multiplyAccumulates(const MobileNetV2& network);

}  // namespace tl
