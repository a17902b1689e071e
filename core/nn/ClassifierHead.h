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
    // Temperature scaling: probabilities are computed from logits / temperature. Fitted after
    // training (training/TemperatureScaling); 1 = the network's own probabilities.
    double temperature = 1.0;

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
    // Calibrated class probabilities [n, classes] of forward()'s logits (divided by the
    // temperature first).
    torch::Tensor probabilities(const torch::Tensor& logits) const;
    // Scores [n, classes] whose softmax is the uncalibrated probabilities: the logits, or
    // [0, z] for a sigmoid head (softmax([0, z]) = [1 - sigmoid(z), sigmoid(z)]).
    torch::Tensor classScores(const torch::Tensor& logits) const;
    const HeadConfig& config() const { return config_; }
    void setTemperature(double temperature) { config_.temperature = temperature; }

    // Keras Dense layers in order (hidden layers first, output last).
    void loadKerasWeights(const KerasWeights& weights, const std::vector<std::string>& layerNames);
    KerasWeights toKerasWeights(const std::vector<std::string>& layerNames);

private:
    HeadConfig config_;
    std::vector<torch::nn::Linear> layers_;
    torch::nn::Dropout dropout_{nullptr};
};

}  // namespace tl
