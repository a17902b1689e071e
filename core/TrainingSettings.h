#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "AugmentationSettings.h"

namespace tl {

// Everything that defines one training run. Defaults are the published Keras recipe:
// MobileNetV2 at 160 px, frozen, GAP + dropout 0.2 + one dense layer, Adam 1e-3,
// batch 32, 10 epochs, 20% validation split.
struct TrainingSettings {
    std::string backbone;  // catalogue name or path to a weight file / TF.js model
    int inputSize = 160;
    int epochs = 10;
    double learningRate = 1e-3;
    int batchSize = 32;
    double dropout = 0.2;
    std::vector<int64_t> hiddenUnits;  // extra Dense+ReLU layers
    double weightDecay = 0.0;          // L2 on the head (AdamW-style decoupled)
    double labelSmoothing = 0.0;
    double validationFraction = 0.2;
    uint64_t seed = 42;
    AugmentationSettings augmentation;
    bool classWeights = false;  // weight the loss by inverse class frequency
    // Early stopping on validation loss; 0 = off (recipe). Restores the best epoch.
    int earlyStoppingPatience = 0;
    // Fine-tuning after the head converges: unfreeze the last N blocks of the base.
    int fineTuneBlocks = 0;
    int fineTuneEpochs = 5;
    double fineTuneLearningRate = 1e-5;
    int threads = 0;  // 0 = all cores
    std::string cacheDirectory;  // empty = the user's cache folder
};

}  // namespace tl
