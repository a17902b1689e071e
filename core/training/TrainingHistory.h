// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

namespace tl {

// Keras-like per-epoch metrics.
struct EpochMetrics {
    int epoch = 0;  // 1-based
    double loss = 0, accuracy = 0;
    double validationLoss = 0, validationAccuracy = 0;
    double seconds = 0;
    bool fineTuning = false;
};

struct BatchMetrics {
    int epoch = 0;  // 1-based
    int batch = 0;  // 1-based
    int batchesPerEpoch = 0;
    double runningLoss = 0, runningAccuracy = 0;
};

using TrainingHistory = std::vector<EpochMetrics>;

}  // namespace tl
