// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QStringList>
#include <QWidget>

#include "jobs/Job.h"
#include "training/TrainingHistory.h"

class QComboBox;
class QCustomPlot;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTimer;

namespace tl {

class BackboneDownloadJob;
class BackbonePicker;
class JobManager;
class MissingBackboneDialog;
class Project;
class TrainingController;
class TrainingCurves;
class TrainingSettingsForm;

// The Train page puts together the backbone picker, the settings form, the run controls with
// one progress display for the whole run, the list of runs and the live curves. Train checks
// photos and classes first, then the backbone: a missing one opens the missing-backbone dialog
// (download, choose a file, use the bundled one); a download runs here with progress and
// Stop, and training follows.
class TrainPage : public QWidget {
    Q_OBJECT
public:
    TrainPage(Project* project, TrainingController* controller, JobManager* jobs,
              QWidget* parent = nullptr);
    ~TrainPage() override;

    // Model folders (or other references) offered besides the backbone store's.
    void setBackboneChoices(const QStringList& choices);
    QString currentBackbone() const;
    void selectBackbone(const QString& reference);
    void importBackbone(const QString& path);
    bool isDownloadingBackbone() const;
    // Whether training could use `reference` now, without a download.
    static bool isBackboneAvailable(const QString& reference);
    // The missing-backbone dialog's options for `reference` (for the dialog and its tests).
    static QString describeBackbone(const QString& reference);

    BackbonePicker* backbonePicker() const { return picker_; }
    TrainingSettingsForm* settingsForm() const { return form_; }
    TrainingCurves* curves() const { return curves_; }
    QComboBox* backboneCombo() const;
    QLabel* backboneStatus() const;
    QLabel* messageLabel() const { return message_; }
    QLabel* phaseLabel() const { return phase_; }
    QLabel* estimateLabel() const { return estimate_; }
    QCustomPlot* lossPlot() const;
    QCustomPlot* accuracyPlot() const;
    QPushButton* trainButton() const { return train_; }
    QPushButton* stopButton() const { return stop_; }
    QPushButton* finishButton() const { return finish_; }
    QListWidget* runList() const { return runs_; }
    int epochPointCount() const;
    int batchPointCount() const;

public slots:
    void startTraining();

signals:
    // A backbone download started before training ended (ok, or why not).
    void backboneDownloadFinished(bool ok, const QString& error);
    // The missing-backbone dialog is about to be shown (tests and the screenshot tour use it).
    void missingBackboneDialogOpened(tl::MissingBackboneDialog* dialog);

private:
    QWidget* buildControls();
    void loadFromProject();
    void storeToProject();
    void onBackboneChosen(const QString& reference);
    void askForBackbone(const QString& problem);
    bool startBackboneDownload(const QString& name);
    void onBackboneDownloadFinished(const Job& job, bool ok);
    void startTrainingNow();
    void onTrainingFinished(bool ok, const QString& error);
    void showMessage(const QString& text, bool error = false);
    void updateReadiness();
    void updateProgress();
    void updateRuns();
    void updateOverlays();
    void showCurrentRun();
    void setRunning(bool running);

    Project* project_;
    TrainingController* controller_;
    BackbonePicker* picker_;
    TrainingSettingsForm* form_;
    TrainingCurves* curves_;
    QPushButton* train_;
    QPushButton* stop_;
    QPushButton* finish_;
    QLabel* message_;
    QLabel* phase_;
    QProgressBar* progress_;
    QLabel* estimate_;
    QPlainTextEdit* log_;
    QListWidget* runs_;
    QTimer* ticker_;
    bool loading_ = false;
    bool trainAfterImport_ = false;
    bool liveRun_ = false;        // the curves show the run being trained, not a saved one
    bool backboneAsked_ = false;  // the dialog was shown for this Train click
    JobManager* jobs_;
    QPointer<BackboneDownloadJob> download_;  // while a download runs (owned by jobs_)
};

}  // namespace tl
