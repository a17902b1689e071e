// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "nn/Backbone.h"
#include "nn/BatchNormFolding.h"

namespace tl {

// tf.keras.applications.MobileNetV2 without its top, for any width multiplier (alpha) and
// input size: ReLU6, BatchNorm eps 1e-3, TensorFlow "same"/ZeroPadding2D asymmetric padding
// before stride-2 convolutions (pad bottom/right on even sizes), Keras layer names.
class MobileNetV2 : public Backbone {
public:
    explicit MobileNetV2(const BackboneSpec& spec);

    torch::Tensor forward(torch::Tensor x) override;
    int64_t featureChannels() const override { return lastChannels_; }
    Preprocessing preprocessing() const override { return Preprocessing::MobileNet; }
    const BackboneSpec& spec() const override { return spec_; }
    void loadKerasWeights(const KerasWeights& weights) override;
    KerasWeights toKerasWeights() override;
    std::vector<std::string> blockNames() const override;
    std::vector<std::shared_ptr<torch::nn::Module>> lastBlocks(int count) override;

    // The network as a chain of convolutions with their BatchNorms folded in (eval-mode
    // statistics), for the fast inference path and the exports.
    std::vector<FoldedConvolution> foldedConvolutions() const;

    // Keras's _make_divisible: channel counts rounded to multiples of 8.
    static int64_t makeDivisible(double value, int64_t divisor = 8);
    // The width multiplier that gives `block16ProjectFilters` output channels in block 16.
    static double alphaFromBlock16Filters(int64_t filters);

private:
    struct Block {
        std::string prefix;  // "expanded_conv_" or "block_N_"
        int stride = 1;
        bool residual = false;
        torch::nn::Conv2d expand{nullptr};
        torch::nn::BatchNorm2d expandBn{nullptr};
        torch::nn::Conv2d depthwise{nullptr};
        torch::nn::BatchNorm2d depthwiseBn{nullptr};
        torch::nn::Conv2d project{nullptr};
        torch::nn::BatchNorm2d projectBn{nullptr};
    };

    Block makeBlock(int64_t inChannels, int64_t filters, int stride, int expansion, int blockId);
    torch::Tensor forwardBlock(Block& block, const torch::Tensor& input);
    torch::nn::Conv2d addConv(const std::string& name, int64_t in, int64_t out, int64_t kernel,
                              int64_t stride, int64_t groups);
    torch::nn::BatchNorm2d addBatchNorm(const std::string& name, int64_t channels);

    BackboneSpec spec_;
    int64_t lastChannels_ = 1280;
    torch::nn::Conv2d conv1_{nullptr};
    torch::nn::BatchNorm2d bnConv1_{nullptr};
    std::vector<Block> blocks_;
    torch::nn::Conv2d conv1x1Last_{nullptr};
    torch::nn::BatchNorm2d lastBn_{nullptr};
};

// TensorFlow "same" padding for a stride-2 convolution (what Keras's ZeroPadding2D with
// correct_pad does): asymmetric, the extra row/column at the bottom/right.
torch::Tensor padSameForStride(const torch::Tensor& x, int64_t kernel, int64_t stride);

}  // namespace tl
