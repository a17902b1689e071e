// SPDX-License-Identifier: MIT
#include "widgets/MainWindow.h"

#include <QApplication>
#include <QCheckBox>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QUndoStack>

#include <algorithm>

#include "backbones/BackboneCatalog.h"
#include "backbones/BackboneStore.h"
#include "data/ImageFiles.h"
#include "export/ModelExportJob.h"
#include "jobs/JobManager.h"
#include "models/DatasetModel.h"
#include "models/ImageLimitsSettings.h"
#include "models/Preferences.h"
#include "models/ProjectImporter.h"
#include "models/ThumbnailCache.h"
#include "models/TrainingController.h"
#include "models/UserMessages.h"
#include "project/Project.h"
#include "project/ProjectLibrary.h"
#include "support/Errors.h"
#include "widgets/AugmentationPage.h"
#include "widgets/DataPage.h"
#include "widgets/Icons.h"
#include "widgets/ImageLimitsDialog.h"
#include "widgets/InspectionMenu.h"
#include "widgets/LabelledPhotoExportDialog.h"
#include "widgets/LanguageMenu.h"
#include "widgets/OpenImagesDialog.h"
#include "widgets/ResultsPage.h"
#include "widgets/StartPage.h"
#include "widgets/TestPage.h"
#include "widgets/TrainPage.h"

