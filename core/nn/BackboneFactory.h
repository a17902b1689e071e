// SPDX-License-Identifier: MIT
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "nn/Backbone.h"
#include "nn/BackboneSpec.h"

namespace tl {

// Builds an untrained backbone for a spec. Throws ImportError for an unknown architecture.
std::shared_ptr<Backbone> createBackbone(const BackboneSpec& spec);

// The architecture a list of Keras layer names belongs to ("mobilenet_v2", ...), or empty.
std::string detectArchitecture(const std::vector<std::string>& layerNames);

}  // namespace tl
