// SPDX-License-Identifier: MIT
#include "nn/BackboneFactory.h"

#include <algorithm>

#include "nn/InceptionV3.h"
#include "nn/MobileNetV2.h"
#include "nn/ResNet50.h"
#include "support/Errors.h"

namespace tl {

std::shared_ptr<Backbone> createBackbone(const BackboneSpec& spec) {
    // Specs come from files (model.json, Keras configs): bounds keep a hostile value from
    // building a network of absurd size.
    if (!(spec.inputSize >= 32 && spec.inputSize <= 2048)) {
        throw ImportError("input size " + std::to_string(spec.inputSize) +
                          " px is outside 32..2048");
    }
    if (!(spec.alpha >= 0.1 && spec.alpha <= 2.0)) {
        throw ImportError("MobileNetV2 width " + std::to_string(spec.alpha) +
                          " is outside 0.1..2.0");
    }
    if (spec.architecture == "mobilenet_v2") {
        return std::make_shared<MobileNetV2>(spec);
    }
    if (spec.architecture == "inception_v3") {
        return std::make_shared<InceptionV3>(spec);
    }
    if (spec.architecture == "resnet50") {
        return std::make_shared<ResNet50>(spec);
    }
    throw ImportError("unknown backbone architecture '" + spec.architecture + "'");
}

std::string detectArchitecture(const std::vector<std::string>& layerNames) {
    auto has = [&](const char* name) {
        return std::find(layerNames.begin(), layerNames.end(), name) != layerNames.end();
    };
    if (has("Conv1") && has("block_16_project") && has("Conv_1")) {
        return "mobilenet_v2";
    }
    // ResNet-101/152 have more blocks in stage 4, ResNet50V2 pre-activation layers: not ours.
    if (has("conv1_conv") && has("conv5_block3_3_conv") && !has("conv4_block7_1_conv") &&
        !has("post_bn") && !has("conv2_block1_preact_bn")) {
        return "resnet50";
    }
    // Topologies name the blocks; weight lists only hold the 94 auto-named conv/BN pairs.
    if ((has("mixed0") && has("mixed10")) ||
        (InceptionV3::namesInCreationOrder(layerNames, "conv2d").size() ==
             InceptionV3::kUnitCount &&
         InceptionV3::namesInCreationOrder(layerNames, "batch_normalization").size() ==
             InceptionV3::kUnitCount)) {
        return "inception_v3";
    }
    return {};
}

}  // namespace tl
