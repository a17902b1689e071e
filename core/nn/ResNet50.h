// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "nn/Backbone.h"

namespace tl {

// tf.keras.applications.ResNet50 without its top (keras/applications/resnet.py, "v1" with the
// stride on the first 1x1 convolution of a block): Conv2D with bias, BatchNormalization eps
// 1.001e-5, Keras layer names ('conv1_conv', 'conv1_bn', 'conv2_block1_0_conv' for the
// projection shortcut, 'conv2_block1_1_conv' ... 'conv5_block3_3_bn'). Caffe preprocessing.
class ResNet50 : public Backbone {
public:
    explicit ResNet50(const BackboneSpec& spec);

    torch::Tensor forward(torch::Tensor x) override;
    int64_t featureChannels() const override { return 2048; }
    Preprocessing preprocessing() const override { return Preprocessing::Caffe; }
    const BackboneSpec& spec() const override { return spec_; }
    void loadKerasWeights(const KerasWeights& weights) override;
    KerasWeights toKerasWeights() override;
    std::vector<std::string> blockNames() const override;
    std::vector<std::shared_ptr<torch::nn::Module>> lastBlocks(int count) override;

private:
    struct Block {
        std::string prefix;                   // "conv2_block1_"
        torch::nn::Conv2d shortcut{nullptr};  // projection on the first block of a stage
        torch::nn::BatchNorm2d shortcutBn{nullptr};
        torch::nn::Conv2d conv1{nullptr}, conv2{nullptr}, conv3{nullptr};
        torch::nn::BatchNorm2d bn1{nullptr}, bn2{nullptr}, bn3{nullptr};
    };

    void addStage(int stage, int64_t filters, int blocks, int64_t firstStride);
    Block makeBlock(const std::string& prefix, int64_t filters, int64_t stride, bool projection);
    torch::Tensor forwardBlock(Block& block, const torch::Tensor& input);
    torch::nn::Conv2d addConv(const std::string& name, int64_t in, int64_t out, int64_t kernel,
                              int64_t stride, int64_t padding);
    torch::nn::BatchNorm2d addBatchNorm(const std::string& name, int64_t channels);
    std::vector<std::pair<torch::nn::Conv2d*, std::string>> convLayers();
    std::vector<std::pair<torch::nn::BatchNorm2d*, std::string>> batchNormLayers();

    BackboneSpec spec_;
    int64_t channels_ = 64;  // output channels of the last layer built (construction only)
    torch::nn::Conv2d conv1_{nullptr};
    torch::nn::BatchNorm2d bn1_{nullptr};
    std::vector<Block> blocks_;
};

}  // namespace tl
