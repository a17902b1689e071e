// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "data/ImageFolderDataset.h"
#include "data/TestTimeAugmentation.h"
#include "nn/Backbone.h"
#include "nn/ClassifierHead.h"
#include "training/AutoRecipeReport.h"
#include "training/CalibrationReport.h"
#include "training/CrossValidationSummary.h"
#include "training/EvaluationReport.h"
#include "training/TrainingHistory.h"
#include "training/TrainingSettings.h"

namespace tl {

// A trained classifier: backbone reference (+ fine-tuned weights when the base was
// unfrozen), head, class names, preprocessing, settings and history. Saved as a folder
// (model.json + head.pt [+ backbone.pt]), written to a temporary folder and renamed into
// place, so a crash or a cancel never leaves a half-written model.
class TrainedModel {
public:
    std::shared_ptr<Backbone> backbone;
    std::shared_ptr<ClassifierHead> head;
    std::vector<std::string> classNames;
    std::string backboneReference;
    std::string backboneSha256;
    bool backboneFineTuned = false;
    TrainingSettings settings;
    TrainingHistory history;
    EvaluationReport validation;  // metrics only; predictions are not stored
    CrossValidationSummary crossValidation;
    // The temperature itself is the head's (HeadConfig::temperature): every prediction and
    // export uses it. This says how it was fitted and what it changed.
    CalibrationReport calibration;
    AutoRecipeReport automaticRecipe;  // ran == false unless the automatic recipe chose
    // What predict() and evaluate() average by default (chosen by cross-validation).
    TestTimeAugmentation testTimeAugmentation = TestTimeAugmentation::Off;

    void save(const std::filesystem::path& folder) const;
    // Throws ImportError/std::runtime_error with a clear message.
    static TrainedModel load(const std::filesystem::path& folder);

    int inputSize() const { return settings.inputSize; }
    // Calibrated class probabilities for each image, averaged over the test-time views of
    // `mode` (the model's default when not given); undecodable images go to `skipped`.
    std::vector<ImagePrediction> predict(const std::vector<std::filesystem::path>& images,
                                         std::vector<SkippedFile>* skipped = nullptr) const;
    std::vector<ImagePrediction> predict(const std::vector<std::filesystem::path>& images,
                                         std::vector<SkippedFile>* skipped,
                                         TestTimeAugmentation mode) const;
    // Metrics on a labelled folder whose class names match (by name) the model's.
    EvaluationReport evaluate(const ImageFolderDataset& dataset,
                              std::vector<SkippedFile>* skipped = nullptr) const;
    EvaluationReport evaluate(const ImageFolderDataset& dataset, std::vector<SkippedFile>* skipped,
                              TestTimeAugmentation mode) const;
};

}  // namespace tl
