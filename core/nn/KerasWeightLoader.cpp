// SPDX-License-Identifier: MIT
#include "nn/KerasWeightLoader.h"

#include <sstream>

#include "support/Errors.h"

namespace tl {

namespace {

std::string shapeText(at::IntArrayRef shape) {
    std::ostringstream text;
    text << "[";
    for (size_t i = 0; i < shape.size(); ++i) {
        text << (i ? "," : "") << shape[i];
    }
    text << "]";
    return text.str();
}

}  // namespace

torch::Tensor KerasWeightLoader::conv2dFromKeras(const torch::Tensor& hwio) {
    return hwio.permute({3, 2, 0, 1}).contiguous();
}

torch::Tensor KerasWeightLoader::conv2dToKeras(const torch::Tensor& oihw) {
    return oihw.permute({2, 3, 1, 0}).contiguous();
}

// Keras depthwise kernels are [h, w, in, multiplier]; LibTorch's grouped convolution wants
// [in * multiplier, 1, h, w] with output channel = in_index * multiplier + m, as in Keras.
torch::Tensor KerasWeightLoader::depthwiseFromKeras(const torch::Tensor& hwim) {
    const auto h = hwim.size(0), w = hwim.size(1), in = hwim.size(2), mult = hwim.size(3);
    return hwim.permute({2, 3, 0, 1}).reshape({in * mult, 1, h, w}).contiguous();
}

torch::Tensor KerasWeightLoader::depthwiseToKeras(const torch::Tensor& depthwise,
                                                  int64_t multiplier) {
    const auto h = depthwise.size(2), w = depthwise.size(3);
    const auto in = depthwise.size(0) / multiplier;
    return depthwise.reshape({in, multiplier, h, w}).permute({2, 3, 0, 1}).contiguous();
}

torch::Tensor KerasWeightLoader::denseFromKeras(const torch::Tensor& inOut) {
    return inOut.t().contiguous();
}

torch::Tensor KerasWeightLoader::denseToKeras(const torch::Tensor& outIn) {
    return outIn.t().contiguous();
}

void KerasWeightLoader::queue(torch::Tensor& target, const torch::Tensor& value,
                              const std::string& layer, const std::string& weight) {
    if (!target.sizes().equals(value.sizes())) {
        throw ImportError("layer '" + layer + "': weight '" + weight + "' has shape " +
                          shapeText(value.sizes()) + " but the model expects " +
                          shapeText(target.sizes()) +
                          " (is the file for another architecture or width?)");
    }
    if (!value.is_floating_point()) {
        throw ImportError("layer '" + layer + "': weight '" + weight + "' is not floating point");
    }
    pending_.emplace_back(target, value.to(torch::kFloat32));
}

void KerasWeightLoader::conv2d(torch::nn::Conv2d& conv, const std::string& layer) {
    queue(conv->weight, conv2dFromKeras(weights_.get(layer, "kernel")), layer, "kernel");
    if (conv->bias.defined()) {
        queue(conv->bias, weights_.get(layer, "bias"), layer, "bias");
    }
}

void KerasWeightLoader::depthwiseConv2d(torch::nn::Conv2d& conv, const std::string& layer) {
    const auto& kernel = weights_.get(layer, "depthwise_kernel");
    if (kernel.dim() != 4) {
        throw ImportError("layer '" + layer + "': depthwise kernel must have 4 dimensions, has " +
                          std::to_string(kernel.dim()));
    }
    queue(conv->weight, depthwiseFromKeras(kernel), layer, "depthwise_kernel");
    if (conv->bias.defined()) {
        queue(conv->bias, weights_.get(layer, "bias"), layer, "bias");
    }
}

void KerasWeightLoader::batchNorm(torch::nn::BatchNorm2d& bn, const std::string& layer) {
    if (weights_.contains(layer, "gamma")) {
        queue(bn->weight, weights_.get(layer, "gamma"), layer, "gamma");
    } else {
        // scale=False: gamma is fixed at one.
        queue(bn->weight, torch::ones_like(bn->weight), layer, "gamma");
    }
    queue(bn->bias, weights_.get(layer, "beta"), layer, "beta");
    queue(bn->running_mean, weights_.get(layer, "moving_mean"), layer, "moving_mean");
    queue(bn->running_var, weights_.get(layer, "moving_variance"), layer, "moving_variance");
}

void KerasWeightLoader::dense(torch::nn::Linear& linear, const std::string& layer) {
    const auto& kernel = weights_.get(layer, "kernel");
    if (kernel.dim() != 2) {
        throw ImportError("layer '" + layer + "': dense kernel must have 2 dimensions, has " +
                          std::to_string(kernel.dim()));
    }
    queue(linear->weight, denseFromKeras(kernel), layer, "kernel");
    if (linear->bias.defined()) {
        queue(linear->bias, weights_.get(layer, "bias"), layer, "bias");
    }
}

void KerasWeightLoader::commit() {
    torch::NoGradGuard noGrad;
    for (auto& [target, value] : pending_) {
        // copy_ keeps the target's memory format (channels_last stays channels_last).
        target.copy_(value);
    }
    pending_.clear();
}

void KerasWeightLoader::exportConv2d(KerasWeights& out, torch::nn::Conv2d& conv,
                                     const std::string& layer) {
    out.add(layer, "kernel", conv2dToKeras(conv->weight.detach()));
    if (conv->bias.defined()) {
        out.add(layer, "bias", conv->bias.detach().clone());
    }
}

void KerasWeightLoader::exportDepthwiseConv2d(KerasWeights& out, torch::nn::Conv2d& conv,
                                              const std::string& layer) {
    const int64_t groups = conv->options.groups();
    const int64_t multiplier = conv->weight.size(0) / groups;
    out.add(layer, "depthwise_kernel", depthwiseToKeras(conv->weight.detach(), multiplier));
    if (conv->bias.defined()) {
        out.add(layer, "bias", conv->bias.detach().clone());
    }
}

void KerasWeightLoader::exportBatchNorm(KerasWeights& out, torch::nn::BatchNorm2d& bn,
                                        const std::string& layer) {
    out.add(layer, "gamma", bn->weight.detach().clone());
    out.add(layer, "beta", bn->bias.detach().clone());
    out.add(layer, "moving_mean", bn->running_mean.detach().clone());
    out.add(layer, "moving_variance", bn->running_var.detach().clone());
}

void KerasWeightLoader::exportDense(KerasWeights& out, torch::nn::Linear& linear,
                                    const std::string& layer) {
    out.add(layer, "kernel", denseToKeras(linear->weight.detach()));
    if (linear->bias.defined()) {
        out.add(layer, "bias", linear->bias.detach().clone());
    }
}

}  // namespace tl
