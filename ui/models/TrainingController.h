// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <memory>

#include "jobs/Job.h"
#include "training/AutoRecipeReport.h"
#include "training/CalibrationReport.h"
#include "training/CrossValidationSummary.h"
#include "training/EvaluationReport.h"
#include "training/TrainingHistory.h"

namespace tl {

class JobManager;
class Project;
class TrainedModel;
class TrainingJob;

// Runs the project's training as a TrainingJob on the application's JobManager and relays its
// progress. Keeps the last successful model and validation report.
class TrainingController : public QObject {
    Q_OBJECT
public:
    TrainingController(Project* project, JobManager* jobs, QObject* parent = nullptr);
    ~TrainingController() override;

    // Returns false with *error set when the project cannot be trained (no labels...).
    bool start(QString* error = nullptr);
    void stop();
    // From start() until the run's finished() has been delivered.
    bool isRunning() const;
    // Why the last run failed (its kind tells a missing backbone from other failures).
    const JobError& lastError() const { return lastError_; }

    std::shared_ptr<const TrainedModel> model() const { return model_; }
    const EvaluationReport& report() const { return report_; }
    const TrainingHistory& history() const { return history_; }
    // The last run's k-fold figures on the training photos (folds == 0 with a note when there
    // are none), its calibration and, when it chose the settings, the automatic recipe's
    // trials. Set together with report().
    const CrossValidationSummary& crossValidation() const { return crossValidation_; }
    const CalibrationReport& calibration() const { return calibration_; }
    const AutoRecipeReport& automaticRecipe() const { return automaticRecipe_; }
    QString modelFolder() const { return modelFolder_; }
    // Replaces the current model (a model loaded from disk for testing).
    void setModel(std::shared_ptr<const TrainedModel> model, const QString& folder);

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

private:
    void onJobFinished(const TrainingJob& job, bool ok, const QString& errorMessage);

    Project* project_;
    JobManager* jobs_;
    QPointer<TrainingJob> job_;  // the running job, owned by the manager
    JobError lastError_;
    std::shared_ptr<const TrainedModel> model_;
    EvaluationReport report_;
    TrainingHistory history_;
    CrossValidationSummary crossValidation_;
    CalibrationReport calibration_;
    AutoRecipeReport automaticRecipe_;
    QString modelFolder_;
    QString pendingFolder_;
};

}  // namespace tl
