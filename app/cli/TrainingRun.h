// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>

#include "data/ImageFolderDataset.h"
#include "training/TrainingSettings.h"

namespace cli {

// Trains on `dataset` and reports like Keras: one line per epoch on stderr, then the
// validation metrics and misclassified images; with `json`, a summary on stdout. Shared by
// `train` and `demo`. Returns the exit code.
int trainAndReport(const tl::ImageFolderDataset& dataset, const tl::TrainingSettings& settings,
                   const std::filesystem::path& modelFolder, bool json, bool quiet);

}  // namespace cli
