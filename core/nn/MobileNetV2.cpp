// SPDX-License-Identifier: MIT
#include "nn/MobileNetV2.h"

#include <cmath>

#include "nn/KerasWeightLoader.h"
#include "support/Errors.h"

namespace tl {

namespace {

struct BlockConfig {
    int filters;
    int stride;
    int expansion;
};

// The 17 inverted residual blocks of MobileNetV2 (block 0 is Keras's "expanded_conv").
const BlockConfig kBlocks[] = {
    {16, 1, 1}, {24, 2, 6},  {24, 1, 6},  {32, 2, 6},  {32, 1, 6},  {32, 1, 6},
    {64, 2, 6}, {64, 1, 6},  {64, 1, 6},  {64, 1, 6},  {96, 1, 6},  {96, 1, 6},
    {96, 1, 6}, {160, 2, 6}, {160, 1, 6}, {160, 1, 6}, {320, 1, 6},
};

torch::Tensor clampRelu6(const torch::Tensor& x) {
    return torch::hardtanh(x, 0.0, 6.0);
}

}  // namespace

torch::Tensor padSameForStride(const torch::Tensor& x, int64_t kernel, int64_t stride) {
    auto total = [&](int64_t size) {
        const int64_t remainder = size % stride;
        return std::max<int64_t>(kernel - (remainder == 0 ? stride : remainder), 0);
    };
    const int64_t padH = total(x.size(2)), padW = total(x.size(3));
    return torch::constant_pad_nd(x, {padW / 2, padW - padW / 2, padH / 2, padH - padH / 2}, 0.0);
}

int64_t MobileNetV2::makeDivisible(double value, int64_t divisor) {
    int64_t rounded =
        std::max<int64_t>(divisor, static_cast<int64_t>(value + divisor / 2.0) / divisor * divisor);
    if (rounded < 0.9 * value) {
        rounded += divisor;
    }
    return rounded;
}

double MobileNetV2::alphaFromBlock16Filters(int64_t filters) {
    for (double alpha : {0.35, 0.5, 0.75, 1.0, 1.3, 1.4}) {
        if (makeDivisible(static_cast<int64_t>(320 * alpha)) == filters) {
            return alpha;
        }
    }
    return filters / 320.0;
}

MobileNetV2::MobileNetV2(const BackboneSpec& spec) : spec_(spec) {
    if (spec.alpha <= 0 || spec.inputSize < 32) {
        throw ImportError("MobileNetV2 needs alpha > 0 and an input of at least 32 px");
    }
    const int64_t firstFilters = makeDivisible(32 * spec.alpha);
    conv1_ = addConv("Conv1", 3, firstFilters, 3, 2, 1);
    bnConv1_ = addBatchNorm("bn_Conv1", firstFilters);

    int64_t channels = firstFilters;
    for (int id = 0; id < static_cast<int>(std::size(kBlocks)); ++id) {
        const auto& config = kBlocks[id];
        blocks_.push_back(makeBlock(channels, config.filters, config.stride, config.expansion, id));
        channels = blocks_.back().project->options.out_channels();
    }
    lastChannels_ = spec.alpha > 1.0 ? makeDivisible(1280 * spec.alpha) : 1280;
    conv1x1Last_ = addConv("Conv_1", channels, lastChannels_, 1, 1, 1);
    lastBn_ = addBatchNorm("Conv_1_bn", lastChannels_);
    eval();
}

torch::nn::Conv2d MobileNetV2::addConv(const std::string& name, int64_t in, int64_t out,
                                       int64_t kernel, int64_t stride, int64_t groups) {
    // Stride-2 convolutions are padded explicitly in forward(); stride-1 3x3 ones are
    // symmetric ("same" equals padding 1 there).
    const int64_t padding = stride == 1 ? kernel / 2 : 0;
    auto conv = register_module(name, torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel)
                                                            .stride(stride)
                                                            .padding(padding)
                                                            .groups(groups)
                                                            .bias(false)));
    torch::NoGradGuard noGrad;
    conv->weight.set_data(conv->weight.contiguous(torch::MemoryFormat::ChannelsLast));
    return conv;
}

torch::nn::BatchNorm2d MobileNetV2::addBatchNorm(const std::string& name, int64_t channels) {
    // Keras: epsilon 1e-3, momentum 0.999 (LibTorch counts momentum the other way round).
    return register_module(
        name,
        torch::nn::BatchNorm2d(torch::nn::BatchNormOptions(channels).eps(1e-3).momentum(0.001)));
}

MobileNetV2::Block MobileNetV2::makeBlock(int64_t inChannels, int64_t filters, int stride,
                                          int expansion, int blockId) {
    Block block;
    block.prefix = blockId == 0 ? "expanded_conv_" : "block_" + std::to_string(blockId) + "_";
    block.stride = stride;
    const int64_t pointwise = makeDivisible(static_cast<int64_t>(filters * spec_.alpha));
    int64_t channels = inChannels;
    if (blockId != 0) {
        channels = inChannels * expansion;
        block.expand = addConv(block.prefix + "expand", inChannels, channels, 1, 1, 1);
        block.expandBn = addBatchNorm(block.prefix + "expand_BN", channels);
    }
    block.depthwise = addConv(block.prefix + "depthwise", channels, channels, 3, stride, channels);
    block.depthwiseBn = addBatchNorm(block.prefix + "depthwise_BN", channels);
    block.project = addConv(block.prefix + "project", channels, pointwise, 1, 1, 1);
    block.projectBn = addBatchNorm(block.prefix + "project_BN", pointwise);
    block.residual = inChannels == pointwise && stride == 1;
    return block;
}

