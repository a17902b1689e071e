// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "nn/KerasWeights.h"
#include "support/TorchInclude.h"

namespace tl {

// Moves Keras-named, Keras-laid-out weights into LibTorch layers, all or nothing: each
// call validates and converts one layer and queues the copy; commit() copies everything
// once every layer has validated, so a failing import leaves the model untouched.
class KerasWeightLoader {
public:
    explicit KerasWeightLoader(const KerasWeights& weights) : weights_(weights) {}

    void conv2d(torch::nn::Conv2d& conv, const std::string& layer);
    void depthwiseConv2d(torch::nn::Conv2d& conv, const std::string& layer);
    // Keras BatchNormalization; `scale=False` layers (Inception v3) have no gamma.
    void batchNorm(torch::nn::BatchNorm2d& bn, const std::string& layer);
    void dense(torch::nn::Linear& linear, const std::string& layer);
    void commit();

    // Layout conversions between Keras and LibTorch, used for reading and writing.
    static torch::Tensor conv2dFromKeras(const torch::Tensor& hwio);
    static torch::Tensor conv2dToKeras(const torch::Tensor& oihw);
    static torch::Tensor depthwiseFromKeras(const torch::Tensor& hwim);
    static torch::Tensor depthwiseToKeras(const torch::Tensor& depthwise, int64_t multiplier);
    static torch::Tensor denseFromKeras(const torch::Tensor& inOut);
    static torch::Tensor denseToKeras(const torch::Tensor& outIn);

    // Writers for the inverse direction (Keras names and layouts).
    static void exportConv2d(KerasWeights& out, torch::nn::Conv2d& conv, const std::string& layer);
    static void exportDepthwiseConv2d(KerasWeights& out, torch::nn::Conv2d& conv,
                                      const std::string& layer);
    static void exportBatchNorm(KerasWeights& out, torch::nn::BatchNorm2d& bn,
                                const std::string& layer);
    static void exportDense(KerasWeights& out, torch::nn::Linear& linear, const std::string& layer);

private:
    void queue(torch::Tensor& target, const torch::Tensor& value, const std::string& layer,
               const std::string& weight);

    const KerasWeights& weights_;
    std::vector<std::pair<torch::Tensor, torch::Tensor>> pending_;
};

}  // namespace tl
