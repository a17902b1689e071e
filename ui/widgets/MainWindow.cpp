// SPDX-License-Identifier: MIT
#include "widgets/MainWindow.h"

#include "support/Errors.h"

#include <QApplication>
#include <QCloseEvent>
#include <QCryptographicHash>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QListView>
#include <QMenuBar>
#include <QMessageBox>
#include <QSet>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QUndoStack>

#include <functional>
#include <memory>

#include "data/ImageFiles.h"
#include "export/ModelExportJob.h"
#include "jobs/JobManager.h"
#include "models/DatasetModel.h"
#include "models/ProjectImporter.h"
#include "models/ThumbnailCache.h"
#include "models/TrainingController.h"
#include "project/Project.h"
#include "widgets/AugmentationPage.h"
#include "widgets/DataPage.h"
#include "widgets/Icons.h"
#include "widgets/InspectionMenu.h"
#include "widgets/OpenImagesDialog.h"
#include "widgets/ResultsPage.h"
#include "widgets/TestPage.h"
#include "widgets/TrainPage.h"

namespace tl {

namespace {
constexpr int kMaxRecent = 8;
}

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      project_(new Project(this)),
      jobs_(new JobManager(this)),
      undoStack_(new QUndoStack(this)),
      thumbnails_(new ThumbnailCache(128, this)),
      datasetModel_(new DatasetModel(project_, thumbnails_, this)),
      importer_(new ProjectImporter(project_, undoStack_, this)),
      training_(new TrainingController(project_, jobs_, this)),
      tabs_(new QTabWidget(this)) {
    setWindowIcon(themedIcon("transferlab", QStyle::SP_ComputerIcon));
    dataPage_ = new DataPage(project_, datasetModel_, undoStack_, importer_, tabs_);
    augmentationPage_ = new AugmentationPage(project_, tabs_);
    trainPage_ = new TrainPage(project_, training_, jobs_, tabs_);
    resultsPage_ = new ResultsPage(project_, undoStack_, thumbnails_, tabs_);
    testPage_ = new TestPage(training_, jobs_, thumbnails_, tabs_);
    tabs_->addTab(dataPage_, themedIcon("data", QStyle::SP_DirIcon), tr("&Data"));
    tabs_->addTab(augmentationPage_, themedIcon("augment", QStyle::SP_BrowserReload),
                  tr("&Augmentation"));
    tabs_->addTab(trainPage_, themedIcon("train", QStyle::SP_MediaPlay), tr("&Train"));
    tabs_->addTab(resultsPage_, themedIcon("results", QStyle::SP_FileDialogDetailedView),
                  tr("&Results"));
    tabs_->addTab(testPage_, themedIcon("test", QStyle::SP_DialogApplyButton), tr("T&est"));
    tabs_->setDocumentMode(true);
    setCentralWidget(tabs_);

    countsLabel_ = new QLabel(this);
    saveLabel_ = new QLabel(this);
    statusBar()->addWidget(countsLabel_, 1);
    statusBar()->addPermanentWidget(saveLabel_);
    buildMenus();

    connect(dataPage_, &DataPage::currentImageChanged, augmentationPage_,
            &AugmentationPage::setImage);
    connect(resultsPage_, &ResultsPage::retrainRequested, this, [this] {
        tabs_->setCurrentWidget(trainPage_);
        trainPage_->startTraining();
    });
    connect(resultsPage_, &ResultsPage::showInDataPage, this, [this](const QString& path) {
        tabs_->setCurrentWidget(dataPage_);
        dataPage_->selectPath(path);
    });
    connect(training_, &TrainingController::started, this, [this] {
        trainAction_->setEnabled(false);
        stopAction_->setEnabled(true);
        statusBar()->showMessage(tr("Training…"));
    });
    connect(training_, &TrainingController::finished, this, &MainWindow::onTrainingFinished);
    connect(importer_, &ProjectImporter::started, this,
            [this](const QString& text) { statusBar()->showMessage(text); });
    connect(importer_, &ProjectImporter::imported, this, [this](int added, int skipped) {
        statusBar()->showMessage(
            tr("Added %n photo(s)", nullptr, added) +
                (skipped > 0
                     ? tr(", %n file(s) skipped (listed on the Data page)", nullptr, skipped)
                     : QString()),
            8000);
    });
    connect(project_, &Project::imagesAdded, this, &MainWindow::updateStatus);
    connect(project_, &Project::imageChanged, this, &MainWindow::updateStatus);
    connect(project_, &Project::reset, this, &MainWindow::updateStatus);
    connect(project_, &Project::classesChanged, this, &MainWindow::updateStatus);
    connect(project_, &Project::saved, this, [this](const QString& file) {
        saveLabel_->setText(tr("Saved to %1").arg(QFileInfo(file).fileName()));
        saveLabel_->setToolTip(file);
    });
    connect(project_, &Project::saveFailed, this, [this](const QString& error) {
        saveLabel_->setText(tr("<span style='color:#b00'>Not saved</span>"));
        saveLabel_->setToolTip(error);
        statusBar()->showMessage(error, 10000);
    });
    connect(undoStack_, &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);

    QSettings settings;
    resize(1400, 900);
    restoreGeometry(settings.value("window/geometry").toByteArray());
    restoreState(settings.value("window/state").toByteArray());
    tabs_->setCurrentIndex(settings.value("window/page", 0).toInt());
    updateRecentMenu();
    updateTitle();
    updateStatus();
}

MainWindow::~MainWindow() {
    // Cancels and joins every job before the pages and controllers they report to go.
    delete jobs_;
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(themedIcon("new", QStyle::SP_FileIcon), tr("&New Project"), QKeySequence::New,
                    this, &MainWindow::newProject);
    file->addAction(themedIcon("open", QStyle::SP_DialogOpenButton), tr("&Open Project…"),
                    QKeySequence::Open, this, &MainWindow::openProjectDialog);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    file->addAction(themedIcon("folder", QStyle::SP_DirOpenIcon), tr("&Import Folder…"),
                    QKeySequence(tr("Ctrl+I")), this, &MainWindow::importFolderDialog)
        ->setToolTip(tr("A folder of class sub-folders adds classes; other folders add "
                        "unlabeled photos"));
    file->addAction(tr("Import &Photos…"), this, &MainWindow::importPhotosDialog);
    file->addAction(themedIcon("download", QStyle::SP_ArrowDown), tr("Download from Open &Images…"),
                    this, &MainWindow::showOpenImagesDialog)
        ->setToolTip(tr("Download labelled photos of chosen classes from Google Open Images "
                        "into the project"));
    file->addSeparator();
    file->addAction(themedIcon("save", QStyle::SP_DialogSaveButton), tr("&Save"),
                    QKeySequence::Save, this, [this] {
                        if (project_->filePath().isEmpty()) {
                            saveProjectAs();
                        } else if (QString error; !project_->save(&error)) {
                            showError(tr("Save"), error);
                        } else {
                            undoStack_->setClean();
                        }
                    });
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::saveProjectAs);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = undoStack_->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = undoStack_->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(tr("&Add Class…"), QKeySequence(tr("Ctrl+Shift+N")), dataPage_,
                    &DataPage::addClass);
    edit->addAction(tr("Re&name Class…"), dataPage_, &DataPage::renameClass);
    edit->addAction(tr("&Merge Class…"), dataPage_, &DataPage::mergeClass);
    edit->addAction(tr("&Delete Class"), dataPage_, &DataPage::deleteClass);
    edit->addSeparator();
    edit->addAction(tr("E&xclude Selected Photos"), dataPage_,
                    [this] { dataPage_->excludeSelected(true); });
    edit->addAction(tr("I&nclude Selected Photos"), dataPage_,
                    [this] { dataPage_->excludeSelected(false); });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < tabs_->count(); ++i) {
        view->addAction(tabs_->tabText(i).remove('&'), QKeySequence(Qt::CTRL | (Qt::Key_1 + i)),
                        this, [this, i] { tabs_->setCurrentIndex(i); });
    }
    view->addSeparator();
    view->addAction(tr("Show &Misclassified Photos"), this, [this] {
        tabs_->setCurrentWidget(dataPage_);
        dataPage_->showMisclassified();
    });

    QMenu* train = menuBar()->addMenu(tr("T&rain"));
    trainAction_ = train->addAction(themedIcon("train", QStyle::SP_MediaPlay), tr("&Train"),
                                    QKeySequence(tr("Ctrl+T")), this, [this] {
                                        tabs_->setCurrentWidget(trainPage_);
                                        trainPage_->startTraining();
                                    });
    stopAction_ =
        train->addAction(themedIcon("stop", QStyle::SP_MediaStop), tr("&Stop"),
                         QKeySequence(tr("Ctrl+.")), training_, &TrainingController::stop);
    stopAction_->setEnabled(false);

    train->addSeparator();
    train->addAction(tr("&Export Model…"), QKeySequence(tr("Ctrl+E")), this,
                     &MainWindow::exportModelDialog);

    menuBar()->addMenu(new InspectionMenu(this));  // issue 13: the inspection's one hook

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About TransferLab"), this, &MainWindow::showAbout);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

