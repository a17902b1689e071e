// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "support/TorchInclude.h"
#include "training/CrossValidation.h"
#include "training/CrossValidationSummary.h"

namespace tl {

// Out-of-fold predictions of other views of the same photos (test-time augmentation): each
// fold's head scores the views of the photos it never saw.
class OutOfFoldViews {
public:
    // Class scores [n, 1 + V, classes]: view 0 is `cv.outOfFoldScores` (the photos themselves),
    // views 1.. are `views` ([n, V, channels] features, rows as in the cross-validation).
    static torch::Tensor scores(const CrossValidationResult& cv, const torch::Tensor& views);

    // Cross-validated figures of out-of-fold `probabilities` [n, classes] (e.g. averaged over
    // test-time views): per-fold accuracy, mean and standard deviation, pooled recall.
    static CrossValidationSummary summary(const torch::Tensor& probabilities,
                                          const torch::Tensor& labels,
                                          const std::vector<int>& foldOf, int folds);
};

}  // namespace tl
