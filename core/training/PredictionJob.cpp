// SPDX-License-Identifier: MIT
#include "training/PredictionJob.h"

#include "support/Errors.h"

#include "training/TrainedModel.h"

namespace tl {

PredictionJob::PredictionJob(std::shared_ptr<const TrainedModel> model, QStringList paths,
                             QObject* parent)
    : Job(JobWeight::Compute, parent), model_(std::move(model)), paths_(std::move(paths)) {}

PredictionJob::~PredictionJob() = default;

std::shared_ptr<const TrainedModel> PredictionJob::loadModel(const QString& folder) {
    return std::make_shared<const TrainedModel>(
        TrainedModel::load(std::filesystem::u8path(folder.toStdString())));
}

QStringList PredictionJob::classNames(const TrainedModel& model) {
    QStringList names;
    for (const std::string& name : model.classNames) {
        names.push_back(QString::fromStdString(name));
    }
    return names;
}

TestTimeAugmentation PredictionJob::defaultTestTimeAugmentation(const TrainedModel& model) {
    return model.testTimeAugmentation;
}

CrossValidationSummary PredictionJob::crossValidation(const TrainedModel& model) {
    return model.crossValidation;
}

CalibrationReport PredictionJob::calibration(const TrainedModel& model) {
    return model.calibration;
}

AutoRecipeReport PredictionJob::automaticRecipe(const TrainedModel& model) {
    return model.automaticRecipe;
}

void PredictionJob::run() {
    if (!model_) {
        throw Error(ErrorKind::InvalidInput,
                    tr("No model: train one or load a saved model").toStdString());
    }
    setPhase(QStringLiteral("classifying"), tr("Classifying"));
    predictions_.clear();
    skipped_.clear();
    std::vector<std::filesystem::path> paths;
    paths.reserve(static_cast<size_t>(paths_.size()));
    for (const QString& path : paths_) {
        paths.push_back(std::filesystem::u8path(path.toStdString()));
    }
    // One pass through the extraction pipeline (all cores busy) per test-time view, reporting
    // as it goes (photos times views).
    const TestTimeAugmentation mode = testTimeAugmentation_.value_or(model_->testTimeAugmentation);
    const size_t views = static_cast<size_t>(testTimeViewCount(mode));
    predictions_ = model_->predict(
        paths, &skipped_, mode,
        [this, views](size_t done, size_t total) {
            setProgress(total ? double(done) / total : 1.0,
                        tr("%1 of %2 photos").arg(done / views).arg(total / views));
        },
        [this] { throwIfCanceled(); });
}

}  // namespace tl
