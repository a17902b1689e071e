// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>

#include "data/ImageFolderDataset.h"
#include "training/TrainingSettings.h"

namespace cli {

// The headline figures of a finished run, for the demo's comparison.
struct RunFigures {
    bool crossValidated = false;
    int folds = 0;
    double crossValidatedMean = 0, crossValidatedSd = 0;
    double validationAccuracy = 0;
    int validationImages = 0;
};

// Trains on `dataset` and reports like Keras: one line per epoch on stderr, then the
// automatic recipe's choice, the cross-validated and validation metrics, the calibration and
// the misclassified images; with `json`, a summary on stdout. Shared by `train` and `demo`.
// Returns the exit code; fills `figures` when given and the run succeeded.
int trainAndReport(const tl::ImageFolderDataset& dataset, const tl::TrainingSettings& settings,
                   const std::filesystem::path& modelFolder, bool json, bool quiet,
                   RunFigures* figures = nullptr);

}  // namespace cli
