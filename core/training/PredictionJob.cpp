// SPDX-License-Identifier: MIT
#include "training/PredictionJob.h"

#include "support/Errors.h"

#include "training/TrainedModel.h"

namespace tl {

namespace {
constexpr int kChunk = 16;
}

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

void PredictionJob::run() {
    if (!model_) {
        throw Error(ErrorKind::InvalidInput,
                    tr("No model: train one or load a saved model").toStdString());
    }
    setPhase(QStringLiteral("classifying"), tr("Classifying"));
    predictions_.clear();
    skipped_.clear();
    for (int start = 0; start < paths_.size(); start += kChunk) {
        throwIfCanceled();
        std::vector<std::filesystem::path> chunk;
        for (int i = start; i < qMin(start + kChunk, int(paths_.size())); ++i) {
            chunk.push_back(std::filesystem::u8path(paths_[i].toStdString()));
        }
        const std::vector<ImagePrediction> part = model_->predict(chunk, &skipped_);
        predictions_.insert(predictions_.end(), part.begin(), part.end());
        setProgress(double(start + chunk.size()) / paths_.size(),
                    tr("%1 of %2 photos").arg(start + chunk.size()).arg(paths_.size()));
    }
}

}  // namespace tl
