// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <functional>
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

class FeatureExtractor;

// A trained classifier: backbone reference (+ fine-tuned weights when the base was
// unfrozen), head, class names, preprocessing, settings and history. Saved as a folder
// (model.json + head.pt [+ backbone.pt]), written to a temporary folder and renamed into
// place, so a crash or a cancel never leaves a half-written model.
class TrainedModel {
public:
    TrainedModel();
    ~TrainedModel();
    TrainedModel(const TrainedModel&);
    TrainedModel(TrainedModel&&) noexcept;
    TrainedModel& operator=(const TrainedModel&);
    TrainedModel& operator=(TrainedModel&&) noexcept;

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
    using Progress = std::function<void(size_t done, size_t total)>;
    using CancelCheck = std::function<void()>;  // throws to abort
    // Calibrated class probabilities for each image, averaged over the test-time views of
    // `mode` (the model's default when not given); undecodable images go to `skipped`.
    // Decoding and the backbone run as in training (FeatureExtractor's pipeline, on every
    // core); `progress` counts photos times views.
    std::vector<ImagePrediction> predict(const std::vector<std::filesystem::path>& images,
                                         std::vector<SkippedFile>* skipped = nullptr) const;
    std::vector<ImagePrediction> predict(const std::vector<std::filesystem::path>& images,
                                         std::vector<SkippedFile>* skipped,
                                         TestTimeAugmentation mode, const Progress& progress = {},
                                         const CancelCheck& checkCanceled = {}) const;
    // Metrics on a labelled folder whose class names match (by name) the model's.
    EvaluationReport evaluate(const ImageFolderDataset& dataset,
                              std::vector<SkippedFile>* skipped = nullptr) const;
    EvaluationReport evaluate(const ImageFolderDataset& dataset, std::vector<SkippedFile>* skipped,
                              TestTimeAugmentation mode, const Progress& progress = {}) const;

private:
    // The inference path of `backbone`, built on the first prediction and kept (copies of
    // the model share it; a different backbone builds its own).
    struct InferenceCache;
    std::shared_ptr<InferenceCache> inference_;
    std::shared_ptr<FeatureExtractor> extractorFor(AugmentationSettings::FixedViews views) const;
};

}  // namespace tl
