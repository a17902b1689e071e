// SPDX-License-Identifier: MIT
#include "models/TrainingController.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include "jobs/JobManager.h"
#include "project/Project.h"
#include "support/Errors.h"
#include "training/TrainingJob.h"

namespace tl {

TrainingController::TrainingController(Project* project, JobManager* jobs, QObject* parent)
    : QObject(parent), project_(project), jobs_(jobs) {
    qRegisterMetaType<tl::BatchMetrics>();
    qRegisterMetaType<tl::EpochMetrics>();
}

TrainingController::~TrainingController() = default;

bool TrainingController::start(QString* error) {
    if (isRunning()) {
        return false;
    }
    const TrainingSettings settings = project_->settings();
    auto fail = [&](const QString& message) {
        if (error) {
            *error = message;
        }
        return false;
    };
    if (settings.backbone.empty()) {
        return fail(tr("Choose a backbone on the Train page first."));
    }
    const QVector<int> counts = project_->countPerClass();
    if (std::count_if(counts.begin(), counts.end(), [](int n) { return n > 0; }) < 2) {
        return fail(tr("Label photos in at least two classes before training."));
    }
    std::unique_ptr<TrainingJob> job;
    try {
        pendingFolder_.clear();
        if (!project_->filePath().isEmpty()) {
            // Models live beside the project so it stays self-contained.
            pendingFolder_ = QFileInfo(project_->filePath()).absolutePath() + "/models/" +
                             QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss");
        }
        job = std::make_unique<TrainingJob>(project_->toDataset(), settings,
                                            std::filesystem::u8path(pendingFolder_.toStdString()));
    } catch (const std::exception& e) {
        return fail(QString::fromStdString(oneLineMessage(e)));
    }
    TrainingJob* raw = job.get();
    connect(raw, &Job::phaseChanged, this, &TrainingController::phaseChanged);
    connect(raw, &Job::progressChanged, this, &TrainingController::progressChanged);
    connect(raw, &Job::logMessage, this, &TrainingController::logMessage);
    connect(raw, &TrainingJob::batchFinished, this, &TrainingController::batchFinished);
    connect(raw, &TrainingJob::epochFinished, this, &TrainingController::epochFinished);
    connect(raw, &TrainingJob::etaChanged, this, &TrainingController::etaChanged);
    connect(raw, &Job::finished, this, [this, raw](bool ok, const QString& errorMessage) {
        onJobFinished(*raw, ok, errorMessage);
    });
    lastError_ = {};
    job_ = raw;
    jobs_->submit(std::move(job));
    emit started();
    return true;
}

void TrainingController::stop() {
    if (job_) {
        job_->cancel();
    }
}

bool TrainingController::isRunning() const {
    return !job_.isNull();
}

void TrainingController::setModel(std::shared_ptr<const TrainedModel> model,
                                  const QString& folder) {
    model_ = std::move(model);
    modelFolder_ = folder;
    emit modelChanged();
}

// Delivered by the JobManager on the UI thread, after the run has ended.
void TrainingController::onJobFinished(const TrainingJob& job, bool ok,
                                       const QString& errorMessage) {
    job_.clear();
    lastError_ = job.error();
    if (ok) {
        history_ = job.history();
        report_ = job.validationReport();
        crossValidation_ = job.crossValidation();
        calibration_ = job.calibration();
        automaticRecipe_ = job.automaticRecipe();
        model_ = job.model();
        modelFolder_ = pendingFolder_;
        TrainingRunRecord run;
        run.finished = QDateTime::currentDateTime();
        run.name =
            tr("Run %1 (%2)").arg(project_->runs().size() + 1).arg(run.finished.toString("HH:mm"));
        run.backbone = QFileInfo(QString::fromStdString(job.settings().backbone)).fileName();
        run.history = history_;
        run.validationAccuracy = report_.accuracy;
        run.crossValidationFolds = crossValidation_.folds;
        run.crossValidatedAccuracy = crossValidation_.accuracyMean;
        run.crossValidatedSd = crossValidation_.accuracySd;
        run.automatic = automaticRecipe_.ran;
        run.modelFolder = modelFolder_;
        project_->addRun(run);
        emit modelChanged();
    }
    emit finished(ok, errorMessage);
}

}  // namespace tl
