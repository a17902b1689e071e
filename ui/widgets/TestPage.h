// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QListView;
class QProgressBar;
class QPushButton;
class QUndoStack;

namespace tl {

class JobManager;
class PhotoViewer;
class PredictionListModel;
class PredictionJob;
class Project;
class TestSummaryWidget;
class ThumbnailCache;
class TrainingController;

// Classifies new photos with the current model: drop photos or folders, see each with its
// class probabilities, a summary by predicted class with a confidence histogram, sort by
// confidence, and export to CSV. Right-click a photo to add it to a class of the project (by
// reference: the file stays where it is), the Lobe loop. A saved model can be loaded instead.
class TestPage : public QWidget {
    Q_OBJECT
public:
    TestPage(TrainingController* controller, JobManager* jobs, ThumbnailCache* thumbnails,
             Project* project, QUndoStack* undoStack, QWidget* parent = nullptr);
    ~TestPage() override;

    void classify(const QStringList& paths);
    void loadModel();
    void exportCsv();
    bool exportCsv(const QString& file, QString* error);
    // Adds the selected tested photos to class `label` of the project (undoable).
    void addSelectedToClass(int label);
    void openViewer(int row);
    PredictionListModel* model() const { return model_; }
    QListView* view() const { return view_; }
    QComboBox* orderSelector() const { return order_; }
    // Test-time augmentation for the next photos classified: the model's default (data -1) or
    // a TestTimeAugmentation.
    QComboBox* testTimeSelector() const { return testTime_; }
    TestSummaryWidget* summary() const { return summary_; }
    QLabel* modelLabel() const { return modelLabel_; }
    QPushButton* exportButton() const { return export_; }
    bool isBusy() const;
    // The photos selected in the list.
    QStringList selectedPaths() const;

signals:
    void showInDataPage(const QString& path);
    // The photo viewer's "Heat-map…" button: explain these photos (the Inspect menu does).
    void explainRequested(const QStringList& paths);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void startPrediction(const QStringList& paths);
    void onModelChanged();
    void onJobFinished(const PredictionJob& job, bool ok, const QString& error);
    void showContextMenu(const QPoint& pos);
    void updateSummary();

    TrainingController* controller_;
    PredictionListModel* model_;
    JobManager* jobs_;
    Project* project_;
    QUndoStack* undoStack_;
    QPointer<PredictionJob> job_;  // while photos are being classified (owned by jobs_)
    QLabel* modelLabel_;
    QLabel* status_;
    QProgressBar* progress_;
    TestSummaryWidget* summary_;
    QComboBox* order_;
    QComboBox* testTime_;
    QListView* view_;
    QPushButton* add_;
    QPushButton* addFolder_;
    QPushButton* export_;
    QPushButton* clear_;
    QPointer<PhotoViewer> viewer_;
    bool listing_ = false;
};

}  // namespace tl
