// SPDX-License-Identifier: MIT
#include "models/TrainingController.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

#include "jobs/JobManager.h"
#include "models/RunProgress.h"
#include "project/Project.h"
#include "support/Errors.h"
#include "training/PredictionJob.h"
#include "training/TrainingJob.h"

namespace tl {

namespace {

struct LoadedModel {
    std::shared_ptr<const TrainedModel> model;
    JobError error;
    // What the model's run measured (model.json keeps it), for results files without it.
    RunResults details;
};

LoadedModel loadModel(const QString& folder) {
    LoadedModel loaded;
    try {
        loaded.model = PredictionJob::loadModel(folder);
        loaded.details.crossValidation = PredictionJob::crossValidation(*loaded.model);
        loaded.details.calibration = PredictionJob::calibration(*loaded.model);
        loaded.details.automaticRecipe = PredictionJob::automaticRecipe(*loaded.model);
    } catch (const std::exception& e) {
        loaded.error.kind = kindOf(e);
        loaded.error.message = QString::fromStdString(oneLineMessage(e));
        loaded.error.path = folder;
    }
    return loaded;
}

}  // namespace

TrainingController::TrainingController(Project* project, JobManager* jobs, QObject* parent)
    : QObject(parent), project_(project), jobs_(jobs), progress_(new RunProgress(this)) {
    qRegisterMetaType<tl::BatchMetrics>();
    qRegisterMetaType<tl::EpochMetrics>();
    // Another project, or another run chosen as current: show that run's model.
    connect(project_, &Project::currentRunChanged, this, [this](int index) {
        if (index != runIndex_ && !isRunning()) {
            restoreCurrentRun();
        }
    });
}

TrainingController::~TrainingController() = default;

bool TrainingController::isReady(QString* whyNot) const {
    auto fail = [&](const QString& message) {
        if (whyNot) {
            *whyNot = message;
        }
        return false;
    };
    if (project_->imageCount() == 0) {
        return fail(tr("Add photos first: drop a folder of class sub-folders on the Data page."));
    }
    const QVector<int> counts = project_->countPerClass();
    if (std::count_if(counts.begin(), counts.end(), [](int n) { return n > 0; }) < 2) {
        return fail(tr("Label photos in at least two classes before training."));
    }
    return true;
}

bool TrainingController::start(QString* error) {
    if (isRunning()) {
        return false;
    }
    if (!isReady(error)) {
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
    std::unique_ptr<TrainingJob> job;
    int photos = 0;
    try {
        pendingFolder_.clear();
        if (!project_->folder().isEmpty()) {
            // Models live beside the project so it stays self-contained.
            pendingFolder_ = project_->folder() + "/models/" +
                             QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss");
        }
        ImageFolderDataset dataset = project_->toDataset();
        photos = static_cast<int>(dataset.images().size());
        job = std::make_unique<TrainingJob>(std::move(dataset), settings,
                                            std::filesystem::u8path(pendingFolder_.toStdString()));
    } catch (const std::exception& e) {
        return fail(QString::fromStdString(oneLineMessage(e)));
    }
    labelsAtStart_ = RunResults::labelsOf(*project_);
    TrainingJob* raw = job.get();
    connect(raw, &Job::phaseChanged, this, &TrainingController::phaseChanged);
    connect(raw, &Job::phaseChanged, progress_,
            [this](const QString& phase) { progress_->setPhase(phase); });
    connect(raw, &Job::progressChanged, this, &TrainingController::progressChanged);
    connect(raw, &Job::progressChanged, progress_, &RunProgress::setPhaseFraction);
    connect(raw, &Job::logMessage, this, &TrainingController::logMessage);
    connect(raw, &TrainingJob::batchFinished, this, &TrainingController::batchFinished);
    connect(raw, &TrainingJob::batchFinished, progress_, &RunProgress::addBatch);
    connect(raw, &TrainingJob::epochFinished, this, [this](const EpochMetrics& metrics) {
        epochSeen_ = true;
        progress_->addEpoch(metrics);
        emit epochFinished(metrics);
    });
    connect(raw, &TrainingJob::etaChanged, this, &TrainingController::etaChanged);
    connect(raw, &Job::finished, this, [this, raw](bool ok, const QString& errorMessage) {
        onJobFinished(*raw, ok, errorMessage);
    });
    lastError_ = {};
    epochSeen_ = false;
    job_ = raw;
    progress_->start(settings, photos);
    jobs_->submit(std::move(job));
    emit started();
    return true;
}

void TrainingController::stop() {
    if (job_) {
        job_->cancel();
    }
}

void TrainingController::finishEarly() {
    if (job_) {
        job_->finishEarly();
    }
}

bool TrainingController::hasModelSoFar() const {
    return job_ && epochSeen_;
}

bool TrainingController::isRunning() const {
    return !job_.isNull();
}

void TrainingController::setModel(std::shared_ptr<const TrainedModel> model,
                                  const QString& folder) {
    ++loadGeneration_;
    model_ = std::move(model);
    modelFolder_ = folder;
    setModelState(model_ ? ModelState::Ready : ModelState::None);
    emit modelChanged();
}

void TrainingController::setModelState(ModelState state) {
    modelState_ = state;
    emit modelStateChanged();
}

void TrainingController::clearCurrent() {
    ++loadGeneration_;
    model_.reset();
    modelFolder_.clear();
    modelError_ = {};
    results_ = {};
    hasResults_ = false;
    history_.clear();
    runIndex_ = -1;
}

void TrainingController::restoreCurrentRun() {
    clearCurrent();
    const int index = project_->currentRun();
    if (index < 0 || index >= project_->runs().size()) {
        setModelState(ModelState::None);
        emit resultsChanged();
        emit modelChanged();
        return;
    }
    const TrainingRunRecord& run = project_->runs()[index];
    runIndex_ = index;
    history_ = run.history;
    // Results files are small (a few MB for 10,000 validation photos): read at once, so the
    // Results page is complete when the project appears.
    if (!run.resultsFile.isEmpty() && QFileInfo::exists(run.resultsFile)) {
        try {
            results_ = RunResults::load(run.resultsFile);
            hasResults_ = true;
        } catch (const std::exception& e) {
            emit logMessage(tr("Cannot read the results of %1: %2")
                                .arg(run.name, QString::fromStdString(oneLineMessage(e))));
        }
    }
    emit resultsChanged();
    if (run.modelFolder.isEmpty() || !QFileInfo::exists(run.modelFolder + "/model.json")) {
        modelError_.kind = ErrorKind::FileSystem;
        modelError_.message = tr("The model of %1 is no longer on disk").arg(run.name);
        modelError_.path = run.modelFolder;
        setModelState(run.modelFolder.isEmpty() ? ModelState::None : ModelState::Failed);
        emit modelChanged();
        return;
    }
    modelFolder_ = run.modelFolder;
    setModelState(ModelState::Loading);
    emit modelChanged();
    const quint64 generation = loadGeneration_;
    auto* watcher = new QFutureWatcher<LoadedModel>(this);
    connect(watcher, &QFutureWatcher<LoadedModel>::finished, this, [this, watcher, generation] {
        const LoadedModel loaded = watcher->result();
        watcher->deleteLater();
        if (generation != loadGeneration_) {
            return;  // another project or run was chosen meanwhile
        }
        model_ = loaded.model;
        modelError_ = loaded.error;
        setModelState(model_ ? ModelState::Ready : ModelState::Failed);
        emit modelChanged();
        // A results file from before runs kept their cross-validation and calibration: the
        // model says what they were.
        if (generation == loadGeneration_ && model_ && !results_.hasRunDetails() &&
            loaded.details.hasRunDetails()) {
            results_.crossValidation = loaded.details.crossValidation;
            results_.calibration = loaded.details.calibration;
            results_.automaticRecipe = loaded.details.automaticRecipe;
            if (hasResults_) {
                emit resultsChanged();
            }
        }
    });
    const QString folder = modelFolder_;
    watcher->setFuture(QtConcurrent::run([folder] { return loadModel(folder); }));
}

// Delivered by the JobManager on the UI thread, after the run has ended.
void TrainingController::onJobFinished(const TrainingJob& job, bool ok,
                                       const QString& errorMessage) {
    job_.clear();
    progress_->finish();
    lastError_ = job.error();
    lastRunCanceled_ = job.wasCanceled();
    if (ok) {
        clearCurrent();
        history_ = job.history();
        results_.report = job.validationReport();
        results_.labelsAtTraining = labelsAtStart_;
        results_.crossValidation = job.crossValidation();
        results_.calibration = job.calibration();
        results_.automaticRecipe = job.automaticRecipe();
        hasResults_ = true;
        model_ = job.model();
        modelFolder_ = pendingFolder_;
        TrainingRunRecord run;
        run.finished = QDateTime::currentDateTime();
        run.name =
            tr("Run %1 (%2)").arg(project_->runs().size() + 1).arg(run.finished.toString("HH:mm"));
        run.backbone = QFileInfo(QString::fromStdString(job.settings().backbone)).fileName();
        run.history = history_;
        run.validationAccuracy = results_.report.accuracy;
        run.crossValidationFolds = results_.crossValidation.folds;
        run.crossValidatedAccuracy = results_.crossValidation.accuracyMean;
        run.crossValidatedSd = results_.crossValidation.accuracySd;
        run.automatic = results_.automaticRecipe.ran;
        run.modelFolder = modelFolder_;
        run.inputSize = job.settings().inputSize;
        if (!project_->folder().isEmpty()) {
            const QString file =
                project_->folder() + "/results/" + QFileInfo(pendingFolder_).fileName() + ".json";
            try {
                results_.save(file);
                run.resultsFile = file;
            } catch (const std::exception& e) {
                emit logMessage(QString::fromStdString(oneLineMessage(e)));
            }
        }
        runIndex_ = static_cast<int>(project_->runs().size());
        project_->addRun(run);  // becomes the current run; this model is already here
        setModelState(model_ ? ModelState::Ready : ModelState::None);
        emit resultsChanged();
        emit modelChanged();
    }
    emit finished(ok, errorMessage);
}

}  // namespace tl