QString MainWindow::autosavePathFor(const QString& datasetFolder) const {
    // Dataset folders may be read-only: edits to them autosave in the app's data folder,
    // keyed by the folder, so reopening the folder restores them.
    const QByteArray key =
        QCryptographicHash::hash(QDir::cleanPath(datasetFolder).toUtf8(), QCryptographicHash::Sha1)
            .toHex()
            .left(16);
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/autosave/" +
           QFileInfo(datasetFolder).fileName() + "-" + key + ".json";
}

bool MainWindow::openPath(const QString& path) {
    const QFileInfo info(path);
    QString projectFile;
    if (info.isFile()) {
        projectFile = info.absoluteFilePath();
    } else if (info.isDir() && QFileInfo::exists(QDir(path).filePath(Project::kFileName))) {
        projectFile = QDir(path).filePath(Project::kFileName);
    } else if (info.isDir()) {
        const QString autosave = autosavePathFor(info.absoluteFilePath());
        undoStack_->clear();
        if (QFileInfo::exists(autosave)) {
            return openPath(autosave);
        }
        project_->clear();
        project_->saveAs(autosave);
        importer_->importPaths({info.absoluteFilePath()}, -1);
        addRecent(info.absoluteFilePath());
        updateTitle();
        return true;
    } else {
        showError(tr("Open"), tr("%1 does not exist.").arg(path));
        return false;
    }
    try {
        undoStack_->clear();
        project_->load(projectFile);
    } catch (const std::exception& e) {
        showError(tr("Open Project"), QString::fromStdString(oneLineMessage(e)));
        return false;
    }
    addRecent(projectFile);
    updateTitle();
    return true;
}