namespace tl {

namespace {

bool dialogsAllowed() {
    return !qEnvironmentVariableIsSet("TRANSFERLAB_NO_DIALOGS");
}

// The example: the published alpaca experiment's photos, as the demo command downloads them.
constexpr int kExamplePhotosPerClass = 150;

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      project_(new Project(this)),
      jobs_(new JobManager(this)),
      undoStack_(new QUndoStack(this)),
      thumbnails_(new ThumbnailCache(128, this)),
      datasetModel_(new DatasetModel(project_, thumbnails_, this)),
      importer_(new ProjectImporter(project_, undoStack_, this)),
      training_(new TrainingController(project_, jobs_, this)),
      stack_(new QStackedWidget(this)),
      tabs_(new QTabWidget(this)) {
    setWindowIcon(themedIcon("transferlab", QStyle::SP_ComputerIcon));
    startPage_ = new StartPage(thumbnails_, stack_);
    dataPage_ = new DataPage(project_, datasetModel_, undoStack_, importer_, tabs_);
    augmentationPage_ = new AugmentationPage(project_, tabs_);
    trainPage_ = new TrainPage(project_, training_, jobs_, tabs_);
    resultsPage_ = new ResultsPage(project_, undoStack_, thumbnails_, tabs_);
    testPage_ = new TestPage(training_, jobs_, thumbnails_, project_, undoStack_, tabs_);
    tabs_->addTab(dataPage_, themedIcon("data", QStyle::SP_DirIcon), tr("&Data"));
    tabs_->addTab(augmentationPage_, themedIcon("augment", QStyle::SP_BrowserReload),
                  tr("&Augmentation"));
    tabs_->addTab(trainPage_, themedIcon("train", QStyle::SP_MediaPlay), tr("&Train"));
    tabs_->addTab(resultsPage_, themedIcon("results", QStyle::SP_FileDialogDetailedView),
                  tr("&Results"));
    tabs_->addTab(testPage_, themedIcon("test", QStyle::SP_DialogApplyButton), tr("T&est"));
    tabs_->setDocumentMode(true);
    stack_->addWidget(startPage_);
    stack_->addWidget(tabs_);
    setCentralWidget(stack_);
    startPage_->setProjectsFolder(ProjectLibrary::defaultFolder());
    startPage_->setExampleSource(Preferences().examplePhotosFolder());

    countsLabel_ = new QLabel(this);
    saveLabel_ = new QLabel(this);
    statusBar()->addWidget(countsLabel_, 1);
    statusBar()->addPermanentWidget(saveLabel_);
    // A message hides the counts while it shows. QStatusBar hides only widgets visible at that
    // moment, so a message shown before the window (on opening a project) was drawn over them.
    connect(statusBar(), &QStatusBar::messageChanged, countsLabel_,
            [this](const QString& message) { countsLabel_->setVisible(message.isEmpty()); });
    buildMenus();

    connect(startPage_, &StartPage::newProjectRequested, this, &MainWindow::newProjectDialog);
    connect(startPage_, &StartPage::openProjectRequested, this, &MainWindow::openProjectDialog);
    connect(startPage_, &StartPage::openFolderRequested, this, &MainWindow::openFolderDialog);
    connect(startPage_, &StartPage::exampleRequested, this, &MainWindow::tryExample);
    connect(startPage_, &StartPage::recentProjectChosen, this, &MainWindow::openPath);
    connect(startPage_, &StartPage::folderDropped, this, &MainWindow::openPath);
    connect(startPage_, &StartPage::removeRecentRequested, this, [this](const QString& file) {
        Preferences().removeRecentProject(file);
        updateRecentMenu();
    });
    connect(dataPage_, &DataPage::currentImageChanged, augmentationPage_,
            &AugmentationPage::setImage);
    connect(dataPage_, &DataPage::message, this,
            [this](const QString& text) { statusBar()->showMessage(text, 8000); });
    connect(dataPage_, &DataPage::selectionChanged, this, &MainWindow::updateActions);
    connect(resultsPage_, &ResultsPage::retrainRequested, this, [this] {
        tabs_->setCurrentWidget(trainPage_);
        trainPage_->startTraining();
    });
    auto showOnDataPage = [this](const QString& path) {
        tabs_->setCurrentWidget(dataPage_);
        dataPage_->selectPath(path);
    };
    connect(resultsPage_, &ResultsPage::showInDataPage, this, showOnDataPage);
    connect(testPage_, &TestPage::showInDataPage, this, showOnDataPage);
    connect(training_, &TrainingController::started, this, [this] {
        statusBar()->showMessage(tr("Training…"));
        updateActions();
    });
    connect(training_, &TrainingController::finished, this, &MainWindow::onTrainingFinished);
    connect(training_, &TrainingController::resultsChanged, this, &MainWindow::onResultsChanged);
    connect(training_, &TrainingController::modelChanged, this, &MainWindow::updateActions);
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
    connect(project_, &Project::imagesAdded, this, &MainWindow::updateActions);
    connect(project_, &Project::imageChanged, this, &MainWindow::updateStatus);
    connect(project_, &Project::imageChanged, this, &MainWindow::updateActions);
    connect(project_, &Project::reset, this, &MainWindow::updateStatus);
    connect(project_, &Project::reset, this, &MainWindow::updateActions);
    connect(project_, &Project::classesChanged, this, &MainWindow::updateStatus);
    connect(project_, &Project::classesChanged, this, &MainWindow::updateActions);
    connect(project_, &Project::saved, this, [this](const QString& file) {
        saveLabel_->setText(tr("Saved"));
        saveLabel_->setToolTip(QDir::toNativeSeparators(file));
    });
    connect(project_, &Project::saveFailed, this, [this](const QString& error) {
        saveLabel_->setText(tr("<span style='color:#c62828'>Not saved</span>"));
        saveLabel_->setToolTip(error);
        statusBar()->showMessage(error, 10000);
    });

    ImageLimitsSettings::apply();
    // 1000x650 fits a 1024x768 laptop screen with its panels.
    setMinimumSize(1000, 650);
    resize(1280, 800);
    Preferences preferences;
    restoreGeometry(preferences.settings().value("window/geometry").toByteArray());
    restoreState(preferences.settings().value("window/state").toByteArray());
    tabs_->setCurrentIndex(preferences.settings().value("window/page", 0).toInt());
    showProjectPages(false);
    updateRecentMenu();
    updateTitle();
    updateStatus();
    updateActions();
}

MainWindow::~MainWindow() {
    // Cancels and joins every job before the pages and controllers they report to go.
    delete jobs_;
    // The project, a child, is deleted by ~QWidget after this destructor, and saves as it goes:
    // its signals must not reach this window's slots any more (UBSan: member access within a
    // destroyed MainWindow).
    project_->disconnect(this);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(themedIcon("new", QStyle::SP_FileIcon), tr("&New Project…"), QKeySequence::New,
                    this, &MainWindow::newProjectDialog);
    file->addAction(themedIcon("open", QStyle::SP_DialogOpenButton), tr("&Open Project…"),
                    QKeySequence::Open, this, &MainWindow::openProjectDialog);
    file->addAction(tr("Open a &Folder of Photos…"), this, &MainWindow::openFolderDialog)
        ->setToolTip(tr("A folder of class sub-folders becomes a project"));
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    QAction* close =
        file->addAction(tr("&Close Project"), QKeySequence::Close, this, &MainWindow::closeProject);
    file->addSeparator();
    QAction* importFolder =
        file->addAction(themedIcon("folder", QStyle::SP_DirOpenIcon), tr("&Import Folder…"),
                        QKeySequence(tr("Ctrl+I")), this, &MainWindow::importFolderDialog);
    importFolder->setToolTip(
        tr("A folder of class sub-folders adds classes; other folders add "
           "unlabeled photos"));
    QAction* importPhotos =
        file->addAction(tr("Import &Photos…"), this, &MainWindow::importPhotosDialog);
    QAction* download =
        file->addAction(themedIcon("download", QStyle::SP_ArrowDown),
                        tr("Download from Open &Images…"), this, &MainWindow::showOpenImagesDialog);
    download->setToolTip(
        tr("Download labelled photos of chosen classes from Google Open Images "
           "into the project"));
    file->addSeparator();
    exportPhotosAction_ =
        file->addAction(tr("E&xport Labelled Photos…"), this, &MainWindow::exportPhotosDialog);
    exportPhotosAction_->setToolTip(
        tr("Your labels, with your corrections, as class folders or a CSV for other tools"));
    QAction* save = file->addAction(themedIcon("save", QStyle::SP_DialogSaveButton), tr("&Save"),
                                    QKeySequence::Save, this, [this] {
                                        if (QString error; !project_->flush(&error)) {
                                            showError(tr("Save"), error);
                                        } else {
                                            undoStack_->setClean();
                                        }
                                    });
    save->setToolTip(tr("Projects are saved after every change; this saves now"));
    QAction* saveAs =
        file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::saveProjectAs);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close)
        ->setMenuRole(QAction::QuitRole);
    projectActions_ = {close, importFolder, importPhotos, download, save, saveAs};

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = undoStack_->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = undoStack_->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    QAction* addClass = edit->addAction(tr("&Add Class…"), QKeySequence(tr("Ctrl+Shift+N")),
                                        dataPage_, &DataPage::addClass);
    renameClassAction_ = edit->addAction(tr("Re&name Class…"), dataPage_, &DataPage::renameClass);
    mergeClassAction_ = edit->addAction(tr("&Merge Class…"), dataPage_, &DataPage::mergeClass);
    deleteClassAction_ = edit->addAction(tr("&Delete Class…"), dataPage_, &DataPage::deleteClass);
    edit->addSeparator();
    excludeAction_ = edit->addAction(tr("E&xclude Selected Photos"), dataPage_,
                                     [this] { dataPage_->excludeSelected(true); });
    includeAction_ = edit->addAction(tr("I&nclude Selected Photos"), dataPage_,
                                     [this] { dataPage_->excludeSelected(false); });
    projectActions_ << addClass;
    edit->addSeparator();
    edit->addAction(tr("Image &Limits…"), this, [this] { ImageLimitsDialog(this).exec(); });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < tabs_->count(); ++i) {
        projectActions_ << view->addAction(tabs_->tabText(i).remove('&'),
                                           QKeySequence(Qt::CTRL | (Qt::Key_1 + i)), this,
                                           [this, i] { tabs_->setCurrentIndex(i); });
    }
    view->addSeparator();
    projectActions_ << view->addAction(tr("Show &Misclassified Photos"), this, [this] {
        tabs_->setCurrentWidget(dataPage_);
        dataPage_->showMisclassified();
    });
    view->addSeparator();
    view->addMenu(new LanguageMenu(this));
    QAction* reopen = view->addAction(tr("Reopen the Last Project on Launch"));
    reopen->setCheckable(true);
    reopen->setChecked(Preferences().reopenLastProject());
    connect(reopen, &QAction::toggled, this,
            [](bool on) { Preferences().setReopenLastProject(on); });
    // The start page has the same setting as a check box: they show the same state.
    connect(reopen, &QAction::toggled, startPage_->reopenCheck(), &QCheckBox::setChecked);
    connect(startPage_->reopenCheck(), &QCheckBox::toggled, reopen, &QAction::setChecked);

    QMenu* train = menuBar()->addMenu(tr("T&rain"));
    trainAction_ = train->addAction(themedIcon("train", QStyle::SP_MediaPlay), tr("&Train"),
                                    QKeySequence(tr("Ctrl+T")), this, [this] {
                                        tabs_->setCurrentWidget(trainPage_);
                                        trainPage_->startTraining();
                                    });
    stopAction_ =
        train->addAction(themedIcon("stop", QStyle::SP_MediaStop), tr("&Stop"),
                         QKeySequence(tr("Ctrl+.")), training_, &TrainingController::stop);
    train->addSeparator();
    exportModelAction_ = train->addAction(tr("&Export Model…"), QKeySequence(tr("Ctrl+E")), this,
                                          &MainWindow::exportModelDialog);

    auto* inspect = new InspectionMenu(this);  // issue 13: the inspection's one hook
    menuBar()->addMenu(inspect);
    connect(dataPage_, &DataPage::explainRequested, inspect, &InspectionMenu::explain);
    connect(resultsPage_, &ResultsPage::explainRequested, inspect, &InspectionMenu::explain);
    connect(testPage_, &TestPage::explainRequested, inspect, &InspectionMenu::explain);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About TransferLab"), this, &MainWindow::showAbout)
        ->setMenuRole(QAction::AboutRole);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)
        ->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::startUp() {
    Preferences preferences;
    const QStringList recent = preferences.recentProjects();
    if (preferences.reopenLastProject() && !recent.isEmpty() &&
        QFileInfo(recent.first()).isFile() && loadProjectFile(recent.first())) {
        return;
    }
    closeProject();
}

