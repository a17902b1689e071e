// SPDX-License-Identifier: MIT
#pragma once

#include <QMetaType>

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <random>

#include "backbones/BackboneJob.h"
#include "data/ImageFolderDataset.h"
#include "training/AutoRecipeReport.h"
#include "training/CalibrationReport.h"
#include "training/CrossValidationSummary.h"
#include "training/EvaluationReport.h"
#include "training/TrainingHistory.h"
#include "training/TrainingSettings.h"

namespace tl {

class FeatureSource;
class TrainedModel;

// What happens when the user clicks Train: decode, extract (cached) features with the
// frozen base, let the automatic recipe choose the settings (when asked), train the head,
// cross-validate it on the training photos and calibrate its probabilities (or fine-tune),
// evaluate on the validation split and save the model atomically. Run execute() in a worker
// thread (JobRunner); cancel() returns within a batch. Phases: "Decoding", "Extracting
// features", "Choosing the recipe", "Training", "Cross-validating", "Fine-tuning",
// "Evaluating", "Saving".
class TrainingJob : public BackboneJob {
    Q_OBJECT
public:
    // `outputFolder` empty: keep the model in memory only (model()).
    TrainingJob(ImageFolderDataset dataset, TrainingSettings settings,
                std::filesystem::path outputFolder = {}, QObject* parent = nullptr);
    ~TrainingJob() override;

    // After a run with the automatic recipe: the settings it chose.
    const TrainingSettings& settings() const { return settings_; }
    // Thread-safe: "stop and keep the best model so far". Training ends after the current
    // epoch with the best head so far (fine-tuning not begun is skipped), then the model is
    // evaluated and saved as usual. Before the first epoch it waits for that epoch.
    void finishEarly() { finishEarly_.store(true); }
    bool isFinishingEarly() const { return finishEarly_.load(); }
    // Valid after a successful run.
    const TrainingHistory& history() const { return history_; }
    const EvaluationReport& validationReport() const { return report_; }
    // k-fold figures on the training photos (folds == 0 with a note when there are none:
    // fine-tuning, too few photos, or turned off).
    const CrossValidationSummary& crossValidation() const { return crossValidation_; }
    const CalibrationReport& calibration() const { return calibration_; }
    const AutoRecipeReport& automaticRecipe() const { return automaticRecipe_; }
    std::shared_ptr<const TrainedModel> model() const { return model_; }
    // Images that could not be decoded (skipped, training went on without them).
    const std::vector<SkippedFile>& skipped() const { return skipped_; }
    // Seconds spent per phase, for benchmarks and the log.
    double featureSeconds() const { return featureSeconds_; }
    double trainingSeconds() const { return trainingSeconds_; }
    // Cross-validation and calibration; the automatic recipe's search.
    double crossValidationSeconds() const { return crossValidationSeconds_; }
    double automaticRecipeSeconds() const { return automaticRecipeSeconds_; }
    int cachedFeatureHits() const { return cacheHits_; }
    int computedFeatures() const { return cacheMisses_; }

signals:
    void batchFinished(const tl::BatchMetrics& metrics);
    void epochFinished(const tl::EpochMetrics& metrics);
    void etaChanged(double secondsLeft);

protected:
    void run() override;

private:
    struct Features;
    struct AutoChoice;
    Features extractFeatures(class FeatureExtractor& extractor);
    void chooseAutomatically(Features& features);
    void trainHead(Features& features);
    void crossValidate(Features& features);
    int crossValidationFolds() const;
    std::vector<int> foldGroups(const std::vector<std::filesystem::path>& photos) const;
    static QString calibrationNoteText(const CalibrationReport& report);
    void fineTune(Features& features);
    void evaluate(Features& features);
    struct BatchResult {
        double loss = 0;
        int64_t hits = 0;
    };
    EpochMetrics runEpoch(int epoch, int totalEpochs, int64_t count, std::mt19937_64& rng,
                          const std::function<BatchResult(const std::vector<int64_t>&)>& step);
    void validate(class ClassifierHead& head, const Features& features,
                  EpochMetrics& metrics) const;
    EpochMetrics finishEpoch(EpochMetrics metrics, int totalEpochs);

    ImageFolderDataset dataset_;
    TrainingSettings settings_;
    std::filesystem::path outputFolder_;
    TrainingHistory history_;
    EvaluationReport report_;
    std::shared_ptr<TrainedModel> model_;
    std::vector<SkippedFile> skipped_;
    std::atomic<bool> finishEarly_{false};
    double featureSeconds_ = 0, trainingSeconds_ = 0;
    double crossValidationSeconds_ = 0, automaticRecipeSeconds_ = 0;
    int cacheHits_ = 0, cacheMisses_ = 0;
    CrossValidationSummary crossValidation_;
    CalibrationReport calibration_;
    AutoRecipeReport automaticRecipe_;
    std::unique_ptr<FeatureSource> source_;   // features at other sizes and views
    std::unique_ptr<AutoChoice> autoChoice_;  // the automatic recipe's cross-validation
};

}  // namespace tl

Q_DECLARE_METATYPE(tl::BatchMetrics)
Q_DECLARE_METATYPE(tl::EpochMetrics)