void MainWindow::newProject() {
    undoStack_->clear();
    project_->clear();
    updateTitle();
}

void MainWindow::openProjectDialog() {
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Open Project"), {}, tr("TransferLab projects (*.json);;All files (*)"));
    if (!file.isEmpty()) {
        openPath(file);
    }
}

void MainWindow::importFolderDialog() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Import Folder"));
    if (!dir.isEmpty()) {
        if (project_->filePath().isEmpty() && project_->imageCount() == 0) {
            openPath(dir);
        } else {
            importer_->importPaths({dir}, -1);
        }
    }
}

void MainWindow::importPhotosDialog() {
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import Photos"), {}, tr("Images (%1)").arg(ImageFiles::dialogPattern()));
    importer_->importPaths(files, -1);
}

bool MainWindow::saveProjectAs() {
    const QString file = QFileDialog::getSaveFileName(this, tr("Save Project As"),
                                                      QDir::home().filePath(Project::kFileName),
                                                      tr("TransferLab projects (*.json)"));
    if (file.isEmpty()) {
        return false;
    }
    QString error;
    if (!project_->saveAs(file, &error)) {
        showError(tr("Save Project"), error);
        return false;
    }
    undoStack_->setClean();
    addRecent(file);
    updateTitle();
    return true;
}

