// SPDX-License-Identifier: MIT
#include "nn/InferenceBackbone.h"

#include <algorithm>
#include <cmath>

#include "nn/BackboneScript.h"

namespace tl {

struct InferenceBackbone::Frozen {
    torch::jit::Module module{"TransferLabFrozenBackbone"};
    int64_t inputSize = 0;
};

InferenceBackbone::InferenceBackbone(std::shared_ptr<Backbone> backbone)
    : InferenceBackbone(std::move(backbone), Options{}) {}

InferenceBackbone::~InferenceBackbone() = default;

InferenceBackbone::InferenceBackbone(std::shared_ptr<Backbone> backbone, Options options)
    : backbone_(std::move(backbone)) {
    backbone_->eval();
    const auto* mobileNet = dynamic_cast<const MobileNetV2*>(backbone_.get());
    if (options.path == Path::Eager || !mobileNet) {
        return;
    }
    auto frozen = std::make_unique<Frozen>();
    frozen->inputSize = mobileNet->spec().inputSize;
    BackboneScriptOptions script;
    script.shiftedKernelPadding = options.shiftedKernelPadding;
    frozen->module = torch::jit::freeze(scriptMobileNetV2(*mobileNet, script));
    if (options.optimizeForInference) {
        frozen->module = torch::jit::optimize_for_inference(frozen->module);
    }
    frozen_ = std::move(frozen);
}

std::string InferenceBackbone::pathName() const {
    return frozen_ ? "frozen-folded" : "eager";
}

std::string InferenceBackbone::pathNameFor(const Backbone& backbone) {
    return dynamic_cast<const MobileNetV2*>(&backbone) ? "frozen-folded" : "eager";
}

double InferenceBackbone::multiplyAddsPerImage(const Backbone& backbone) {
    const auto* mobileNet = dynamic_cast<const MobileNetV2*>(&backbone);
    return mobileNet ? static_cast<double>(multiplyAccumulates(*mobileNet)) : 4e9;
}

int InferenceBackbone::preferredBatchSize(const Backbone& backbone) {
    constexpr double kMultiplyAddsPerBatch = 250e6;
    if (!dynamic_cast<const MobileNetV2*>(&backbone)) {
        return 4;  // ResNet-50 and Inception v3: 4-6 billion per image, batches stay small
    }
    return static_cast<int>(
        std::clamp(std::round(kMultiplyAddsPerBatch / multiplyAddsPerImage(backbone)), 1.0, 32.0));
}

torch::Tensor InferenceBackbone::embed(const torch::Tensor& batch) const {
    torch::InferenceMode inference;
    if (!frozen_ || batch.size(2) != frozen_->inputSize || batch.size(3) != frozen_->inputSize) {
        return backbone_->embed(batch);
    }
    torch::Tensor input = batch.contiguous(torch::MemoryFormat::ChannelsLast);
    // forward() of a frozen module only reads it: safe from several threads at once.
    auto& module = const_cast<torch::jit::Module&>(frozen_->module);
    return module.forward({input}).toTensor();
}

}  // namespace tl
