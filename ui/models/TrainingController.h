// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

#include "jobs/Job.h"
#include "project/RunResults.h"
#include "training/AutoRecipeReport.h"
#include "training/CalibrationReport.h"
#include "training/CrossValidationSummary.h"
#include "training/EvaluationReport.h"
#include "training/TrainingHistory.h"

namespace tl {

class JobManager;
class Project;
class RunProgress;
class TrainedModel;
class TrainingJob;

// Runs the project's training as a TrainingJob on the application's JobManager, relays its
// progress (and keeps one RunProgress for the whole run), and holds the project's current
// model: the one just trained, or, after the project is opened again, the current run's saved
// model and validation results, loaded back off the UI thread.
class TrainingController : public QObject {
    Q_OBJECT
public:
    enum class ModelState { None, Loading, Ready, Failed };

    TrainingController(Project* project, JobManager* jobs, QObject* parent = nullptr);
    ~TrainingController() override;

    // Whether the project has what training needs (photos in two classes); *why not, in
    // words for the user. Says nothing about the backbone.
    bool isReady(QString* whyNot = nullptr) const;
    // Returns false with *error set when the project cannot be trained (no labels...).
    bool start(QString* error = nullptr);
    // Cancels the run: nothing of it is kept.
    void stop();
    // Ends the run after the current epoch and keeps the best model so far (saved as usual).
    void finishEarly();
    // True once an epoch has ended: finishEarly() then has a model to keep.
    bool hasModelSoFar() const;
    // From start() until the run's finished() has been delivered.
    bool isRunning() const;
    // Why the last run failed (its kind tells a missing backbone from other failures).
    const JobError& lastError() const { return lastError_; }
    bool lastRunCanceled() const { return lastRunCanceled_; }
    RunProgress* progress() const { return progress_; }

    std::shared_ptr<const TrainedModel> model() const { return model_; }
    ModelState modelState() const { return modelState_; }
    // Why the current run's model could not be loaded (state Failed).
    const JobError& modelError() const { return modelError_; }
    bool hasResults() const { return hasResults_; }
    const RunResults& results() const { return results_; }
    const EvaluationReport& report() const { return results_.report; }
    const TrainingHistory& history() const { return history_; }
    // The current run's k-fold figures on the training photos (folds == 0 with a note when
    // there are none), its calibration and, when it chose the settings, the automatic recipe's
    // trials. Set together with report(), kept in results() (and its file); for a run restored
    // from a results file without them, filled from its model once loaded.
    const CrossValidationSummary& crossValidation() const { return results_.crossValidation; }
    const CalibrationReport& calibration() const { return results_.calibration; }
    const AutoRecipeReport& automaticRecipe() const { return results_.automaticRecipe; }
    QString modelFolder() const { return modelFolder_; }
    // The run the model and results belong to (the project's current run), or -1.
    int runIndex() const { return runIndex_; }
    // Replaces the current model (a model loaded from disk for testing).
    void setModel(std::shared_ptr<const TrainedModel> model, const QString& folder);
    // Loads the project's current run: its results at once, its model in a worker thread.
    void restoreCurrentRun();

signals:
    void started();
    void phaseChanged(const QString& phase, const QString& text);
    void progressChanged(double fraction, const QString& detail);
    void logMessage(const QString& line);
    void batchFinished(const tl::BatchMetrics& metrics);
    void epochFinished(const tl::EpochMetrics& metrics);
    void etaChanged(double secondsLeft);
    void finished(bool ok, const QString& errorMessage);
    void modelChanged();
    void resultsChanged();
    void modelStateChanged();

private:
    void onJobFinished(const TrainingJob& job, bool ok, const QString& errorMessage);
    void setModelState(ModelState state);
    void clearCurrent();

    Project* project_;
    JobManager* jobs_;
    RunProgress* progress_;
    QPointer<TrainingJob> job_;  // the running job, owned by the manager
    JobError lastError_;
    bool lastRunCanceled_ = false;
    std::shared_ptr<const TrainedModel> model_;
    ModelState modelState_ = ModelState::None;
    JobError modelError_;
    RunResults results_;
    bool hasResults_ = false;
    TrainingHistory history_;
    QString modelFolder_;
    int runIndex_ = -1;
    quint64 loadGeneration_ = 0;  // a newer restore makes older loads stale
    QString pendingFolder_;
    QHash<QString, QString> labelsAtStart_;
    bool epochSeen_ = false;
};

}  // namespace tl