void MainWindow::addRecent(const QString& path) {
    QSettings settings;
    QStringList recent = settings.value("recentProjects").toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent) {
        recent.removeLast();
    }
    settings.setValue("recentProjects", recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
    recentMenu_->clear();
    const QStringList recent = QSettings().value("recentProjects").toStringList();
    for (const QString& path : recent) {
        recentMenu_->addAction(QDir::toNativeSeparators(path), this,
                               [this, path] { openPath(path); });
    }
    recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::updateTitle() {
    const QString file = project_->filePath();
    setWindowTitle(file.isEmpty() ? tr("Untitled — TransferLab")
                                  : tr("%1 — TransferLab").arg(QDir::toNativeSeparators(file)));
}

void MainWindow::updateStatus() {
    const QVector<int> counts = project_->countPerClass();
    int labelled = 0;
    for (int n : counts) {
        labelled += n;
    }
    countsLabel_->setText(
        tr("%n photo(s)", nullptr, project_->imageCount()) + " · " +
        tr("%n class(es)", nullptr, project_->classCount()) + " · " +
        tr("%1 labelled, %2 unlabeled").arg(labelled).arg(project_->unlabeledCount()));
}

void MainWindow::showAbout() {
    QMessageBox::about(
        this, tr("About TransferLab"),
        tr("<h3>TransferLab %1</h3><p>Label photos, train an image classifier by transfer "
           "learning on a pretrained backbone, inspect its mistakes and test it on new "
           "photos.</p><p>Built with Qt %2, LibTorch, OpenCV and QCustomPlot.</p>")
            .arg(QApplication::applicationVersion(), qVersion()));
}

void MainWindow::showError(const QString& title, const QString& message) {
    statusBar()->showMessage(message, 10000);
    if (!qEnvironmentVariableIsSet("TRANSFERLAB_NO_DIALOGS")) {
        QMessageBox::warning(this, title, message);
    }
}

OpenImagesDialog* MainWindow::showOpenImagesDialog() {
    if (!openImagesDialog_) {
        openImagesDialog_ = new OpenImagesDialog(project_, importer_, jobs_, this);
    }
    openImagesDialog_->show();
    openImagesDialog_->raise();
    openImagesDialog_->activateWindow();
    return openImagesDialog_;
}

void MainWindow::setBackboneChoices(const QStringList& choices) {
    trainPage_->setBackboneChoices(choices);
}

void MainWindow::onTrainingFinished(bool ok, const QString& error) {
    trainAction_->setEnabled(true);
    stopAction_->setEnabled(false);
    if (!ok) {
        statusBar()->showMessage(tr("Training stopped: %1").arg(error), 10000);
        return;
    }
    const EvaluationReport& report = training_->report();
    resultsPage_->setReport(report);
    QSet<QString> wrong;
    for (const ImagePrediction& p : report.misclassified()) {
        wrong.insert(QDir::cleanPath(QString::fromStdString(p.path)));
    }
    datasetModel_->setMisclassified(wrong);
    statusBar()->showMessage(
        tr("Training done: validation accuracy %1%").arg(report.accuracy * 100, 0, 'f', 1), 10000);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (training_->isRunning()) {
        training_->stop();
    }
    if (!project_->filePath().isEmpty()) {
        project_->save();
    }
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    settings.setValue("window/page", tabs_->currentIndex());
    event->accept();
}

void MainWindow::runScreenshotTour(const QString& folder) {
    QDir().mkpath(folder);
    // Steps run on a timer; each returns true when done, so waiting for the work the
    // previous one started (import, rendering, training, thumbnails) never blocks the UI.
    using Step = std::function<bool()>;
    auto shoot = [this, folder](QWidget* page, const QString& name) {
        return [this, folder, page, name, ticks = 0]() mutable {
            tabs_->setCurrentWidget(page);
            if (++ticks < 6) {  // lets thumbnails requested by the first paint arrive
                return false;
            }
            QWidget::grab().save(QDir(folder).filePath(name + ".png"));
            return true;
        };
    };
    auto steps = std::make_shared<std::vector<Step>>();
    steps->push_back([this] {
        if (importer_->isBusy() || project_->imageCount() == 0) {
            return false;
        }
        dataPage_->grid()->setCurrentIndex(dataPage_->grid()->model()->index(0, 0));
        return true;
    });
    steps->push_back(shoot(dataPage_, "1-data"));
    steps->push_back([this] {
        tabs_->setCurrentWidget(augmentationPage_);
        return augmentationPage_->isIdle();
    });
    steps->push_back(shoot(augmentationPage_, "2-augmentation"));
    steps->push_back([this] {
        tabs_->setCurrentWidget(trainPage_);
        trainPage_->startTraining();
        return true;
    });
    steps->push_back([this, folder, ticks = 0]() mutable {
        if (++ticks == 15) {
            QWidget::grab().save(QDir(folder).filePath("3-train-running.png"));
        }
        return !training_->isRunning();
    });
    steps->push_back(shoot(trainPage_, "3-train"));
    steps->push_back(shoot(resultsPage_, "4-results"));
    steps->push_back([this] {
        QStringList sample;
        const int stride = qMax(1, project_->imageCount() / 12);
        for (int i = 0; i < project_->imageCount(); i += stride) {
            sample.push_back(project_->image(i).path);
        }
        tabs_->setCurrentWidget(testPage_);
        testPage_->classify(sample);
        return true;
    });
    steps->push_back([this] { return !testPage_->isBusy(); });
    steps->push_back(shoot(testPage_, "5-test"));
    steps->push_back([this] {
        dataPage_->showMisclassified();
        return true;
    });
    steps->push_back(shoot(dataPage_, "6-data-misclassified"));
    auto* timer = new QTimer(this);
    timer->setInterval(250);
    auto index = std::make_shared<std::size_t>(0);
    connect(timer, &QTimer::timeout, this, [this, timer, steps, index] {
        if (*index < steps->size() && (*steps)[*index]()) {
            ++*index;
        }
        if (*index == steps->size()) {
            timer->stop();
            close();
            QApplication::quit();
        }
    });
    timer->start();
}

}  // namespace tl

