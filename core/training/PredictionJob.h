// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

#include <memory>
#include <vector>

#include "data/ImageFolderDataset.h"
#include "jobs/Job.h"
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

    const std::vector<ImagePrediction>& predictions() const { return predictions_; }
    const std::vector<SkippedFile>& skipped() const { return skipped_; }

    // Loads a saved model folder. Throws with a readable message.
    static std::shared_ptr<const TrainedModel> loadModel(const QString& folder);
    static QStringList classNames(const TrainedModel& model);

protected:
    void run() override;

private:
    std::shared_ptr<const TrainedModel> model_;
    QStringList paths_;
    std::vector<ImagePrediction> predictions_;
    std::vector<SkippedFile> skipped_;
};

}  // namespace tl
