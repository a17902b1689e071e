// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

namespace tl {

// How far the model's confidence is from its accuracy, before and after temperature scaling.
// Expected calibration error (ECE): the top label's probability in 15 equal-width bins over
// [0, 1]; the mean over bins, weighted by their share of the photos, of |accuracy - mean
// confidence|. It is scored on predictions the temperature was not fitted on: out of fold
// with cross-fitted temperatures (each fold's with a temperature fitted on the other folds),
// and on the validation split.
struct CalibrationReport {
    static constexpr int kBins = 15;

    bool fitted = false;       // false: no temperature (the recipe, fine-tuning, too few photos)
    double temperature = 1.0;  // fitted on all out-of-fold predictions; part of the model
    int samples = 0;           // out-of-fold predictions it was fitted on
    double eceBefore = -1;     // out of fold, uncalibrated (-1: not measured)
    double eceAfter = -1;      // out of fold, cross-fitted temperatures
    // What a perfectly calibrated model with the same confidences would score on this many
    // photos (eceFloor() of the cross-fitted probabilities): ECE's own sampling noise, so an
    // eceAfter near it is as calibrated as these photos can show.
    double eceAfterFloor = -1;
    int validationSamples = 0;  // the validation split, when there is one
    double validationEceBefore = -1, validationEceAfter = -1;
    std::string note;

    // `probabilities`: one row per photo; `labels`: the true class of each. Rows of other
    // lengths or labels out of range throw std::invalid_argument. 0 for no rows.
    static double expectedCalibrationError(const std::vector<std::vector<double>>& probabilities,
                                           const std::vector<int>& labels, int bins = kBins);

    // The mean ECE, over `draws` seeded draws, of a model that is perfectly calibrated by
    // construction: each row's top label is right with exactly its probability. ECE is biased
    // upwards on few photos (a bin's |accuracy - confidence| is above 0 on average even for a
    // calibrated model); this is that bias for these confidences. 0 for no rows.
    static double eceFloor(const std::vector<std::vector<double>>& probabilities, int draws = 200,
                           unsigned seed = 1, int bins = kBins);
};

}  // namespace tl
