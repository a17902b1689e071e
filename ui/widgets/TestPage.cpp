// SPDX-License-Identifier: MIT
#include "widgets/TestPage.h"

#include "support/Errors.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QListView>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QTextStream>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "data/ImageFiles.h"
#include "jobs/JobManager.h"
#include "models/PredictionListModel.h"
#include "models/TrainingController.h"
#include "project/ProjectImport.h"
#include "support/CsvField.h"
#include "training/PredictionJob.h"
#include "widgets/PredictionDelegate.h"

namespace tl {

TestPage::TestPage(TrainingController* controller, JobManager* jobs, ThumbnailCache* thumbnails,
                   QWidget* parent)
    : QWidget(parent),
      controller_(controller),
      model_(new PredictionListModel(thumbnails, this)),
      jobs_(jobs) {
    setAcceptDrops(true);
    modelLabel_ = new QLabel(this);
    add_ = new QPushButton(tr("Add Photos…"), this);
    add_->setToolTip(tr("Choose photos to classify (or drop photos and folders here)"));
    auto* addFolder = new QPushButton(tr("Add Folder…"), this);
    auto* load = new QPushButton(tr("Load Model…"), this);
    load->setToolTip(tr("Test a model saved earlier or exported by another run"));
    auto* exportButton = new QPushButton(tr("Export CSV…"), this);
    auto* clear = new QPushButton(tr("Clear"), this);
    connect(add_, &QPushButton::clicked, this, [this] {
        classify(QFileDialog::getOpenFileNames(this, tr("Choose Photos"), {},
                                               tr("Images (%1)").arg(ImageFiles::dialogPattern())));
    });
    connect(addFolder, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose Folder"));
        if (!dir.isEmpty()) {
            classify({dir});
        }
    });
    connect(load, &QPushButton::clicked, this, qOverload<>(&TestPage::loadModel));
    connect(exportButton, &QPushButton::clicked, this, qOverload<>(&TestPage::exportCsv));
    connect(clear, &QPushButton::clicked, model_, &PredictionListModel::clear);

    status_ = new QLabel(tr("Drop photos or folders here to classify them."), this);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setVisible(false);
    view_ = new QListView(this);
    view_->setModel(model_);
    view_->setItemDelegate(new PredictionDelegate(view_));
    view_->setViewMode(QListView::IconMode);
    view_->setResizeMode(QListView::Adjust);
    view_->setMovement(QListView::Static);
    view_->setSpacing(6);
    view_->setAcceptDrops(false);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(modelLabel_, 1);
    buttons->addWidget(add_);
    buttons->addWidget(addFolder);
    buttons->addWidget(load);
    buttons->addWidget(exportButton);
    buttons->addWidget(clear);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(buttons);
    layout->addWidget(status_);
    layout->addWidget(progress_);
    layout->addWidget(view_, 1);

    connect(controller_, &TrainingController::modelChanged, this, &TestPage::onModelChanged);
    onModelChanged();
}

TestPage::~TestPage() = default;

bool TestPage::isBusy() const {
    return listing_ || job_;
}

void TestPage::onModelChanged() {
    const auto model = controller_->model();
    if (!model) {
        modelLabel_->setText(tr("<b>No model yet</b>: train one or load a saved model."));
        return;
    }
    model_->setClassNames(PredictionJob::classNames(*model));
    const QString folder = controller_->modelFolder();
    modelLabel_->setText(tr("<b>Model:</b> %1 (%2)")
                             .arg(PredictionJob::classNames(*model).join(", "),
                                  folder.isEmpty() ? tr("last training run, in memory")
                                                   : QDir::toNativeSeparators(folder)));
}

void TestPage::classify(const QStringList& inputs) {
    if (inputs.isEmpty()) {
        return;
    }
    if (!controller_->model()) {
        QMessageBox::information(this, tr("No Model"),
                                 tr("Train a model first, or load a saved model."));
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
        add_->setEnabled(true);
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
        status_->setText(job.wasCanceled() ? tr("Classification canceled.")
                                           : tr("Classification failed: %1").arg(error));
        return;
    }
    model_->appendPredictions(job.predictions());
    QString text = tr("%n photo(s) classified.", nullptr, int(job.predictions().size()));
    if (!job.skipped().empty()) {
        text += ' ' + tr("%n file(s) could not be read.", nullptr, int(job.skipped().size()));
    }
    status_->setText(text);
}

void TestPage::loadModel() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Load Model Folder"));
    if (folder.isEmpty()) {
        return;
    }
    status_->setText(tr("Loading model…"));
    auto* watcher = new QFutureWatcher<std::shared_ptr<const TrainedModel>>(this);
    connect(
        watcher, &QFutureWatcher<std::shared_ptr<const TrainedModel>>::finished, this,
        [this, watcher, folder] {
            watcher->deleteLater();
            try {
                controller_->setModel(watcher->result(), folder);
                status_->setText(tr("Model loaded."));
            } catch (const std::exception& e) {
                status_->setText(
                    tr("Cannot load the model: %1").arg(QString::fromStdString(oneLineMessage(e))));
                QMessageBox::warning(this, tr("Load Model"),
                                     QString::fromStdString(oneLineMessage(e)));
            }
        });
    watcher->setFuture(QtConcurrent::run([folder] { return PredictionJob::loadModel(folder); }));
}

void TestPage::exportCsv() {
    const QString file = QFileDialog::getSaveFileName(this, tr("Export Predictions"),
                                                      "predictions.csv", tr("CSV (*.csv)"));
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

QStringList TestPage::selectedPaths() const {
    QStringList paths;
    for (const QModelIndex& index : view_->selectionModel()->selectedIndexes()) {
        paths << index.data(PredictionListModel::PathRole).toString();
    }
    return paths;
}

}  // namespace tl