bool MainWindow::isShowingStartPage() const {
    return stack_->currentWidget() == startPage_;
}

void MainWindow::showProjectPages(bool show) {
    stack_->setCurrentWidget(show ? static_cast<QWidget*>(tabs_) : startPage_);
    if (!show) {
        startPage_->setRecentProjects(Preferences().recentProjects());
    }
    updateTitle();
    updateStatus();
    updateActions();
}

void MainWindow::closeProject() {
    if (training_->isRunning()) {
        statusBar()->showMessage(tr("Stop the training first."), 6000);
        return;
    }
    if (!project_->filePath().isEmpty()) {
        project_->flush();
    }
    undoStack_->clear();
    project_->clear();
    training_->restoreCurrentRun();
    showProjectPages(false);
}

bool MainWindow::openPath(const QString& path) {
    const QFileInfo info(path);
    if (info.isFile()) {
        return loadProjectFile(info.absoluteFilePath());
    }
    if (info.isDir() && QFileInfo::exists(QDir(path).filePath(Project::kFileName))) {
        return loadProjectFile(QDir(path).filePath(Project::kFileName));
    }
    if (info.isDir()) {
        return openDatasetFolder(info.absoluteFilePath());
    }
    showError(tr("Open"), tr("%1 does not exist.").arg(QDir::toNativeSeparators(path)));
    Preferences().removeRecentProject(path);
    updateRecentMenu();
    return false;
}

