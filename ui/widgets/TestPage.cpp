// SPDX-License-Identifier: MIT
#include "widgets/TestPage.h"

#include <QComboBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QTextStream>
#include <QUndoStack>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "commands/AddImagesCommand.h"
#include "commands/RelabelCommand.h"
#include "data/ImageFiles.h"
#include "jobs/JobManager.h"
#include "models/PredictionListModel.h"
#include "models/PredictionSummary.h"
#include "models/TrainingController.h"
#include "models/UserMessages.h"
#include "project/Project.h"
#include "project/ProjectImport.h"
#include "support/CsvField.h"
#include "support/Errors.h"
#include "training/PredictionJob.h"
#include "widgets/PhotoViewer.h"
#include "widgets/PredictionDelegate.h"
#include "widgets/TestSummaryWidget.h"

namespace tl {

TestPage::TestPage(TrainingController* controller, JobManager* jobs, ThumbnailCache* thumbnails,
                   Project* project, QUndoStack* undoStack, QWidget* parent)
    : QWidget(parent),
      controller_(controller),
      model_(new PredictionListModel(thumbnails, this)),
      jobs_(jobs),
      project_(project),
      undoStack_(undoStack) {
    model_->setProject(project_);
    setAcceptDrops(true);
    modelLabel_ = new QLabel(this);
    modelLabel_->setWordWrap(true);
    add_ = new QPushButton(tr("Add Photos…"), this);
    add_->setToolTip(tr("Choose photos to classify (or drop photos and folders here)"));
    addFolder_ = new QPushButton(tr("Add Folder…"), this);
    auto* load = new QPushButton(tr("Load Model…"), this);
    load->setToolTip(tr("Test a model saved earlier or exported by another run"));
    export_ = new QPushButton(tr("Export CSV…"), this);
    clear_ = new QPushButton(tr("Clear"), this);
    connect(add_, &QPushButton::clicked, this, [this] {
        classify(QFileDialog::getOpenFileNames(this, tr("Choose Photos"), {},
                                               tr("Images (%1)").arg(ImageFiles::dialogPattern())));
    });
    connect(addFolder_, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose Folder"));
        if (!dir.isEmpty()) {
            classify({dir});
        }
    });
    connect(load, &QPushButton::clicked, this, qOverload<>(&TestPage::loadModel));
    connect(export_, &QPushButton::clicked, this, qOverload<>(&TestPage::exportCsv));
    connect(clear_, &QPushButton::clicked, model_, &PredictionListModel::clear);

    status_ = new QLabel(tr("Drop photos or folders here to classify them."), this);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setVisible(false);
    summary_ = new TestSummaryWidget(this);
    summary_->setVisible(false);
    order_ = new QComboBox(this);
    order_->addItem(tr("In the order added"), int(PredictionListModel::Order::Added));
    order_->addItem(tr("Most confident first"),
                    int(PredictionListModel::Order::MostConfidentFirst));
    order_->addItem(tr("Least confident first"),
                    int(PredictionListModel::Order::LeastConfidentFirst));
    order_->setToolTip(tr("Least confident first puts the photos the model hesitates on on top"));
    connect(order_, &QComboBox::currentIndexChanged, this, [this] {
        model_->setOrder(static_cast<PredictionListModel::Order>(order_->currentData().toInt()));
    });
    testTime_ = new QComboBox(this);
    testTime_->addItem(tr("Model's default"), -1);
    testTime_->addItem(tr("Off"), int(TestTimeAugmentation::Off));
    testTime_->addItem(tr("Mirror"), int(TestTimeAugmentation::Mirror));
    testTime_->addItem(tr("Mirror + crops"), int(TestTimeAugmentation::MirrorAndCrops));
    // Narrow windows elide the item rather than widen the page.
    testTime_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    testTime_->setMinimumContentsLength(24);
    testTime_->setToolTip(
        tr("Test-time augmentation: average the prediction of each photo with its mirror image "
           "(and centre crops). Often a little more accurate; two or four times slower. The "
           "model's default is what cross-validation chose when it was trained. Applies to the "
           "photos classified next"));

