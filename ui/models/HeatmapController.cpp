// SPDX-License-Identifier: MIT
#include "models/HeatmapController.h"

#include "inspection/GradCamJob.h"
#include "jobs/JobManager.h"
#include "models/TrainingController.h"
#include "support/Paths.h"
#include "training/PredictionJob.h"

namespace tl {

HeatmapController::HeatmapController(TrainingController* training, JobManager* jobs,
                                     QObject* parent)
    : QObject(parent), training_(training), jobs_(jobs) {
    connect(training_, &TrainingController::modelChanged, this, &HeatmapController::modelChanged);
}

bool HeatmapController::hasModel() const {
    return training_->model() != nullptr;
}

QStringList HeatmapController::classNames() const {
    return training_->model() ? PredictionJob::classNames(*training_->model()) : QStringList();
}

bool HeatmapController::request(const QString& path, int targetClass, QString* error) {
    const auto model = training_->model();
    if (!model) {
        if (error) {
            *error = tr("Train a model (or load one on the Test page) to see heat-maps.");
        }
        return false;
    }
    if (job_) {
        job_->cancel();  // superseded
    }
    auto job = std::make_unique<GradCamJob>(model, std::vector<std::filesystem::path>{toPath(path)},
                                            targetClass);
    GradCamJob* raw = job.get();
    connect(raw, &Job::finished, this, [this, raw, path](bool ok, const QString& message) {
        if (job_ == raw) {
            job_.clear();
        }
        if (raw->wasCanceled()) {
            return;
        }
        if (ok && !raw->explanations().empty()) {
            explanation_ = raw->explanations().front();
            emit ready(path);
        } else {
            emit failed(path, ok && !raw->skipped().empty()
                                  ? QString::fromStdString(raw->skipped().front().reason)
                                  : message);
        }
    });
    job_ = raw;
    jobs_->submit(std::move(job));
    return true;
}

}  // namespace tl
