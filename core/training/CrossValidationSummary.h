// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

namespace tl {

struct CrossValidationResult;
struct FeatureSet;

// The cross-validated figures of a training run, as reports, model.json and the GUI show
// them (no LibTorch types, so the GUI's headers can hold it).
struct CrossValidationSummary {
    int folds = 0;                            // 0: not cross-validated; `note` says why
    int samples = 0;                          // training photos predicted out of fold
    int correct = 0;                          // of them, predicted right
    double accuracyMean = 0, accuracySd = 0;  // over folds (sample standard deviation)
    std::vector<double> foldAccuracy;
    std::vector<double> perClassRecall;  // pooled over the out-of-fold predictions
    // When the figures above average test-time views (the model's default): the pooled
    // out-of-fold accuracy of the photos alone; -1 otherwise.
    double accuracyWithoutTestTime = -1;
    std::string note;  // why there is no cross-validation, or what it measured

    bool available() const { return folds > 0; }
    // `data`: the labelled features the cross-validation ran on.
    static CrossValidationSummary of(const CrossValidationResult& result, const FeatureSet& data);
    static CrossValidationSummary unavailable(std::string why);
};

}  // namespace tl
