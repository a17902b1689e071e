// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "support/TorchInclude.h"

namespace tl {

// Temperature scaling (Guo et al., 2017): one number T that divides the head's logits so that
// the probabilities match how often the model is right. Fitted by minimising the negative
// log-likelihood of out-of-fold predictions, it changes no predicted class.
//
// Scores are [n, classes] (ClassifierHead::classScores: softmax(scores) are the uncalibrated
// probabilities) or [n, views, classes] for test-time augmentation, whose probability is the
// mean over views of softmax(scores / T).
class TemperatureScaling {
public:
    static constexpr double kMinimum = 0.1, kMaximum = 10.0;

    static torch::Tensor probabilities(const torch::Tensor& scores, double temperature);
    // Mean negative log-likelihood of `labels` ([n] int64) at `temperature`.
    static double negativeLogLikelihood(const torch::Tensor& scores, const torch::Tensor& labels,
                                        double temperature);
    // The temperature in [kMinimum, kMaximum] with the lowest negative log-likelihood: a grid
    // in log T, then golden-section refinement. Deterministic.
    static double fit(const torch::Tensor& scores, const torch::Tensor& labels);
    // Calibrated probabilities that were never fitted on themselves: each fold's rows with a
    // temperature fitted on the other folds' rows (`foldOf`: the fold of each row).
    static torch::Tensor crossFittedProbabilities(const torch::Tensor& scores,
                                                  const torch::Tensor& labels,
                                                  const std::vector<int>& foldOf, int folds);

    // Rows of a [n, classes] tensor, e.g. for CalibrationReport::expectedCalibrationError.
    static std::vector<std::vector<double>> rows(const torch::Tensor& probabilities);
    static std::vector<int> labelsOf(const torch::Tensor& labels);
};

}  // namespace tl
