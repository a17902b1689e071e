// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "data/AugmentationSettings.h"
#include "support/TorchInclude.h"
#include "training/AutoRecipeReport.h"
#include "training/CrossValidation.h"
#include "training/HeadTrainer.h"
#include "training/TrainingSettings.h"

namespace tl {

// Features of the training photos the automatic recipe may ask for: an input size, and the
// photos themselves (augmentation disabled), random augmented views or fixed test-time views.
struct FeatureRequest {
    int inputSize = 0;
    AugmentationSettings augmentation;
    int views = 1;
};

// The automatic recipe: chooses how to train by stratified k-fold cross-validation of the head
// on cached features of the training photos only (the validation split stays untouched), within
// a time budget of `automaticBudget` plain runs, in this order:
//   1. the input size: the backbone's training size (when its file says), a quarter larger,
//      160 and 224;
//   2. the head, one change at a time from the best so far: learning rate 0.003, dropout 0.5,
//      L2 (decoupled weight decay) 0.1;
//   3. training on the photo and its mirror (cached augmented views), then one hidden layer of
//      128, then random augmented views (flip and rotation, the recipe's augmentation);
//   4. test-time augmentation (mirror, then centre crops), on only if it gains.
// Every candidate's epochs come from early stopping on the folds: each fold trains until its
// held-out loss stops improving, and the epoch with the lowest mean held-out loss over the folds
// is the candidate's. A candidate replaces the best so far when its mean held-out log-loss is
// lower and it does not lose accuracy beyond noise (2 binomial standard errors), or when it is
// more accurate beyond noise. Test-time augmentation must add correct predictions.
//
// The budget is `automaticBudget` times a plain run from scratch: features of every photo at
// the first size plus k + 1 head trainings of recommended() length. Feature extraction is
// charged what computing it costs (estimated on a few photos, without the cache), so a run
// makes the same choices whether its features are cached or not; head training is charged
// the time it takes. Steps whose cost would overrun the budget (keeping enough back for the
// final training, its cross-validation and the mirror views test-time augmentation needs) are
// left out and reported.
class AutoRecipe {
public:
    struct Sources {
        // [n, views, channels] features of the training photos, rows in the order of the
        // labels given to run(). May throw (cancel).
        std::function<torch::Tensor(const FeatureRequest&)> features;
        // Seconds computing that request for the training photos takes, cache or not.
        std::function<double(const FeatureRequest&)> estimateSeconds;
        // Photos of the validation split: the chosen size and test-time views are extracted
        // for them too, and charged.
        int validationPhotos = 0;
        // One id per training photo (-1: none): near-duplicates the user keeps together stay
        // in one fold, so a copy never scores its twin.
        std::vector<int> groups;
    };
    struct Outcome {
        // The choice: input size, epochs, head, training views, test-time augmentation; early
        // stopping off (the epochs are chosen), automatic off (it is a concrete recipe now).
        TrainingSettings settings;
        FeatureSet training;                    // what the final head trains on
        CrossValidationResult crossValidation;  // of the choice, on the same folds
        // Out-of-fold class scores [n, views, classes] in the chosen prediction mode (views > 1
        // with test-time augmentation): what the temperature is fitted on.
        torch::Tensor outOfFoldScores;
        AutoRecipeReport report;
    };
    using CancelCheck = std::function<void()>;  // throws to abort
    using Log = std::function<void(const std::string&)>;
    using Progress = std::function<void(double fraction, const std::string& step)>;

    AutoRecipe(TrainingSettings start, int classes, Sources sources);
    void setCancelCheck(CancelCheck check) { cancel_ = std::move(check); }
    void setLog(Log log) { log_ = std::move(log); }
    void setProgress(Progress progress) { progress_ = std::move(progress); }
    void setNativeInputSize(int size) { nativeSize_ = size; }

    // `primary`: the labelled features [n, 1, channels] of the training photos at
    // start.inputSize; `primarySeconds`: what computing every photo's features at that size
    // costs (training and validation, from scratch).
    Outcome run(const FeatureSet& primary, double primarySeconds);

    // The sizes tried, in order: the native size (when known), a quarter larger, then 160 and
    // 224 (unknown native size: 160, 224 and a quarter more than 224).
    static std::vector<int> candidateSizes(int nativeSize);
    // A quarter larger than `size`, to the nearest multiple of 32 (224 -> 288).
    static int largerSize(int size);
    // The size the run starts at (its features are extracted first).
    static int firstSize(int nativeSize) { return candidateSizes(nativeSize).front(); }

private:
    struct Candidate;
    struct Evaluation;
    Evaluation evaluate(const Candidate& candidate, const FeatureSet& data);
    torch::Tensor fetch(const FeatureRequest& request, bool alsoValidation);
    double extractionCost(const FeatureRequest& request, bool alsoValidation);
    bool affordable(double seconds, const std::string& what);
    double reserve() const;
    double candidateSeconds(const TrainingSettings& settings) const;
    void charge(double seconds);
    void note(const std::string& line) const;

    TrainingSettings start_;
    int classes_;
    Sources sources_;
    CancelCheck cancel_;
    Log log_;
    Progress progress_;
    int nativeSize_ = 0;

    // Budget book-keeping (seconds).
    double budget_ = 0, charged_ = 0, startedAt_ = 0;
    bool mirrorFetched_ = false;
    double mirrorCost_ = -1;            // estimated, once asked
    double secondsPerSampleEpoch_ = 0;  // head training speed, measured
    double hiddenLayerFactor_ = 4;      // cost of a hidden layer per epoch; measured when tried
    double epochsPerFold_ = 0;          // epochs the last candidate's folds ran
    double lastLearningRate_ = 0;
    int64_t samples_ = 0;
    std::vector<int> foldOf_;
    AutoRecipeReport report_;
};

}  // namespace tl
