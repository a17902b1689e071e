// SPDX-License-Identifier: MIT
#include "training/CrossValidationSummary.h"

#include "training/CrossValidation.h"

namespace tl {

CrossValidationSummary CrossValidationSummary::of(const CrossValidationResult& result,
                                                  const FeatureSet& data) {
    CrossValidationSummary summary;
    summary.folds = result.folds;
    summary.accuracyMean = result.accuracyMean;
    summary.accuracySd = result.accuracySd;
    summary.foldAccuracy = result.foldAccuracy;
    summary.perClassRecall = result.perClassRecall;
    if (result.outOfFoldProbabilities.defined() && data.size() > 0) {
        summary.samples = static_cast<int>(data.size());
        summary.correct = static_cast<int>(
            (result.outOfFoldProbabilities.argmax(1) == data.labels).sum().item<int64_t>());
    }
    return summary;
}

CrossValidationSummary CrossValidationSummary::unavailable(std::string why) {
    CrossValidationSummary summary;
    summary.note = std::move(why);
    return summary;
}

}  // namespace tl
