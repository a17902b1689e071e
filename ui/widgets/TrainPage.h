// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <memory>

#include "training/TrainingHistory.h"

class QCheckBox;
class QComboBox;
class QCPGraph;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace tl {

class BackboneDownloadJob;
class JobManager;
class Project;
class TrainingController;

// Training settings, Train/Stop, and live loss/accuracy curves (per epoch, with running
// per-batch values) that previous runs can be overlaid on. The job runs in a worker thread.
//
// The backbone list offers the catalogue (BackboneCatalog, marked downloaded or not from the
// BackboneStore), backbones imported into the store, local model folders, and "Import from
// file…". Training on a catalogue backbone that is not here yet first downloads it
// (BackboneDownloadJob, with progress; Stop cancels it), then starts.
class TrainPage : public QWidget {
    Q_OBJECT
public:
    TrainPage(Project* project, TrainingController* controller, JobManager* jobs,
              QWidget* parent = nullptr);
    ~TrainPage() override;

    // Local model folders (or other references) offered besides the catalogue.
    void setBackboneChoices(const QStringList& choices);
    // The reference (catalogue name, imported name or path) currently chosen.
    QString currentBackbone() const;
    // Selects `reference`, adding it to the list if it is not there.
    void selectBackbone(const QString& reference);
    // Copies a .h5, model.json or Teachable Machine folder into the backbone store (in a
    // worker thread) and selects it.
    void importBackbone(const QString& path);
    QComboBox* backboneCombo() const { return backbone_; }
    QLabel* backboneStatus() const { return backboneStatus_; }
    bool isDownloadingBackbone() const;
    QCustomPlot* lossPlot() const { return lossPlot_; }
    QCustomPlot* accuracyPlot() const { return accuracyPlot_; }
    QPushButton* trainButton() const { return train_; }
    // Points in the current run's curves (for tests).
    int epochPointCount() const;
    int batchPointCount() const;

public slots:
    void startTraining();

signals:
    // A backbone download started before training ended (ok, or why not).
    void backboneDownloadFinished(bool ok, const QString& error);

private:
    QWidget* buildSettings();
    void rebuildBackboneItems();
    void updateBackboneStatus();
    void onBackboneActivated(int index);
    void chooseBackboneFile();
    bool startBackboneDownload(const QString& name);
    void onBackboneDownloadFinished(bool ok, bool canceled, const QString& error);
    void startTrainingNow();
    void showBackboneError(const QString& message);
    QWidget* buildPlots();
    void loadFromProject();
    void storeToProject();
    void clearCurves();
    void onBatch(const tl::BatchMetrics& m);
    void onEpoch(const tl::EpochMetrics& m);
    void onFinished(bool ok, const QString& error);
    void updateOverlays();
    void setRunning(bool running);

    Project* project_;
    TrainingController* controller_;
    QComboBox* backbone_;
    QLabel* backboneStatus_;
    QStringList localChoices_;
    int lastBackboneIndex_ = -1;
    bool importing_ = false;
    QSpinBox* epochs_;
    QDoubleSpinBox* learningRate_;
    QSpinBox* batchSize_;
    QDoubleSpinBox* dropout_;
    QDoubleSpinBox* validation_;
    QCheckBox* augmentation_;
    QSpinBox* fineTuneBlocks_;
    QSpinBox* fineTuneEpochs_;
    QPushButton* train_;
    QPushButton* stop_;
    QLabel* phase_;
    QProgressBar* progress_;
    QLabel* eta_;
    QPlainTextEdit* log_;
    QListWidget* runs_;
    QCustomPlot* lossPlot_;
    QCustomPlot* accuracyPlot_;
    // Graph order in both plots: 0 train, 1 validation, 2 running (batch), 3.. overlays.
    bool loading_ = false;
    QElapsedTimer clock_;
    // Declared before the runner, so the runner (which joins its thread) dies first.
    JobManager* jobs_;
    QPointer<BackboneDownloadJob> download_;  // while a download runs (owned by jobs_)
};

}  // namespace tl
