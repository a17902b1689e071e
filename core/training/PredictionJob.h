// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

#include "data/ImageFolderDataset.h"
#include "data/TestTimeAugmentation.h"
#include "jobs/Job.h"
#include "training/AutoRecipeReport.h"
#include "training/CalibrationReport.h"
#include "training/CrossValidationSummary.h"
#include "training/EvaluationReport.h"

namespace tl {

class TrainedModel;

// Classifies the photos the user drops on the Test page with a trained or loaded model,
// in chunks so progress and cancel stay responsive. Keeps LibTorch out of the GUI's
// headers: TrainedModel is only used in the .cpp.
class PredictionJob : public Job {
    Q_OBJECT
public:
    PredictionJob(std::shared_ptr<const TrainedModel> model, QStringList paths,
                  QObject* parent = nullptr);
    ~PredictionJob() override;

    // How the predictions average views: nullopt (the default) is the model's own choice
    // (TrainedModel::testTimeAugmentation). Set before the job is submitted.
    void setTestTimeAugmentation(std::optional<TestTimeAugmentation> mode) {
        testTimeAugmentation_ = mode;
    }
    std::optional<TestTimeAugmentation> testTimeAugmentation() const {
        return testTimeAugmentation_;
    }

    const std::vector<ImagePrediction>& predictions() const { return predictions_; }
    const std::vector<SkippedFile>& skipped() const { return skipped_; }

    // Loads a saved model folder. Throws with a readable message.
    static std::shared_ptr<const TrainedModel> loadModel(const QString& folder);
    static QStringList classNames(const TrainedModel& model);
    // What a model's training run measured and chose, for the GUI, whose headers never
    // include TrainedModel's.
    static TestTimeAugmentation defaultTestTimeAugmentation(const TrainedModel& model);
    static CrossValidationSummary crossValidation(const TrainedModel& model);
    static CalibrationReport calibration(const TrainedModel& model);
    static AutoRecipeReport automaticRecipe(const TrainedModel& model);

protected:
    void run() override;

private:
    std::shared_ptr<const TrainedModel> model_;
    QStringList paths_;
    std::optional<TestTimeAugmentation> testTimeAugmentation_;
    std::vector<ImagePrediction> predictions_;
    std::vector<SkippedFile> skipped_;
};

}  // namespace tl