    view_ = new QListView(this);
    view_->setModel(model_);
    view_->setItemDelegate(new PredictionDelegate(view_));
    view_->setViewMode(QListView::IconMode);
    view_->setResizeMode(QListView::Adjust);
    view_->setMovement(QListView::Static);
    view_->setSpacing(6);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setAcceptDrops(false);
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    view_->setToolTip(
        tr("Right-click to add photos to a class of the project; double-click to "
           "open one"));
    connect(view_, &QListView::customContextMenuRequested, this, &TestPage::showContextMenu);
    connect(view_, &QListView::doubleClicked, this,
            [this](const QModelIndex& index) { openViewer(index.row()); });

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(modelLabel_, 1);
    buttons->addWidget(add_);
    buttons->addWidget(addFolder_);
    buttons->addWidget(load);
    buttons->addWidget(export_);
    buttons->addWidget(clear_);
    auto* sorting = new QHBoxLayout;
    sorting->addWidget(status_, 1);
    sorting->addWidget(new QLabel(tr("Test-time augmentation:"), this));
    sorting->addWidget(testTime_);
    sorting->addWidget(new QLabel(tr("Sort:"), this));
    sorting->addWidget(order_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(buttons);
    layout->addWidget(summary_);
    layout->addLayout(sorting);
    layout->addWidget(progress_);
    layout->addWidget(view_, 1);

    connect(model_, &QAbstractItemModel::rowsInserted, this, &TestPage::updateSummary);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, &TestPage::updateSummary);
    connect(model_, &QAbstractItemModel::modelReset, this, &TestPage::updateSummary);
    connect(controller_, &TrainingController::modelChanged, this, &TestPage::onModelChanged);
    connect(controller_, &TrainingController::modelStateChanged, this, &TestPage::onModelChanged);
    onModelChanged();
    updateSummary();
}

TestPage::~TestPage() = default;

bool TestPage::isBusy() const {
    return listing_ || job_;
}

void TestPage::onModelChanged() {
    const auto model = controller_->model();
    const bool ready = model != nullptr;
    add_->setEnabled(ready && !listing_);
    addFolder_->setEnabled(ready && !listing_);
    if (!ready) {
        switch (controller_->modelState()) {
            case TrainingController::ModelState::Loading:
                modelLabel_->setText(tr("<b>Loading the model…</b>"));
                break;
            case TrainingController::ModelState::Failed:
                modelLabel_->setText(
                    tr("<b>The current model cannot be used:</b> %1")
                        .arg(UserMessages::describe(controller_->modelError()).toHtmlEscaped()));
                break;
            default:
                modelLabel_->setText(tr("<b>No model yet</b>: train one or load a saved model."));
        }
        return;
    }
    QString testTime = tr("off");
    switch (PredictionJob::defaultTestTimeAugmentation(*model)) {
        case TestTimeAugmentation::Mirror:
            testTime = tr("mirror");
            break;
        case TestTimeAugmentation::MirrorAndCrops:
            testTime = tr("mirror + crops");
            break;
        case TestTimeAugmentation::Off:
            break;
    }
    testTime_->setItemText(0, tr("Model's default (%1)").arg(testTime));
    const QStringList classes = PredictionJob::classNames(*model);
    if (classes != model_->classNames()) {
        model_->clear();  // tiles of another model's classes would be read wrongly
    }
    model_->setClassNames(classes);
    const QString folder = controller_->modelFolder();
    const int run = controller_->runIndex();
    const QString name = run >= 0 && run < project_->runs().size()
                             ? project_->runs()[run].name
                             : (folder.isEmpty() ? tr("last training run, in memory")
                                                 : QDir::toNativeSeparators(folder));
    modelLabel_->setText(
        tr("<b>Model:</b> %1 (%2)").arg(classes.join(", ").toHtmlEscaped(), name.toHtmlEscaped()));
    modelLabel_->setToolTip(QDir::toNativeSeparators(folder));
}

void TestPage::updateSummary() {
    const int rows = model_->rowCount();
    summary_->setVisible(rows > 0);
    export_->setEnabled(rows > 0);
    clear_->setEnabled(rows > 0);
    if (rows > 0) {
        summary_->setSummary(
            PredictionSummary::of(model_->predictions(), int(model_->classNames().size())),
            model_->classNames());
    }
}

