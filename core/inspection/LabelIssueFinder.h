// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "inspection/InspectionReport.h"
#include "support/TorchInclude.h"
#include "training/TrainingSettings.h"

namespace tl {

// Finds photos that are probably labelled wrong, over all labelled photos (training and
// validation alike), in the spirit of confident learning (Northcutt et al. 2021, cleanlab):
// k-fold cross-validation of the head on cached features gives every photo a prediction from
// a head that never saw it; photos whose given label gets a low probability while another
// class gets a high one are ranked first.
class LabelIssueFinder {
public:
    struct Result {
        torch::Tensor outOfFold;         // [n, classes]
        double accuracy = 0;             // of the out-of-fold predictions
        std::vector<double> thresholds;  // per class: mean probability of the class on its photos
        std::vector<LabelIssue> issues;  // most suspect first; LabelIssue::image is the row
    };
    using CancelCheck = std::function<void()>;
    using Progress = std::function<void(int done, int total)>;

    // `head` gives the head's training settings (epochs, learning rate, ...), as a training
    // run would use them.
    LabelIssueFinder(TrainingSettings head, int folds, uint64_t seed);

    // features [n, channels] (view 0), labels in [0, classes). `groups` (one id per row, -1 for
    // none) keeps near-duplicates in one fold, so no photo is judged by a head that saw its copy.
    Result find(const torch::Tensor& features, const std::vector<int64_t>& labels, int classes,
                const std::vector<int>& groups = {}, const CancelCheck& cancel = {},
                const Progress& progress = {}) const;

    // The ranking alone, from given out-of-fold probabilities: every photo the predictions
    // disagree with (a confident-joint off-diagonal entry, or another class more probable than
    // the given one), most suspect first.
    static std::vector<LabelIssue> rank(const torch::Tensor& probabilities,
                                        const std::vector<int64_t>& labels,
                                        std::vector<double>* thresholds = nullptr);

private:
    TrainingSettings head_;
    int folds_;
    uint64_t seed_;
};

}  // namespace tl
