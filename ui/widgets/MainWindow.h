// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAction;
class QLabel;
class QMenu;
class QTabWidget;
class QUndoStack;

namespace tl {

class AugmentationPage;
class DataPage;
class DatasetModel;
class OpenImagesDialog;
class Project;
class ProjectImporter;
class ResultsPage;
class TestPage;
class ThumbnailCache;
class TrainPage;
class TrainingController;
class JobManager;
class ModelExportJob;

// The application window: one page per step (Data, Augmentation, Train, Results, Test)
// over one Project, with menus, undo/redo, recent projects and persisted window state.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum Page { DataTab, AugmentationTab, TrainTab, ResultsTab, TestTab };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // A project file, a folder holding one, or a dataset folder of class sub-folders.
    bool openPath(const QString& path);
    void setBackboneChoices(const QStringList& choices);
    // Walks every page, trains, grabs each page into `folder` as PNG, then quits.
    void runScreenshotTour(const QString& folder);

    Project* project() const { return project_; }
    QUndoStack* undoStack() const { return undoStack_; }
    DatasetModel* datasetModel() const { return datasetModel_; }
    ProjectImporter* importer() const { return importer_; }
    TrainingController* trainingController() const { return training_; }
    JobManager* jobManager() const { return jobs_; }
    ThumbnailCache* thumbnails() const { return thumbnails_; }
    DataPage* dataPage() const { return dataPage_; }
    AugmentationPage* augmentationPage() const { return augmentationPage_; }
    TrainPage* trainPage() const { return trainPage_; }
    ResultsPage* resultsPage() const { return resultsPage_; }
    TestPage* testPage() const { return testPage_; }
    QTabWidget* pages() const { return tabs_; }
    // Shows the "Download from Open Images" dialog (created on first use).
    OpenImagesDialog* showOpenImagesDialog();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void newProject();
    void openProjectDialog();
    void importFolderDialog();
    void importPhotosDialog();
    bool saveProjectAs();
    void updateRecentMenu();
    void addRecent(const QString& path);
    void updateTitle();
    void updateStatus();
    void showAbout();
    void showError(const QString& title, const QString& message);
    void exportModelDialog();
    void onTrainingFinished(bool ok, const QString& error);
    QString autosavePathFor(const QString& datasetFolder) const;

    Project* project_;
    // Runs every long job of the window (training, prediction, export, downloads); deleted
    // first, so no job outlives the objects its signals reach.
    JobManager* jobs_;
    QPointer<ModelExportJob> exportJob_;  // while an export runs
    QUndoStack* undoStack_;
    ThumbnailCache* thumbnails_;
    DatasetModel* datasetModel_;
    ProjectImporter* importer_;
    TrainingController* training_;
    QTabWidget* tabs_;
    DataPage* dataPage_;
    AugmentationPage* augmentationPage_;
    TrainPage* trainPage_;
    ResultsPage* resultsPage_;
    TestPage* testPage_;
    QMenu* recentMenu_ = nullptr;
    QAction* trainAction_ = nullptr;
    QAction* stopAction_ = nullptr;
    QLabel* countsLabel_;
    QLabel* saveLabel_;
    OpenImagesDialog* openImagesDialog_ = nullptr;
};

}  // namespace tl