torch::Tensor MobileNetV2::forwardBlock(Block& block, const torch::Tensor& input) {
    torch::Tensor x = input;
    if (block.expand) {
        x = clampRelu6(block.expandBn->forward(block.expand->forward(x)));
    }
    if (block.stride == 2) {
        x = padSameForStride(x, 3, 2);
    }
    x = clampRelu6(block.depthwiseBn->forward(block.depthwise->forward(x)));
    x = block.projectBn->forward(block.project->forward(x));
    return block.residual ? x + input : x;
}

torch::Tensor MobileNetV2::forward(torch::Tensor x) {
    x = clampRelu6(bnConv1_->forward(conv1_->forward(padSameForStride(x, 3, 2))));
    for (auto& block : blocks_) {
        x = forwardBlock(block, x);
    }
    return clampRelu6(lastBn_->forward(conv1x1Last_->forward(x)));
}

std::vector<FoldedConvolution> MobileNetV2::foldedConvolutions() const {
    std::vector<FoldedConvolution> steps;
    steps.push_back(foldBatchNorm("Conv1", *conv1_, *bnConv1_, true));
    for (const auto& block : blocks_) {
        const size_t first = steps.size();
        if (block.expand) {
            steps.push_back(
                foldBatchNorm(block.prefix + "expand", *block.expand, *block.expandBn, true));
        }
        steps.push_back(
            foldBatchNorm(block.prefix + "depthwise", *block.depthwise, *block.depthwiseBn, true));
        steps.push_back(
            foldBatchNorm(block.prefix + "project", *block.project, *block.projectBn, false));
        if (block.residual) {
            steps[first].residualStart = true;
            steps.back().residualEnd = true;
        }
    }
    steps.push_back(foldBatchNorm("Conv_1", *conv1x1Last_, *lastBn_, true));
    return steps;
}

void MobileNetV2::loadKerasWeights(const KerasWeights& weights) {
    KerasWeightLoader loader(weights);
    loader.conv2d(conv1_, "Conv1");
    loader.batchNorm(bnConv1_, "bn_Conv1");
    for (auto& block : blocks_) {
        if (block.expand) {
            loader.conv2d(block.expand, block.prefix + "expand");
            loader.batchNorm(block.expandBn, block.prefix + "expand_BN");
        }
        loader.depthwiseConv2d(block.depthwise, block.prefix + "depthwise");
        loader.batchNorm(block.depthwiseBn, block.prefix + "depthwise_BN");
        loader.conv2d(block.project, block.prefix + "project");
        loader.batchNorm(block.projectBn, block.prefix + "project_BN");
    }
    loader.conv2d(conv1x1Last_, "Conv_1");
    loader.batchNorm(lastBn_, "Conv_1_bn");
    loader.commit();
}

KerasWeights MobileNetV2::toKerasWeights() {
    KerasWeights out;
    KerasWeightLoader::exportConv2d(out, conv1_, "Conv1");
    KerasWeightLoader::exportBatchNorm(out, bnConv1_, "bn_Conv1");
    for (auto& block : blocks_) {
        if (block.expand) {
            KerasWeightLoader::exportConv2d(out, block.expand, block.prefix + "expand");
            KerasWeightLoader::exportBatchNorm(out, block.expandBn, block.prefix + "expand_BN");
        }
        KerasWeightLoader::exportDepthwiseConv2d(out, block.depthwise, block.prefix + "depthwise");
        KerasWeightLoader::exportBatchNorm(out, block.depthwiseBn, block.prefix + "depthwise_BN");
        KerasWeightLoader::exportConv2d(out, block.project, block.prefix + "project");
        KerasWeightLoader::exportBatchNorm(out, block.projectBn, block.prefix + "project_BN");
    }
    KerasWeightLoader::exportConv2d(out, conv1x1Last_, "Conv_1");
    KerasWeightLoader::exportBatchNorm(out, lastBn_, "Conv_1_bn");
    return out;
}

std::vector<std::string> MobileNetV2::blockNames() const {
    std::vector<std::string> names;
    for (const auto& block : blocks_) {
        names.push_back(block.prefix.substr(0, block.prefix.size() - 1));
    }
    names.push_back("Conv_1");
    return names;
}

std::vector<std::shared_ptr<torch::nn::Module>> MobileNetV2::lastBlocks(int count) {
    std::vector<std::shared_ptr<torch::nn::Module>> modules;
    // The final 1x1 convolution counts as the last block.
    if (count <= 0) {
        return modules;
    }
    modules.push_back(conv1x1Last_.ptr());
    modules.push_back(lastBn_.ptr());
    const int blockCount = std::min<int>(count - 1, static_cast<int>(blocks_.size()));
    for (int i = static_cast<int>(blocks_.size()) - blockCount;
         i < static_cast<int>(blocks_.size()); ++i) {
        auto& block = blocks_[i];
        for (auto module : std::initializer_list<std::shared_ptr<torch::nn::Module>>{
                 block.expand ? block.expand.ptr() : nullptr,
                 block.expandBn ? block.expandBn.ptr() : nullptr, block.depthwise.ptr(),
                 block.depthwiseBn.ptr(), block.project.ptr(), block.projectBn.ptr()}) {
            if (module) {
                modules.push_back(module);
            }
        }
    }
    return modules;
}

}  // namespace tl
