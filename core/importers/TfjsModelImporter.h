// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>

#include "importers/ImportedModel.h"
#include "nn/KerasWeights.h"

namespace tl {

// Reads TensorFlow.js "layers" models (model.json + binary weight shards), as Teachable
// Machine and tensorflowjs_converter write them: topology from the JSON (nested models
// flattened), weights from the manifest in order across shards, float32 or quantized
// (uint8/uint16 with min/scale, float16). Every failure is an ImportError naming the file
// or the layer.
class TfjsModelImporter {
public:
    // `path` is model.json or a folder holding one (a Teachable Machine export).
    static ImportedModel import(const std::filesystem::path& path);
    // Only the weights, by Keras name, for callers that bring their own architecture.
    static KerasWeights readWeights(const std::filesystem::path& modelJson);
    static std::filesystem::path resolveModelJson(const std::filesystem::path& path);
};

}  // namespace tl