bool MainWindow::loadProjectFile(const QString& file) {
    if (training_->isRunning()) {
        statusBar()->showMessage(tr("Stop the training first."), 6000);
        return false;
    }
    try {
        if (!project_->filePath().isEmpty()) {
            project_->flush();
        }
        undoStack_->clear();
        project_->load(file);
    } catch (const std::exception& e) {
        showError(tr("Open Project"),
                  UserMessages::describe(kindOf(e), QString::fromStdString(oneLineMessage(e))));
        return false;
    }
    afterProjectOpened(project_->filePath());
    return true;
}

bool MainWindow::openDatasetFolder(const QString& folder) {
    const ProjectLibrary library;
    // The same folder opened again reopens its project: each project once.
    const QString existing = library.projectForDataset(folder);
    if (!existing.isEmpty()) {
        return loadProjectFile(existing);
    }
    if (newProject(QFileInfo(folder).fileName()).isEmpty()) {
        return false;
    }
    importer_->importPaths({folder}, -1);
    return true;
}

QString MainWindow::newProject(const QString& name) {
    if (training_->isRunning()) {
        statusBar()->showMessage(tr("Stop the training first."), 6000);
        return {};
    }
    const ProjectLibrary library;
    const QString folder = library.newProjectFolder(name);
    if (!project_->filePath().isEmpty()) {
        project_->flush();
    }
    undoStack_->clear();
    project_->clear();
    applyNewProjectDefaults();
    QString error;
    if (!QDir().mkpath(folder) || !project_->saveAs(ProjectLibrary::projectFile(folder), &error)) {
        showError(
            tr("New Project"),
            error.isEmpty() ? tr("Cannot create %1").arg(QDir::toNativeSeparators(folder)) : error);
        return {};
    }
    afterProjectOpened(project_->filePath());
    tabs_->setCurrentWidget(dataPage_);
    return project_->filePath();
}

