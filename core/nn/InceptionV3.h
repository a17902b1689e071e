// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "nn/Backbone.h"

namespace tl {

// tf.keras.applications.InceptionV3 without its top: 94 Conv2D (no bias) + BatchNormalization
// (scale=False, eps 1e-3) + ReLU units, "valid" stride-2 reductions, "same" average pooling that
// does not count the padding, blocks 'mixed0'..'mixed10'. 299x299 by default, any size >= 75.
//
// Keras names these layers automatically in creation order: tf.keras in a fresh session says
// 'conv2d', 'conv2d_1', ... 'conv2d_93', the official weight file (saved by Keras 2.0) says
// 'conv2d_1' ... 'conv2d_94'. Modules are registered under the tf.keras names; loading maps
// the i-th created layer of the weights (by numeric suffix) onto the i-th unit, so both
// schemes (and files saved after other models bumped the counter) load.
class InceptionV3 : public Backbone {
public:
    static constexpr int kUnitCount = 94;

    explicit InceptionV3(const BackboneSpec& spec);

    torch::Tensor forward(torch::Tensor x) override;
    int64_t featureChannels() const override { return 2048; }
    Preprocessing preprocessing() const override { return Preprocessing::MobileNet; }
    const BackboneSpec& spec() const override { return spec_; }
    void loadKerasWeights(const KerasWeights& weights) override;
    KerasWeights toKerasWeights() override;
    std::vector<std::string> blockNames() const override;
    std::vector<std::shared_ptr<torch::nn::Module>> lastBlocks(int count) override;

    // Names of `base` ("conv2d") or `base_N` among `names`, ordered by N (no suffix = 0):
    // Keras's creation order.
    static std::vector<std::string> namesInCreationOrder(const std::vector<std::string>& names,
                                                         const std::string& base);
    // The tf.keras name of the i-th created layer: "conv2d", "conv2d_1", ...
    static std::string autoName(const std::string& base, int index);

private:
    struct Unit {
        torch::nn::Conv2d conv{nullptr};
        torch::nn::BatchNorm2d bn{nullptr};
    };
    struct Builder;
    struct Runner;
    template <typename T, typename Ops>
    static T graph(T x, Ops& ops);

    BackboneSpec spec_;
    std::vector<Unit> units_;
    // Block names ('stem', 'mixed0', ...) with the index of their first unit.
    std::vector<std::pair<std::string, int>> blocks_;
};

}  // namespace tl
