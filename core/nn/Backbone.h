// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "data/Preprocessing.h"
#include "nn/BackboneSpec.h"
#include "nn/KerasWeights.h"
#include "support/TorchInclude.h"

namespace tl {

// A convolutional ImageNet feature extractor with Keras semantics. Sub-modules are
// registered under their Keras layer names ("block_3_depthwise", "Conv_1_bn"...), so the
// LibTorch parameter names are the Keras ones and weight import is a name lookup.
class Backbone : public torch::nn::Module {
public:
    // x: preprocessed images [N,3,H,W] (see preprocessing()); returns the last feature map.
    virtual torch::Tensor forward(torch::Tensor x) = 0;
    // Global average pooling of the feature map: the embedding the classifier head sees.
    torch::Tensor embed(const torch::Tensor& x) { return forward(x).mean({2, 3}); }

    virtual int64_t featureChannels() const = 0;
    virtual Preprocessing preprocessing() const = 0;
    virtual const BackboneSpec& spec() const = 0;

    // Copies weights in, converting Keras layouts. Throws ImportError naming the layer on a
    // missing weight or a shape mismatch; leaves the module unchanged in that case.
    virtual void loadKerasWeights(const KerasWeights& weights) = 0;
    // The inverse, for writing weight files (Keras layouts, Keras names).
    virtual KerasWeights toKerasWeights() = 0;

    // The architecture's blocks in input-to-output order (Keras layer-name prefixes), and
    // the sub-modules that make up the last `count` of them plus everything after: what
    // fine-tuning unfreezes.
    virtual std::vector<std::string> blockNames() const = 0;
    virtual std::vector<std::shared_ptr<torch::nn::Module>> lastBlocks(int count) = 0;
};

}  // namespace tl
