// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "support/TorchInclude.h"
#include "training/HeadTrainer.h"
#include "training/TrainingSettings.h"

namespace tl {

class ClassifierHead;

// Stratified k-fold cross-validation of the head on cached features. Every sample is
// predicted exactly once, by a head that never saw it: the out-of-fold predictions that the
// cross-validated accuracy, calibration and the label-error finder are built on.
struct CrossValidationResult {
    int folds = 0;
    std::vector<int> foldOf;                  // the fold of each sample
    std::vector<double> foldAccuracy;         // accuracy of each fold's head on its held-out fold
    double accuracyMean = 0, accuracySd = 0;  // over folds (sample standard deviation)
    std::vector<double> perClassRecall;       // pooled over all out-of-fold predictions
    torch::Tensor outOfFoldProbabilities;     // [n, classes]
    // [n, classes]: scores whose softmax is outOfFoldProbabilities (ClassifierHead::classScores),
    // what temperature scaling is fitted on.
    torch::Tensor outOfFoldScores;
    // The head of each fold (empty for an empty fold): it never saw that fold's samples, so it
    // may predict other views of them (test-time augmentation).
    std::vector<std::shared_ptr<ClassifierHead>> foldHeads;
};

class CrossValidation {
public:
    using CancelCheck = std::function<void()>;  // throws to abort
    // done, total folds
    using Progress = std::function<void(int, int)>;

    // Deterministic, stratified fold of each sample: within each class, samples are shuffled
    // with `seed` and dealt round-robin, so every fold gets each class in proportion.
    // `groups` (optional, one id per sample, -1 for none) keeps each group in one fold, so
    // near-duplicates never straddle a training and a held-out fold.
    static std::vector<int> assignFolds(const std::vector<int64_t>& labels, int folds,
                                        uint64_t seed, const std::vector<int>& groups = {});

    // Trains one head per fold with the head settings of `settings` (a fixed number of epochs:
    // early stopping is off, as the held-out fold must stay unseen). `data.features` may hold
    // augmented views; held-out samples are predicted from view 0. Needs folds >= 2 and at
    // least `folds` samples.
    static CrossValidationResult run(const TrainingSettings& settings, int classes,
                                     const FeatureSet& data, int folds, uint64_t seed,
                                     const std::vector<int>& groups = {},
                                     const CancelCheck& cancel = {}, const Progress& progress = {});
};

}  // namespace tl
