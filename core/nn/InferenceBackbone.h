// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <string>

#include "nn/Backbone.h"

namespace tl {

// The fastest way this LibTorch build runs a frozen backbone forward, for feature extraction
// and prediction. For MobileNetV2 at a fixed input size: a TorchScript graph of the
// convolutions with BatchNorm folded in (nn/BatchNormFolding.h), frozen and optimised for
// inference (oneDNN convolutions with fused ReLU6 and residual adds), channels_last input.
// TensorFlow's asymmetric "same" padding before a stride-2 convolution becomes a 4x4 kernel
// whose first row and column are zero with symmetric padding 1: the same sums, and no padding
// copy of the activations. Other architectures, other input sizes and
// `Options::path = Path::Eager` use the eager modules (Backbone::embed), which also serve
// Grad-CAM and fine-tuning: both give the same embeddings up to float rounding (tested).
//
// embed() is thread-safe and uses the calling thread's LibTorch thread count, so several
// threads may each run a batch (the feature extractor runs one single-threaded batch per core).
// The graph holds a copy of the weights taken at construction: build a new one after the
// weights change (fine-tuning).
class InferenceBackbone {
public:
    enum class Path { Fastest, Eager };
    struct Options {
        Path path = Path::Fastest;
        // Benchmarks only: optimize_for_inference's oneDNN rewrite off, or explicit padding.
        bool optimizeForInference = true;
        bool shiftedKernelPadding = true;
    };

    explicit InferenceBackbone(std::shared_ptr<Backbone> backbone);
    InferenceBackbone(std::shared_ptr<Backbone> backbone, Options options);
    ~InferenceBackbone();
    InferenceBackbone(const InferenceBackbone&) = delete;
    InferenceBackbone& operator=(const InferenceBackbone&) = delete;

    // Pooled embeddings [N, C] of a preprocessed batch [N, 3, S, S] (toInputBatch()), no grad.
    torch::Tensor embed(const torch::Tensor& batch) const;

    const Backbone& backbone() const { return *backbone_; }
    // Which computation embed() runs: "frozen-folded" or "eager". Features from different
    // paths differ by float rounding, so the feature cache keys them apart.
    std::string pathName() const;
    bool isFrozen() const { return frozen_ != nullptr; }
    // The path a default-built InferenceBackbone takes for `backbone`, without building it.
    static std::string pathNameFor(const Backbone& backbone);
    // The batch size at which one single-threaded forward pass per core runs fastest per
    // image: enough images to spread the fixed cost of ~50 layers (small networks), few
    // enough to keep a batch's activations near the core's caches (large ones). Measured with
    // bench_extraction here: MobileNetV2-0.35 @ 160 (30 million multiply-adds per image) is
    // fastest at 8, 1.0 @ 224 (300 million) at 1 to 2; so about 250 million per batch, 1..32.
    static int preferredBatchSize(const Backbone& backbone);
    // Multiply-adds of one image (MobileNetV2: counted from its convolutions; others: a
    // conservative 4 billion, ResNet-50's and Inception v3's order of magnitude).
    static double multiplyAddsPerImage(const Backbone& backbone);

private:
    struct Frozen;
    std::shared_ptr<Backbone> backbone_;
    std::unique_ptr<Frozen> frozen_;
};

}  // namespace tl
