// SPDX-License-Identifier: MIT
#include "nn/ClassifierHead.h"

#include "nn/KerasWeightLoader.h"
#include "support/Errors.h"

namespace tl {

namespace {

// Far beyond any head TransferLab trains (1280 x 1000 is 1.3 M), far below what would exhaust
// memory: a head described by a file can never ask for gigabytes.
constexpr int64_t kMaxHeadParameters = int64_t(1) << 26;

void checkSize(const HeadConfig& config) {
    int64_t parameters = 0;
    int64_t inputs = config.inputFeatures;
    std::vector<int64_t> units = config.hiddenUnits;
    units.push_back(config.outputUnits());
    for (const int64_t outputs : units) {
        if (inputs < 1 || outputs < 1 || inputs > kMaxHeadParameters ||
            outputs > kMaxHeadParameters) {
            throw ImportError("classifier head: layer sizes must be positive and plausible (" +
                              std::to_string(inputs) + " -> " + std::to_string(outputs) + ")");
        }
        parameters += inputs * outputs + outputs;
        if (parameters > kMaxHeadParameters) {
            throw ImportError("classifier head: more than " + std::to_string(kMaxHeadParameters) +
                              " parameters");
        }
        inputs = outputs;
    }
}

}  // namespace

ClassifierHead::ClassifierHead(const HeadConfig& config) : config_(config) {
    checkSize(config);
    int64_t inputs = config.inputFeatures;
    int index = 0;
    auto addDense = [&](int64_t units, bool bias) {
        layers_.push_back(
            register_module("dense_" + std::to_string(index++),
                            torch::nn::Linear(torch::nn::LinearOptions(inputs, units).bias(bias))));
        inputs = units;
    };
    for (int64_t units : config.hiddenUnits) {
        addDense(units, true);
    }
    addDense(config.outputUnits(), config.outputBias);
    dropout_ = register_module("dropout", torch::nn::Dropout(config.dropout));
}

torch::Tensor ClassifierHead::forward(torch::Tensor x) {
    for (size_t i = 0; i < layers_.size(); ++i) {
        if (config_.dropout > 0) {
            x = dropout_->forward(x);
        }
        x = layers_[i]->forward(x);
        if (i + 1 < layers_.size()) {
            x = torch::relu(x);
        }
    }
    return x;
}

torch::Tensor ClassifierHead::probabilities(const torch::Tensor& logits) const {
    const torch::Tensor scaled = config_.temperature == 1.0 ? logits : logits / config_.temperature;
    if (config_.isBinary()) {
        const auto positive = torch::sigmoid(scaled.reshape({-1, 1}));
        return torch::cat({1 - positive, positive}, 1);
    }
    return torch::softmax(scaled, 1);
}

torch::Tensor ClassifierHead::classScores(const torch::Tensor& logits) const {
    if (config_.isBinary()) {
        const auto z = logits.reshape({-1, 1});
        return torch::cat({torch::zeros_like(z), z}, 1);
    }
    return logits;
}

void ClassifierHead::loadKerasWeights(const KerasWeights& weights,
                                      const std::vector<std::string>& layerNames) {
    if (layerNames.size() != layers_.size()) {
        throw ImportError("the classifier head has " + std::to_string(layers_.size()) +
                          " dense layers but " + std::to_string(layerNames.size()) + " were given");
    }
    KerasWeightLoader loader(weights);
    for (size_t i = 0; i < layers_.size(); ++i) {
        loader.dense(layers_[i], layerNames[i]);
    }
    loader.commit();
}

KerasWeights ClassifierHead::toKerasWeights(const std::vector<std::string>& layerNames) {
    KerasWeights out;
    for (size_t i = 0; i < layers_.size() && i < layerNames.size(); ++i) {
        KerasWeightLoader::exportDense(out, layers_[i], layerNames[i]);
    }
    return out;
}

}  // namespace tl