void TestPage::classify(const QStringList& inputs) {
    if (inputs.isEmpty()) {
        return;
    }
    if (!controller_->model()) {
        status_->setText(tr("Train a model first, or load a saved model."));
        return;
    }
    if (job_) {
        status_->setText(tr("Still classifying the previous photos…"));
        return;
    }
    if (listing_) {
        status_->setText(tr("Still listing the previous folders…"));
        return;
    }
    // Listing dropped folders can take seconds (network drives, 10,000 files): off the UI
    // thread, with a busy bar.
    listing_ = true;
    add_->setEnabled(false);
    progress_->setRange(0, 0);
    progress_->setVisible(true);
    status_->setText(tr("Listing %n item(s)…", nullptr, int(inputs.size())));
    auto* watcher = new QFutureWatcher<QStringList>(this);
    connect(watcher, &QFutureWatcher<QStringList>::finished, this, [this, watcher] {
        const QStringList paths = watcher->result();
        watcher->deleteLater();
        listing_ = false;
        add_->setEnabled(controller_->model() != nullptr);
        progress_->setRange(0, 1000);
        progress_->setVisible(false);
        startPrediction(paths);
    });
    watcher->setFuture(QtConcurrent::run([inputs] {
        QStringList paths;
        for (const ProjectImport::File& file : ProjectImport::collect(inputs).files) {
            paths.push_back(file.path);
        }
        return paths;
    }));
}

void TestPage::startPrediction(const QStringList& paths) {
    if (paths.isEmpty()) {
        status_->setText(tr("No photos found there."));
        return;
    }
    if (!controller_->model() || job_) {
        return;
    }
    auto job = std::make_unique<PredictionJob>(controller_->model(), paths);
    if (const int testTime = testTime_->currentData().toInt(); testTime >= 0) {
        job->setTestTimeAugmentation(static_cast<TestTimeAugmentation>(testTime));
    }
    connect(job.get(), &Job::progressChanged, this, [this](double f, const QString& detail) {
        progress_->setValue(int(f * 1000));
        progress_->setFormat(detail);
    });
    connect(job.get(), &Job::finished, this,
            [this, raw = job.get()](bool ok, const QString& error) {
                job_.clear();
                onJobFinished(*raw, ok, error);
            });
    job_ = job.get();
    jobs_->submit(std::move(job));
    progress_->setValue(0);
    progress_->setVisible(true);
    status_->setText(tr("Classifying %n photo(s)…", nullptr, int(paths.size())));
}

void TestPage::onJobFinished(const PredictionJob& job, bool ok, const QString& error) {
    progress_->setVisible(false);
    if (!ok) {
        status_->setText(job.wasCanceled()
                             ? tr("Classification canceled.")
                             : tr("Classification failed. %1")
                                   .arg(UserMessages::describe(job.error().kind, error)));
        return;
    }
    model_->appendPredictions(job.predictions());
    QString text = tr("%n photo(s) classified.", nullptr, int(job.predictions().size()));
    if (!job.skipped().empty()) {
        text += ' ' + tr("%n file(s) could not be read.", nullptr, int(job.skipped().size()));
    }
    status_->setText(text);
}

QStringList TestPage::selectedPaths() const {
    QStringList paths;
    for (const QModelIndex& index : view_->selectionModel()->selectedIndexes()) {
        paths.push_back(index.data(PredictionListModel::PathRole).toString());
    }
    return paths;
}

void TestPage::showContextMenu(const QPoint& pos) {
    const QModelIndex index = view_->indexAt(pos);
    if (!index.isValid()) {
        return;
    }
    if (!view_->selectionModel()->isSelected(index)) {
        view_->setCurrentIndex(index);
    }
    const QString predicted =
        model_->classNames().value(index.data(PredictionListModel::PredictedLabelRole).toInt());
    QMenu menu(this);
    menu.addAction(tr("Open Photo"), this, [this, index] { openViewer(index.row()); });
    const QString path = index.data(PredictionListModel::PathRole).toString();
    if (project_->rowOf(path) >= 0) {
        menu.addAction(tr("Show on Data Page"), this, [this, path] { emit showInDataPage(path); });
    }
    menu.addSeparator();
    const int predictedLabel = project_->classIndex(predicted);
    if (predictedLabel >= 0) {
        menu.addAction(tr("Add to Class %1 (as predicted)").arg(predicted), this,
                       [this, predictedLabel] { addSelectedToClass(predictedLabel); });
    }
    QMenu* add = menu.addMenu(tr("Add to Class"));
    add->setEnabled(project_->classCount() > 0);
    for (int c = 0; c < project_->classCount(); ++c) {
        add->addAction(project_->classNames()[c], this, [this, c] { addSelectedToClass(c); });
    }
    menu.exec(view_->viewport()->mapToGlobal(pos));
}

