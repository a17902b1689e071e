// SPDX-License-Identifier: MIT
#include "models/TrainingController.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>

#include "data/DatasetError.h"
#include "jobs/JobRunner.h"
#include "project/Project.h"
#include "training/TrainingJob.h"

namespace tl {

TrainingController::TrainingController(Project* project, QObject* parent)
    : QObject(parent), project_(project), runner_(std::make_unique<JobRunner>()) {
    qRegisterMetaType<tl::BatchMetrics>();
    qRegisterMetaType<tl::EpochMetrics>();
    connect(runner_.get(), &JobRunner::jobFinished, this, &TrainingController::onJobFinished);
}

TrainingController::~TrainingController() {
    runner_.reset();  // cancels and joins before the job goes
}

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
        return fail(QString::fromUtf8(e.what()));
    }
    connect(job.get(), &Job::phaseChanged, this, &TrainingController::phaseChanged);
    connect(job.get(), &Job::progressChanged, this, &TrainingController::progressChanged);
    connect(job.get(), &Job::logMessage, this, &TrainingController::logMessage);
    connect(job.get(), &TrainingJob::batchFinished, this, &TrainingController::batchFinished);
    connect(job.get(), &TrainingJob::epochFinished, this, &TrainingController::epochFinished);
    connect(job.get(), &TrainingJob::etaChanged, this, &TrainingController::etaChanged);
    // JobRunner::start() still touches the previous job, so it must outlive the call.
    std::unique_ptr<TrainingJob> previous = std::move(job_);
    job_ = std::move(job);
    runner_->start(job_.get());
    previous.reset();
    emit started();
    return true;
}

void TrainingController::stop() {
    runner_->cancel();
}

bool TrainingController::isRunning() const {
    return runner_->isRunning();
}

void TrainingController::setModel(std::shared_ptr<const TrainedModel> model,
                                  const QString& folder) {
    model_ = std::move(model);
    modelFolder_ = folder;
    emit modelChanged();
}

void TrainingController::onJobFinished(bool ok, const QString& errorMessage) {
    runner_->wait();
    if (ok && job_) {
        history_ = job_->history();
        report_ = job_->validationReport();
        model_ = job_->model();
        modelFolder_ = pendingFolder_;
        TrainingRunRecord run;
        run.finished = QDateTime::currentDateTime();
        run.name =
            tr("Run %1 (%2)").arg(project_->runs().size() + 1).arg(run.finished.toString("HH:mm"));
        run.backbone = QFileInfo(QString::fromStdString(job_->settings().backbone)).fileName();
        run.history = history_;
        run.validationAccuracy = report_.accuracy;
        run.modelFolder = modelFolder_;
        project_->addRun(run);
        emit modelChanged();
    }
    emit finished(ok, errorMessage);
}

}  // namespace tl
