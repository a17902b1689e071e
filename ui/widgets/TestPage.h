// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QWidget>

#include <memory>

class QLabel;
class QListView;
class QProgressBar;
class QPushButton;

namespace tl {

class JobManager;
class PredictionListModel;
class PredictionJob;
class ThumbnailCache;
class TrainingController;

// Classifies new photos with the current model: drop photos or folders, see each with its
// class probabilities, export to CSV. A saved model can be loaded instead.
class TestPage : public QWidget {
    Q_OBJECT
public:
    TestPage(TrainingController* controller, JobManager* jobs, ThumbnailCache* thumbnails,
             QWidget* parent = nullptr);
    ~TestPage() override;

    void classify(const QStringList& paths);
    void loadModel();
    void exportCsv();
    bool exportCsv(const QString& file, QString* error);
    PredictionListModel* model() const { return model_; }
    bool isBusy() const;
    // The photos selected in the list.
    QStringList selectedPaths() const;

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void startPrediction(const QStringList& paths);
    void onModelChanged();
    void onJobFinished(const PredictionJob& job, bool ok, const QString& error);

    TrainingController* controller_;
    PredictionListModel* model_;
    JobManager* jobs_;
    QPointer<PredictionJob> job_;  // while photos are being classified (owned by jobs_)
    QLabel* modelLabel_;
    QLabel* status_;
    QProgressBar* progress_;
    QListView* view_;
    QPushButton* add_;
    bool listing_ = false;
};

}  // namespace tl
