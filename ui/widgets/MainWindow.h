// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>
#include <QPointer>

#include <memory>

class QAction;
class QLabel;
class QMenu;
class QStackedWidget;
class QTabWidget;
class QUndoStack;

namespace tl {

class AugmentationPage;
class DataPage;
class DatasetModel;
class JobManager;
class ModelExportJob;
class OpenImagesDialog;
class Project;
class ProjectImporter;
class ResultsPage;
class StartPage;
class TestPage;
class ThumbnailCache;
class TrainPage;
class TrainingController;

// The application window: a start page while no project is open, then one page per step
// (Data, Augmentation, Train, Results, Test) over one Project, with menus whose actions are
// enabled only when they can work, undo/redo, recent projects and persisted window state.
// Projects live in the project library (~/Documents/TransferLab), one folder each.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum Page { DataTab, AugmentationTab, TrainTab, ResultsTab, TestTab };

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // What the window shows at launch: the last project when the setting says so and it is
    // still there, else the start page.
    void startUp();
    // A project file, a folder holding one, or a dataset folder of class sub-folders (which
    // becomes a project of the library, or reopens the one made from it before).
    bool openPath(const QString& path);
    // A new empty project in the library, named `name` (made unique). Returns its file.
    QString newProject(const QString& name);
    // Back to the start page (the project is saved).
    void closeProject();
    bool isShowingStartPage() const;
    // "Try the example": a new project with the example photos (a local copy, or downloaded
    // from Open Images).
    void tryExample();
    void setBackboneChoices(const QStringList& choices);
    // Shown by Help ▸ About, for bug reports.
    void setLogFile(const QString& path) { logFile_ = path; }

    Project* project() const { return project_; }
    QUndoStack* undoStack() const { return undoStack_; }
    DatasetModel* datasetModel() const { return datasetModel_; }
    ProjectImporter* importer() const { return importer_; }
    TrainingController* trainingController() const { return training_; }
    JobManager* jobManager() const { return jobs_; }
    StartPage* startPage() const { return startPage_; }
    ThumbnailCache* thumbnails() const { return thumbnails_; }
    DataPage* dataPage() const { return dataPage_; }
    AugmentationPage* augmentationPage() const { return augmentationPage_; }
    TrainPage* trainPage() const { return trainPage_; }
    ResultsPage* resultsPage() const { return resultsPage_; }
    TestPage* testPage() const { return testPage_; }
    QTabWidget* pages() const { return tabs_; }
    QAction* trainAction() const { return trainAction_; }
    QAction* stopAction() const { return stopAction_; }
    QAction* exportModelAction() const { return exportModelAction_; }
    QAction* exportPhotosAction() const { return exportPhotosAction_; }
    QAction* excludeAction() const { return excludeAction_; }
    QAction* deleteClassAction() const { return deleteClassAction_; }
    // Shows the "Download from Open Images" dialog (created on first use).
    OpenImagesDialog* showOpenImagesDialog();
    void showAbout();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void newProjectDialog();
    void openProjectDialog();
    void openFolderDialog();
    void importFolderDialog();
    void importPhotosDialog();
    bool saveProjectAs();
    bool loadProjectFile(const QString& file);
    bool openDatasetFolder(const QString& folder);
    void afterProjectOpened(const QString& file);
    void applyNewProjectDefaults();
    void showProjectPages(bool show);
    void updateRecentMenu();
    void addRecent(const QString& path);
    void updateTitle();
    void updateStatus();
    void updateActions();
    void showError(const QString& title, const QString& message);
    void exportModelDialog();
    void exportPhotosDialog();
    void onTrainingFinished(bool ok, const QString& error);
    void onResultsChanged();
    // Asks what to do with a running training; false = do not quit now.
    bool confirmQuitWhileTraining();

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
    QStackedWidget* stack_;
    StartPage* startPage_;
    QTabWidget* tabs_;
    DataPage* dataPage_;
    AugmentationPage* augmentationPage_;
    TrainPage* trainPage_;
    ResultsPage* resultsPage_;
    TestPage* testPage_;
    QMenu* recentMenu_ = nullptr;
    QAction* trainAction_ = nullptr;
    QAction* stopAction_ = nullptr;
    QAction* exportModelAction_ = nullptr;
    QAction* exportPhotosAction_ = nullptr;
    QAction* excludeAction_ = nullptr;
    QAction* includeAction_ = nullptr;
    QAction* renameClassAction_ = nullptr;
    QAction* mergeClassAction_ = nullptr;
    QAction* deleteClassAction_ = nullptr;
    QList<QAction*> projectActions_;  // need an open project
    QLabel* countsLabel_;
    QLabel* saveLabel_;
    OpenImagesDialog* openImagesDialog_ = nullptr;
    QString logFile_;
    bool quitWhenTrainingEnds_ = false;
};

}  // namespace tl