void MainWindow::applyNewProjectDefaults() {
    TrainingSettings settings = project_->settings();
    const BackboneStore store;
    QString backbone = Preferences().defaultBackbone();
    if (backbone.isEmpty() || (!store.isKnown(backbone) && !QFileInfo::exists(backbone))) {
        backbone = store.catalog().defaultEntry().name;
    }
    settings.backbone = backbone.toStdString();
    if (const BackboneCatalogEntry* entry = store.catalog().find(backbone)) {
        settings.inputSize = entry->spec.inputSize;
    } else if (const auto stored = store.stored(backbone); stored && stored->spec.inputSize > 0) {
        settings.inputSize = stored->spec.inputSize;
    }
    project_->setSettings(settings);
}

void MainWindow::afterProjectOpened(const QString& file) {
    training_->restoreCurrentRun();
    dataPage_->checkMissingPhotos();
    addRecent(file);
    showProjectPages(true);
    statusBar()->showMessage(tr("Opened %1").arg(project_->name()), 5000);
}

void MainWindow::newProjectDialog() {
    bool ok = false;
    const QString name =
        QInputDialog::getText(this, tr("New Project"),
                              tr("Name of the project (a folder in %1):")
                                  .arg(QDir::toNativeSeparators(ProjectLibrary::defaultFolder())),
                              QLineEdit::Normal, tr("My project"), &ok)
            .trimmed();
    if (ok && !name.isEmpty()) {
        newProject(name);
    }
}

void MainWindow::openProjectDialog() {
    const QString library = ProjectLibrary::defaultFolder();
    QDir().mkpath(library);
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Open Project"), library,
        tr("TransferLab projects (%1);;All files (*)").arg(Project::kFileName));
    if (!file.isEmpty()) {
        openPath(file);
    }
}

void MainWindow::openFolderDialog() {
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Open a Folder of Photos (one sub-folder per "
                                                   "class)"));
    if (!dir.isEmpty()) {
        openPath(dir);
    }
}