void TestPage::addSelectedToClass(int label) {
    if (label < 0 || label >= project_->classCount()) {
        return;
    }
    ProjectImport outside;
    QStringList inside;
    for (const QString& path : selectedPaths()) {
        if (project_->rowOf(path) >= 0) {
            inside.push_back(path);
        } else {
            outside.files.push_back({path, QString()});
        }
    }
    if (outside.files.isEmpty() && inside.isEmpty()) {
        return;
    }
    undoStack_->beginMacro(
        tr("Add %n tested photo(s) to %1", nullptr, int(outside.files.size() + inside.size()))
            .arg(project_->classNames()[label]));
    if (!outside.files.isEmpty()) {
        // By reference: the photos stay where they are; TransferLab never copies into them.
        undoStack_->push(new AddImagesCommand(project_, outside, label));
    }
    if (!inside.isEmpty()) {
        undoStack_->push(new RelabelCommand(project_, inside, label));
    }
    undoStack_->endMacro();
    status_->setText(tr("Added %n photo(s) to %1. Retrain to learn from them.", nullptr,
                        int(outside.files.size() + inside.size()))
                         .arg(project_->classNames()[label]));
}

void TestPage::openViewer(int row) {
    if (!viewer_) {
        viewer_ = new PhotoViewer(project_, undoStack_, this);
        connect(viewer_, &PhotoViewer::explainRequested, this,
                [this](const QString& path) { emit explainRequested({path}); });
    }
    viewer_->present(model_, row, PredictionListModel::PathRole);
}

void TestPage::loadModel() {
    const QString folder =
        QFileDialog::getExistingDirectory(this, tr("Load Model Folder"), project_->folder());
    if (folder.isEmpty()) {
        return;
    }
    status_->setText(tr("Loading model…"));
    struct Loaded {
        std::shared_ptr<const TrainedModel> model;
        QString error;
        ErrorKind kind = ErrorKind::Internal;
    };
    auto* watcher = new QFutureWatcher<Loaded>(this);
    connect(watcher, &QFutureWatcher<Loaded>::finished, this, [this, watcher, folder] {
        const Loaded loaded = watcher->result();
        watcher->deleteLater();
        if (!loaded.model) {
            status_->setText(tr("Cannot load the model. %1")
                                 .arg(UserMessages::describe(loaded.kind, loaded.error)));
            return;
        }
        controller_->setModel(loaded.model, folder);
        status_->setText(tr("Model loaded."));
    });
    watcher->setFuture(QtConcurrent::run([folder] {
        Loaded loaded;
        try {
            loaded.model = PredictionJob::loadModel(folder);
        } catch (const std::exception& e) {
            loaded.error = QString::fromStdString(oneLineMessage(e));
            loaded.kind = kindOf(e);
        }
        return loaded;
    }));
}

void TestPage::exportCsv() {
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export Predictions"), QDir(project_->folder()).filePath("predictions.csv"),
        tr("CSV (*.csv)"));
    QString error;
    if (!file.isEmpty() && !exportCsv(file, &error)) {
        QMessageBox::warning(this, tr("Export Predictions"), error);
    }
}

bool TestPage::exportCsv(const QString& file, QString* error) {
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Text)) {
        *error = out.errorString();
        return false;
    }
    QTextStream stream(&out);
    const QStringList names = model_->classNames();
    stream << "path,predicted,confidence";
    for (const QString& name : names) {
        stream << ',' << csvField("p_" + name);
    }
    stream << '\n';
    for (const ImagePrediction& p : model_->predictions()) {
        stream << csvField(QString::fromStdString(p.path)) << ','
               << csvField(names.value(p.predictedLabel)) << ','
               << QString::number(p.probabilities.at(std::size_t(p.predictedLabel)), 'f', 6);
        for (double v : p.probabilities) {
            stream << ',' << QString::number(v, 'f', 6);
        }
        stream << '\n';
    }
    stream.flush();
    if (!out.commit()) {
        *error = out.errorString();
        return false;
    }
    return true;
}

void TestPage::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) {
        event->acceptProposedAction();
    }
}

void TestPage::dropEvent(QDropEvent* event) {
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile()) {
            paths.push_back(url.toLocalFile());
        }
    }
    event->acceptProposedAction();
    classify(paths);
}

}  // namespace tl
