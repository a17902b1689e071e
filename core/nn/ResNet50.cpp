// SPDX-License-Identifier: MIT
#include "nn/ResNet50.h"

#include "nn/KerasWeightLoader.h"
#include "support/Errors.h"

namespace tl {

ResNet50::ResNet50(const BackboneSpec& spec) : spec_(spec) {
    if (spec.inputSize < 32) {
        throw ImportError("ResNet-50 needs an input of at least 32 px");
    }
    // ZeroPadding2D(3) + "valid" 7x7/2 is a symmetric padding of 3.
    conv1_ = addConv("conv1_conv", 3, 64, 7, 2, 3);
    bn1_ = addBatchNorm("conv1_bn", 64);
    channels_ = 64;
    addStage(2, 64, 3, 1);
    addStage(3, 128, 4, 2);
    addStage(4, 256, 6, 2);
    addStage(5, 512, 3, 2);
    eval();
}

torch::nn::Conv2d ResNet50::addConv(const std::string& name, int64_t in, int64_t out,
                                    int64_t kernel, int64_t stride, int64_t padding) {
    auto conv = register_module(
        name,
        torch::nn::Conv2d(
            torch::nn::Conv2dOptions(in, out, kernel).stride(stride).padding(padding).bias(true)));
    torch::NoGradGuard noGrad;
    conv->weight.set_data(conv->weight.contiguous(torch::MemoryFormat::ChannelsLast));
    return conv;
}

torch::nn::BatchNorm2d ResNet50::addBatchNorm(const std::string& name, int64_t channels) {
    // Keras: epsilon 1.001e-5, default momentum 0.99 (0.01 the LibTorch way round).
    return register_module(
        name,
        torch::nn::BatchNorm2d(torch::nn::BatchNormOptions(channels).eps(1.001e-5).momentum(0.01)));
}

void ResNet50::addStage(int stage, int64_t filters, int blocks, int64_t firstStride) {
    for (int i = 1; i <= blocks; ++i) {
        const std::string prefix =
            "conv" + std::to_string(stage) + "_block" + std::to_string(i) + "_";
        blocks_.push_back(makeBlock(prefix, filters, i == 1 ? firstStride : 1, i == 1));
    }
}

// Keras block1(): creation order _0 (projection), _1, _2, _3, so registration follows it.
ResNet50::Block ResNet50::makeBlock(const std::string& prefix, int64_t filters, int64_t stride,
                                    bool projection) {
    Block block;
    block.prefix = prefix;
    const int64_t in = channels_;
    if (projection) {
        block.shortcut = addConv(prefix + "0_conv", in, 4 * filters, 1, stride, 0);
        block.shortcutBn = addBatchNorm(prefix + "0_bn", 4 * filters);
    }
    block.conv1 = addConv(prefix + "1_conv", in, filters, 1, stride, 0);
    block.bn1 = addBatchNorm(prefix + "1_bn", filters);
    block.conv2 = addConv(prefix + "2_conv", filters, filters, 3, 1, 1);
    block.bn2 = addBatchNorm(prefix + "2_bn", filters);
    block.conv3 = addConv(prefix + "3_conv", filters, 4 * filters, 1, 1, 0);
    block.bn3 = addBatchNorm(prefix + "3_bn", 4 * filters);
    channels_ = 4 * filters;
    return block;
}

torch::Tensor ResNet50::forwardBlock(Block& block, const torch::Tensor& input) {
    const torch::Tensor shortcut =
        block.shortcut ? block.shortcutBn->forward(block.shortcut->forward(input)) : input;
    torch::Tensor x = torch::relu(block.bn1->forward(block.conv1->forward(input)));
    x = torch::relu(block.bn2->forward(block.conv2->forward(x)));
    x = block.bn3->forward(block.conv3->forward(x));
    return torch::relu(shortcut + x);
}

torch::Tensor ResNet50::forward(torch::Tensor x) {
    x = torch::relu(bn1_->forward(conv1_->forward(x)));
    // Keras pads with zeros (ZeroPadding2D 'pool1_pad') before a "valid" 3x3/2 max pool.
    x = torch::max_pool2d(torch::constant_pad_nd(x, {1, 1, 1, 1}, 0.0), 3, 2);
    for (auto& block : blocks_) {
        x = forwardBlock(block, x);
    }
    return x;
}

std::vector<std::pair<torch::nn::Conv2d*, std::string>> ResNet50::convLayers() {
    std::vector<std::pair<torch::nn::Conv2d*, std::string>> layers = {{&conv1_, "conv1_conv"}};
    for (auto& block : blocks_) {
        if (block.shortcut) {
            layers.emplace_back(&block.shortcut, block.prefix + "0_conv");
        }
        layers.emplace_back(&block.conv1, block.prefix + "1_conv");
        layers.emplace_back(&block.conv2, block.prefix + "2_conv");
        layers.emplace_back(&block.conv3, block.prefix + "3_conv");
    }
    return layers;
}

std::vector<std::pair<torch::nn::BatchNorm2d*, std::string>> ResNet50::batchNormLayers() {
    std::vector<std::pair<torch::nn::BatchNorm2d*, std::string>> layers = {{&bn1_, "conv1_bn"}};
    for (auto& block : blocks_) {
        if (block.shortcutBn) {
            layers.emplace_back(&block.shortcutBn, block.prefix + "0_bn");
        }
        layers.emplace_back(&block.bn1, block.prefix + "1_bn");
        layers.emplace_back(&block.bn2, block.prefix + "2_bn");
        layers.emplace_back(&block.bn3, block.prefix + "3_bn");
    }
    return layers;
}

void ResNet50::loadKerasWeights(const KerasWeights& weights) {
    KerasWeightLoader loader(weights);
    for (auto& [conv, name] : convLayers()) {
        loader.conv2d(*conv, name);
    }
    for (auto& [bn, name] : batchNormLayers()) {
        loader.batchNorm(*bn, name);
    }
    loader.commit();
}

KerasWeights ResNet50::toKerasWeights() {
    KerasWeights out;
    for (auto& [conv, name] : convLayers()) {
        KerasWeightLoader::exportConv2d(out, *conv, name);
    }
    for (auto& [bn, name] : batchNormLayers()) {
        KerasWeightLoader::exportBatchNorm(out, *bn, name);
    }
    return out;
}

std::vector<std::string> ResNet50::blockNames() const {
    std::vector<std::string> names = {"conv1"};
    for (const auto& block : blocks_) {
        names.push_back(block.prefix.substr(0, block.prefix.size() - 1));
    }
    return names;
}

std::vector<std::shared_ptr<torch::nn::Module>> ResNet50::lastBlocks(int count) {
    std::vector<std::shared_ptr<torch::nn::Module>> modules;
    const int total = static_cast<int>(blocks_.size());
    for (int i = std::max(0, total - count); i < total; ++i) {
        auto& block = blocks_[i];
        if (block.shortcut) {
            modules.push_back(block.shortcut.ptr());
            modules.push_back(block.shortcutBn.ptr());
        }
        for (auto module : std::initializer_list<std::shared_ptr<torch::nn::Module>>{
                 block.conv1.ptr(), block.bn1.ptr(), block.conv2.ptr(), block.bn2.ptr(),
                 block.conv3.ptr(), block.bn3.ptr()}) {
            modules.push_back(module);
        }
    }
    // Beyond the residual blocks lies the stem ('conv1').
    if (count > total) {
        modules.push_back(conv1_.ptr());
        modules.push_back(bn1_.ptr());
    }
    return modules;
}

}  // namespace tl
