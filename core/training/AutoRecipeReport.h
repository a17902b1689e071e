// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tl {

// One configuration the automatic recipe cross-validated.
struct AutoRecipeTrial {
    std::string stage;  // "input size", "head", "augmented views", "test-time augmentation"
    int inputSize = 0;
    double learningRate = 0, dropout = 0, weightDecay = 0;
    std::vector<int64_t> hiddenUnits;
    std::string views = "photo";   // training views: "photo", "photo+mirror", "augmented xK"
    std::string testTime = "off";  // test-time augmentation
    int epochs = 0;  // chosen by early stopping on the folds (lowest mean held-out loss)
    int correct = 0, samples = 0;             // out-of-fold predictions right / all
    double accuracyMean = 0, accuracySd = 0;  // over folds
    double loss = 0;                          // mean held-out log-loss at `epochs`
    double seconds = 0;                       // cross-validation (and extra features) time
    bool kept = false;                        // best so far when it was tried

    std::string describe() const;  // "224 px, lr 0.001, dropout 0.2, L2 0, no hidden layer, ..."
};

// What the automatic recipe tried, what it left out and why it chose what it chose: written
// to the log, `train --json` and model.json.
struct AutoRecipeReport {
    bool ran = false;
    int folds = 0;
    int nativeInputSize = 0;  // the backbone's training size, when its file says (else 0)
    std::vector<AutoRecipeTrial> trials;
    int chosen = -1;                   // index into trials of the final choice
    std::vector<std::string> skipped;  // steps left out, each with its reason
    std::string reason;                // why the choice won
    std::string rule;                  // how candidates are compared
    std::string budgetRule;            // what the budget counts
    double plainRunSeconds = 0;        // a plain run from scratch, estimated (the budget's unit)
    double budgetSeconds = 0;
    // What the budget was charged: features as if computed (cache or not) + head training.
    double costSeconds = 0;
    double spentSeconds = 0;  // wall time of the search in this run (less with cached features)
};

}  // namespace tl
