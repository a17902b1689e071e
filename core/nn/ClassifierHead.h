// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "nn/KerasWeights.h"
#include "support/TorchInclude.h"

namespace tl {

struct HeadConfig {
    int64_t inputFeatures = 1280;
    std::vector<int64_t> hiddenUnits;  // Dense + ReLU layers before the output layer
    int numClasses = 2;
    double dropout = 0.2;  // applied before every Dense layer, as in the Keras recipe
    bool outputBias = true;
    // Two classes use one sigmoid unit (Keras binary recipe) unless this forces softmax.
    bool forceSoftmax = false;

    bool isBinary() const { return numClasses == 2 && !forceSoftmax; }
    int64_t outputUnits() const { return isBinary() ? 1 : numClasses; }
};

// The trainable classifier on top of the pooled embedding: [Dropout, Dense(ReLU)]* ,
// Dropout, Dense(1, sigmoid) or Dense(C, softmax). forward() returns logits;
// probabilities() turns them into one probability per class in every case.
class ClassifierHead : public torch::nn::Module {
public:
    explicit ClassifierHead(const HeadConfig& config);

    torch::Tensor forward(torch::Tensor embedding);
    torch::Tensor probabilities(const torch::Tensor& logits) const;
    const HeadConfig& config() const { return config_; }

    // Keras Dense layers in order (hidden layers first, output last).
    void loadKerasWeights(const KerasWeights& weights, const std::vector<std::string>& layerNames);
    KerasWeights toKerasWeights(const std::vector<std::string>& layerNames);

private:
    HeadConfig config_;
    std::vector<torch::nn::Linear> layers_;
    torch::nn::Dropout dropout_{nullptr};
};

}  // namespace tl
