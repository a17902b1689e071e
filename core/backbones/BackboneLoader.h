// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "nn/Backbone.h"

namespace tl {

// A backbone ready for feature extraction, with the identity a saved model records so the
// same weights can be found again and checked.
struct LoadedBackbone {
    std::shared_ptr<Backbone> backbone;
    std::string reference;  // what the user gave: a catalogue name or a file/folder path
    std::string sha256;     // of the weight file(s)
};

// Resolves a backbone reference (a TF.js model.json or Teachable Machine folder, a Keras .h5
// file, or a catalogue name such as "mobilenet_v2_1.0_160") and builds the network at
// `inputSize` (0 = the file's own size). Throws ImportError with a clear message.
LoadedBackbone loadBackbone(const std::string& reference, int inputSize);

// Cancellation and progress for the download a catalogue name may start (a Job's run() passes
// its own): a canceled download throws JobCanceled and keeps its .part file for a resume.
struct BackboneLoadHooks {
    std::function<bool()> isCanceled;
    std::function<void(int64_t bytesReceived, int64_t bytesTotal)> progress;
    std::function<void(const std::string& line)> log;
};
LoadedBackbone loadBackbone(const std::string& reference, int inputSize,
                            const BackboneLoadHooks& hooks);

// A short identity string of weights + input size, used as a feature-cache key.
std::string backboneCacheKey(const LoadedBackbone& backbone);

}  // namespace tl