namespace tl {

// Exports the latest saved model of this project to TorchScript (.pt) or ONNX (.onnx),
// loading and writing it in a worker thread.
void MainWindow::exportModelDialog() {
    QString modelFolder = training_->modelFolder();
    for (auto run = project_->runs().crbegin();
         modelFolder.isEmpty() && run != project_->runs().crend(); ++run) {
        modelFolder = run->modelFolder;
    }
    if (modelFolder.isEmpty() || !QFileInfo::exists(modelFolder + "/model.json")) {
        showError(tr("Export Model"), tr("There is no saved model yet: train one first."));
        return;
    }
    if (exportJob_) {
        return;
    }
    const QString torchScriptFilter = tr("TorchScript (*.pt)");
    QString filter = torchScriptFilter;
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Model"), QDir::home().filePath("model.pt"),
                                     torchScriptFilter + ";;" + tr("ONNX (*.onnx)"), &filter);
    if (path.isEmpty()) {
        return;
    }
    const ExportFormat format =
        path.endsWith(".onnx", Qt::CaseInsensitive) || filter != torchScriptFilter
            ? ExportFormat::Onnx
            : ExportFormat::TorchScript;
    auto job = std::make_unique<ModelExportJob>(modelFolder, format, path);
    ModelExportJob* raw = job.get();
    connect(raw, &Job::finished, this, [this, raw](bool ok, const QString& error) {
        if (ok) {
            statusBar()->showMessage(
                tr("Exported the model to %1")
                    .arg(QString::fromStdU16String(raw->result().model.u16string())),
                10000);
        } else if (!raw->wasCanceled()) {
            showError(tr("Export Model"), error);
        }
    });
    exportJob_ = raw;
    statusBar()->showMessage(tr("Exporting the model…"));
    jobs_->submit(std::move(job));
}

}  // namespace tl
