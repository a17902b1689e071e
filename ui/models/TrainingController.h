// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

#include <memory>

#include "training/EvaluationReport.h"
#include "training/TrainingHistory.h"

namespace tl {

class JobRunner;
class Project;
class TrainedModel;
class TrainingJob;

// Runs the project's training in a worker thread (TrainingJob + JobRunner) and relays its
// progress to the UI thread. Keeps the last successful model and validation report.
class TrainingController : public QObject {
    Q_OBJECT
public:
    explicit TrainingController(Project* project, QObject* parent = nullptr);
    ~TrainingController() override;

    // Returns false with *error set when the project cannot be trained (no labels...).
    bool start(QString* error = nullptr);
    void stop();
    bool isRunning() const;

    std::shared_ptr<const TrainedModel> model() const { return model_; }
    const EvaluationReport& report() const { return report_; }
    const TrainingHistory& history() const { return history_; }
    QString modelFolder() const { return modelFolder_; }
    // Replaces the current model (a model loaded from disk for testing).
    void setModel(std::shared_ptr<const TrainedModel> model, const QString& folder);

signals:
    void started();
    void phaseChanged(const QString& phase);
    void progressChanged(double fraction, const QString& detail);
    void logMessage(const QString& line);
    void batchFinished(const tl::BatchMetrics& metrics);
    void epochFinished(const tl::EpochMetrics& metrics);
    void etaChanged(double secondsLeft);
    void finished(bool ok, const QString& errorMessage);
    void modelChanged();

private:
    void onJobFinished(bool ok, const QString& errorMessage);

    Project* project_;
    // Declared before the runner so the runner (which joins the thread) dies first.
    std::unique_ptr<TrainingJob> job_;
    std::unique_ptr<JobRunner> runner_;
    std::shared_ptr<const TrainedModel> model_;
    EvaluationReport report_;
    TrainingHistory history_;
    QString modelFolder_;
    QString pendingFolder_;
};

}  // namespace tl
