// SPDX-License-Identifier: MIT
#include "nn/BackboneSpec.h"

#include <cstdio>

namespace tl {

std::string BackboneSpec::displayName() const {
    char buffer[128];
    if (architecture == "mobilenet_v2") {
        std::snprintf(buffer, sizeof buffer, "MobileNetV2 %.2g @ %d px", alpha, inputSize);
    } else if (architecture == "inception_v3") {
        std::snprintf(buffer, sizeof buffer, "Inception v3 @ %d px", inputSize);
    } else if (architecture == "resnet50") {
        std::snprintf(buffer, sizeof buffer, "ResNet-50 @ %d px", inputSize);
    } else {
        std::snprintf(buffer, sizeof buffer, "%s @ %d px", architecture.c_str(), inputSize);
    }
    return buffer;
}

}  // namespace tl