void MainWindow::importFolderDialog() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Import Folder"));
    if (!dir.isEmpty()) {
        importer_->importPaths({dir}, -1);
    }
}

void MainWindow::importPhotosDialog() {
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import Photos"), {}, tr("Images (%1)").arg(ImageFiles::dialogPattern()));
    importer_->importPaths(files, -1);
}

bool MainWindow::saveProjectAs() {
    //: The folder suggested for a copy of the project; %1 is the project's name.
    const QString copyFolder = tr("%1 copy").arg(project_->name());
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Save Project As"),
        QDir(ProjectLibrary::defaultFolder()).filePath(copyFolder + '/' + Project::kFileName),
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
    Preferences().addRecentProject(path);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
    recentMenu_->clear();
    const QStringList recent = Preferences().recentProjects();
    for (const QString& path : recent) {
        QAction* action = recentMenu_->addAction(ProjectLibrary::displayName(path), this,
                                                 [this, path] { openPath(path); });
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
    }
    recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindow::updateTitle() {
    setWindowTitle(isShowingStartPage() || project_->filePath().isEmpty()
                       ? tr("TransferLab")
                       : tr("%1 — TransferLab").arg(project_->name()));
}

void MainWindow::updateStatus() {
    const QVector<int> counts = project_->countPerClass();
    int labelled = 0;
    for (int n : counts) {
        labelled += n;
    }
    saveLabel_->setVisible(!isShowingStartPage());
    countsLabel_->setText(
        isShowingStartPage()
            ? QString()
            : tr("%n photo(s)", nullptr, project_->imageCount()) + " · " +
                  tr("%n class(es)", nullptr, project_->classCount()) + " · " +
                  tr("%1 labelled, %2 unlabeled").arg(labelled).arg(project_->unlabeledCount()));
}

void MainWindow::updateActions() {
    const bool open = !isShowingStartPage() && !project_->filePath().isEmpty();
    const bool running = training_->isRunning();
    for (QAction* action : projectActions_) {
        action->setEnabled(open);
    }
    trainAction_->setEnabled(open && !running && training_->isReady());
    stopAction_->setEnabled(running);
    const QString folder = training_->modelFolder();
    exportModelAction_->setEnabled(open && !exportJob_ && !folder.isEmpty() &&
                                   QFileInfo::exists(folder + "/model.json"));
    const QVector<int> counts = project_->countPerClass();
    exportPhotosAction_->setEnabled(
        open && std::any_of(counts.begin(), counts.end(), [](int n) { return n > 0; }));
    const bool photos = open && !dataPage_->selectedPaths().isEmpty();
    excludeAction_->setEnabled(photos);
    includeAction_->setEnabled(photos);
    const bool classSelected = open && dataPage_->currentClassLabel() >= 0;
    renameClassAction_->setEnabled(classSelected);
    mergeClassAction_->setEnabled(classSelected && project_->classCount() > 1);
    deleteClassAction_->setEnabled(classSelected);
    resultsPage_->setRetrainEnabled(!running && training_->isReady());
}

void MainWindow::showAbout() {
    const QString log = logFile_.isEmpty() ? tr("not written") : QDir::toNativeSeparators(logFile_);
    QMessageBox about(this);
    about.setWindowTitle(tr("About TransferLab"));
    about.setIconPixmap(windowIcon().pixmap(64, 64));
    about.setTextFormat(Qt::RichText);
    about.setText(
        tr("<h3>TransferLab %1</h3><p>Label photos, train an image classifier by transfer "
           "learning on a pretrained backbone, inspect its mistakes and test it on new "
           "photos.</p><p>Built with Qt %2, LibTorch, OpenCV and QCustomPlot.</p>")
            .arg(QApplication::applicationVersion(), qVersion()));
    about.setInformativeText(
        tr("<p><b>Log file</b> (attach it to a bug report):<br>%1</p>"
           "<p><b>Projects:</b> %2<br><b>Backbones:</b> %3</p>")
            .arg(log.toHtmlEscaped(),
                 QDir::toNativeSeparators(ProjectLibrary::defaultFolder()).toHtmlEscaped(),
                 QDir::toNativeSeparators(BackboneStore::defaultDirectory()).toHtmlEscaped()));
    about.setObjectName("aboutBox");
    about.setTextInteractionFlags(Qt::TextSelectableByMouse);
    if (dialogsAllowed()) {
        about.exec();
    }
}

void MainWindow::showError(const QString& title, const QString& message) {
    statusBar()->showMessage(message, 10000);
    if (dialogsAllowed()) {
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

void MainWindow::tryExample() {
    const QString local = Preferences().examplePhotosFolder();
    const bool useLocal = !local.isEmpty() && QFileInfo(local).isDir();
    if (useLocal) {
        // Tried before: reopen that project, as for any photo folder opened twice.
        const QString existing = ProjectLibrary().projectForDataset(local);
        if (!existing.isEmpty()) {
            loadProjectFile(existing);
            return;
        }
    }
    if (newProject(tr("Alpaca example")).isEmpty()) {
        return;
    }
    if (useLocal) {
        importer_->importPaths({local}, -1);
        return;
    }
    // The photos are not shipped (size, CC BY attribution): the downloader fetches them and
    // writes attribution.csv beside them, in the project's folder.
    OpenImagesDialog* dialog = showOpenImagesDialog();
    // Open Images class names, which the downloader looks up in English: not translated.
    dialog->classesEdit()->setText(QStringLiteral("Alpaca"));                 // i18n-exempt
    dialog->negativesEdit()->setText(QStringLiteral("Goat, Bear, Giraffe"));  // i18n-exempt
    dialog->limitSpin()->setValue(kExamplePhotosPerClass);
    dialog->folderEdit()->clear();
    dialog->startDownload();
}

void MainWindow::setBackboneChoices(const QStringList& choices) {
    trainPage_->setBackboneChoices(choices);
}

void MainWindow::onResultsChanged() {
    if (training_->hasResults()) {
        const int run = training_->runIndex();
        resultsPage_->setResults(training_->results(), run >= 0 && run < project_->runs().size()
                                                           ? project_->runs()[run].name
                                                           : QString());
    } else {
        resultsPage_->clearResults();
    }
    QSet<QString> wrong;
    for (const ImagePrediction& p : training_->report().misclassified()) {
        wrong.insert(QDir::cleanPath(QString::fromStdString(p.path)));
    }
    datasetModel_->setMisclassified(wrong);
    updateActions();
}

void MainWindow::onTrainingFinished(bool ok, const QString& error) {
    updateActions();
    if (quitWhenTrainingEnds_) {
        quitWhenTrainingEnds_ = false;
        close();
        return;
    }
    if (!ok) {
        statusBar()->showMessage(
            training_->lastRunCanceled()
                ? tr("Training stopped.")
                : tr("Training did not finish: %1")
                      .arg(UserMessages::describe(training_->lastError().kind, error)),
            10000);
        return;
    }
    statusBar()->showMessage(tr("Training done: validation accuracy %1%")
                                 .arg(training_->report().accuracy * 100, 0, 'f', 1),
                             10000);
}

bool MainWindow::confirmQuitWhileTraining() {
    QMessageBox ask(QMessageBox::Question, tr("Training Is Running"),
                    tr("A model is being trained. Quit anyway?"), QMessageBox::NoButton, this);
    ask.setObjectName("quitWhileTraining");
    QPushButton* keep = nullptr;
    if (training_->hasModelSoFar()) {
        ask.setInformativeText(
            tr("TransferLab can finish this epoch and keep the best model "
               "so far, then quit."));
        keep = ask.addButton(tr("Keep the Best Model and Quit"), QMessageBox::AcceptRole);
    } else {
        ask.setInformativeText(tr("No epoch has finished yet, so there is no model to keep."));
    }
    QPushButton* discard = ask.addButton(tr("Stop and Quit"), QMessageBox::DestructiveRole);
    QPushButton* cancel = ask.addButton(tr("Keep Training"), QMessageBox::RejectRole);
    ask.setDefaultButton(cancel);
    ask.exec();
    if (ask.clickedButton() == keep && keep) {
        quitWhenTrainingEnds_ = true;
        training_->finishEarly();
        statusBar()->showMessage(tr("Finishing the epoch and saving the model, then quitting…"));
        return false;
    }
    if (ask.clickedButton() == discard) {
        training_->stop();
        return true;
    }
    return false;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (training_->isRunning() && !confirmQuitWhileTraining()) {
        event->ignore();
        return;
    }
    if (!project_->filePath().isEmpty()) {
        project_->flush();
    }
    Preferences preferences;
    preferences.settings().setValue("window/geometry", saveGeometry());
    preferences.settings().setValue("window/state", saveState());
    preferences.settings().setValue("window/page", tabs_->currentIndex());
    event->accept();
}

void MainWindow::exportPhotosDialog() {
    auto* dialog = new LabelledPhotoExportDialog(project_, jobs_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &LabelledPhotoExportDialog::exportFinished, this,
            [this](bool, const QString& message) { statusBar()->showMessage(message, 10000); });
    dialog->show();
}

// Exports the current model of this project to TorchScript (.pt), ONNX (.onnx) or a
// TF.js folder (Teachable Machine layout), optionally self-contained, loading and writing it
// in a worker thread.
void MainWindow::exportModelDialog() {
    const QString modelFolder = training_->modelFolder();
    if (modelFolder.isEmpty() || !QFileInfo::exists(modelFolder + "/model.json") || exportJob_) {
        return;  // the action is disabled then
    }
    struct Choice {
        QString filter;
        ExportFormat format;
        bool selfContained;
    };
    const Choice choices[] = {
        {tr("TorchScript (*.pt)"), ExportFormat::TorchScript, false},
        {tr("ONNX (*.onnx)"), ExportFormat::Onnx, false},
        {tr("TensorFlow.js folder, Teachable Machine layout (*)"), ExportFormat::Tfjs, false},
        {tr("Self-contained TorchScript: takes photos as uint8 RGB (*.pt)"),
         ExportFormat::TorchScript, true},
        {tr("Self-contained ONNX: takes uint8 RGB images (*.onnx)"), ExportFormat::Onnx, true}};
    QStringList filters;
    for (const Choice& choice : choices) {
        filters << choice.filter;
    }
    QString filter = filters.first();
    const QString suggested = QDir(project_->folder()).filePath(project_->name() + ".pt");
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Model"), suggested,
                                                      filters.join(";;"), &filter);
    if (path.isEmpty()) {
        return;
    }
    const Choice* chosen = &choices[0];
    for (const Choice& choice : choices) {
        if (choice.filter == filter) {
            chosen = &choice;
        }
    }
    ExportFormat format = chosen->format;
    if (format == ExportFormat::TorchScript && path.endsWith(".onnx", Qt::CaseInsensitive)) {
        format = ExportFormat::Onnx;  // the name the user typed says it
    }
    ExportOptions options;
    options.selfContained = chosen->selfContained;
    auto job = std::make_unique<ModelExportJob>(modelFolder, format, path, options);
    ModelExportJob* raw = job.get();
    connect(raw, &Job::finished, this, [this, raw](bool ok, const QString& error) {
        if (ok) {
            statusBar()->showMessage(
                tr("Exported the model to %1")
                    .arg(QString::fromStdU16String(raw->result().model.u16string())),
                10000);
        } else if (!raw->wasCanceled()) {
            showError(tr("Export Model"), UserMessages::describe(raw->error().kind, error));
        }
        QMetaObject::invokeMethod(this, &MainWindow::updateActions, Qt::QueuedConnection);
    });
    exportJob_ = raw;
    statusBar()->showMessage(tr("Exporting the model…"));
    jobs_->submit(std::move(job));
    updateActions();
}

}  // namespace tl
