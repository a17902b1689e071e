// SPDX-License-Identifier: MIT
#pragma once

#include <string>

namespace tl {

// Which network to build: enough to construct it before any weights are loaded.
struct BackboneSpec {
    std::string architecture = "mobilenet_v2";  // mobilenet_v2 | inception_v3 | resnet50
    double alpha = 1.0;                         // width multiplier (MobileNetV2 only)
    int inputSize = 160;                        // square input side in pixels

    std::string displayName() const;
    bool operator==(const BackboneSpec& other) const {
        return architecture == other.architecture && alpha == other.alpha &&
               inputSize == other.inputSize;
    }
};

}  // namespace tl
