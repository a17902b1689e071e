// SPDX-License-Identifier: MIT
#include "widgets/TrainPage.h"

#include "support/Errors.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTime>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <qcustomplot.h>

#include "backbones/BackboneCatalog.h"
#include "backbones/BackboneDownloadJob.h"
#include "backbones/BackboneStore.h"
#include "jobs/JobManager.h"
#include "models/TrainingController.h"
#include "project/Project.h"
#include "support/DataSize.h"

namespace tl {

namespace {

enum Graph { TrainGraph = 0, ValidationGraph = 1, RunningGraph = 2, FirstOverlay = 3 };

// Item data of the backbone combo: the reference, and what kind of entry it is.
constexpr int kReferenceRole = Qt::UserRole;
constexpr int kKindRole = Qt::UserRole + 1;
enum BackboneKind { LocalBackbone, CatalogueBackbone, ImportedBackbone, ImportAction };

bool dialogsAllowed() {
    return !qEnvironmentVariableIsSet("TRANSFERLAB_NO_DIALOGS");
}

QCustomPlot* makePlot(const QString& title, const QString& yLabel, QWidget* parent) {
    auto* plot = new QCustomPlot(parent);
    plot->setMinimumHeight(220);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0,
                                   new QCPTextElement(plot, title, QFont("sans", 11, QFont::Bold)));
    plot->xAxis->setLabel(QObject::tr("Epoch"));
    plot->yAxis->setLabel(yLabel);
    plot->legend->setVisible(true);
    plot->legend->setFont(QFont("sans", 8));
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    const struct {
        QString name;
        QColor color;
        int width;
        Qt::PenStyle style;
    } graphs[] = {{QObject::tr("training"), QColor(31, 119, 180), 2, Qt::SolidLine},
                  {QObject::tr("validation"), QColor(255, 127, 14), 2, Qt::SolidLine},
                  {QObject::tr("training (running, per batch)"), QColor(31, 119, 180, 110), 1,
                   Qt::SolidLine}};
    for (const auto& g : graphs) {
        QCPGraph* graph = plot->addGraph();
        graph->setName(g.name);
        graph->setPen(QPen(g.color, g.width, g.style));
        if (g.width == 2) {
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
        }
    }
    plot->xAxis->setRange(0, 1);
    plot->yAxis->setRange(0, 1);
    return plot;
}

void rescale(QCustomPlot* plot, bool unitRange) {
    plot->rescaleAxes();
    QCPRange x = plot->xAxis->range();
    plot->xAxis->setRange(0, qMax(1.0, x.upper));
    if (unitRange) {
        plot->yAxis->setRange(0, 1.02);
    } else {
        plot->yAxis->setRange(0, plot->yAxis->range().upper * 1.05 + 1e-6);
    }
    plot->replot(QCustomPlot::rpQueuedReplot);
}

QString formatDuration(double seconds) {
    if (seconds < 0) {
        return QObject::tr("–");
    }
    const int s = static_cast<int>(seconds + 0.5);
    return s >= 3600 ? QObject::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60)
           : s >= 60 ? QObject::tr("%1 min %2 s").arg(s / 60).arg(s % 60)
                     : QObject::tr("%1 s").arg(s);
}

}  // namespace

TrainPage::TrainPage(Project* project, TrainingController* controller, JobManager* jobs,
                     QWidget* parent)
    : QWidget(parent), project_(project), controller_(controller), jobs_(jobs) {
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(buildSettings());
    splitter->addWidget(buildPlots());
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({360, 1200});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(project_, &Project::settingsChanged, this, &TrainPage::loadFromProject);
    connect(project_, &Project::runsChanged, this, [this] {
        runs_->clear();
        for (const TrainingRunRecord& run : project_->runs()) {
            auto* item = new QListWidgetItem(tr("%1 — %2, val. accuracy %3%")
                                                 .arg(run.name, run.backbone)
                                                 .arg(run.validationAccuracy * 100, 0, 'f', 1),
                                             runs_);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Unchecked);
        }
        updateOverlays();
    });
    connect(runs_, &QListWidget::itemChanged, this, &TrainPage::updateOverlays);
    connect(controller_, &TrainingController::phaseChanged, this,
            [this](const QString&, const QString& text) {
                phase_->setText(text);
                log_->appendPlainText(QTime::currentTime().toString("HH:mm:ss  ") + text);
            });
    connect(controller_, &TrainingController::progressChanged, this,
            [this](double fraction, const QString& detail) {
                progress_->setValue(static_cast<int>(fraction * 1000));
                progress_->setFormat(detail.isEmpty() ? QStringLiteral("%p%") : detail);
            });
    connect(controller_, &TrainingController::logMessage, log_, &QPlainTextEdit::appendPlainText);
    connect(controller_, &TrainingController::etaChanged, this, [this](double seconds) {
        eta_->setText(tr("Elapsed %1, about %2 left")
                          .arg(formatDuration(clock_.elapsed() / 1000.0), formatDuration(seconds)));
    });
    connect(controller_, &TrainingController::batchFinished, this, &TrainPage::onBatch);
    connect(controller_, &TrainingController::epochFinished, this, &TrainPage::onEpoch);
    connect(controller_, &TrainingController::finished, this, &TrainPage::onFinished);
    rebuildBackboneItems();
    loadFromProject();
    emit project_->runsChanged();
}

TrainPage::~TrainPage() = default;

QWidget* TrainPage::buildSettings() {
    auto* panel = new QWidget(this);
    backbone_ = new QComboBox(panel);
    backbone_->setToolTip(
        tr("The pretrained network whose features the classifier learns from: a catalogue "
           "backbone (downloaded on first use), an imported one, or a model folder"));
    backbone_->setMinimumContentsLength(18);
    backbone_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    auto* browse = new QToolButton(panel);
    browse->setText(tr("…"));
    browse->setToolTip(tr("Use a model folder (TF.js / Teachable Machine export) as it is"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose Backbone Folder"));
        if (!dir.isEmpty()) {
            selectBackbone(QDir::cleanPath(dir));
        }
    });
    auto* backboneRow = new QHBoxLayout;
    backboneRow->addWidget(backbone_, 1);
    backboneRow->addWidget(browse);
    backboneStatus_ = new QLabel(panel);
    backboneStatus_->setWordWrap(true);
    backboneStatus_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont small = backboneStatus_->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    backboneStatus_->setFont(small);

    epochs_ = new QSpinBox(panel);
    epochs_->setRange(1, 1000);
    learningRate_ = new QDoubleSpinBox(panel);
    learningRate_->setDecimals(6);
    learningRate_->setRange(1e-6, 1.0);
    learningRate_->setSingleStep(1e-4);
    batchSize_ = new QSpinBox(panel);
    batchSize_->setRange(1, 1024);
    dropout_ = new QDoubleSpinBox(panel);
    dropout_->setRange(0, 0.9);
    dropout_->setSingleStep(0.05);
    validation_ = new QDoubleSpinBox(panel);
    validation_->setRange(0.05, 0.9);
    validation_->setSingleStep(0.05);
    validation_->setToolTip(tr("Fraction of each class held out to measure accuracy"));
    augmentation_ = new QCheckBox(tr("Augment training photos"), panel);
    augmentation_->setToolTip(tr("Set up on the Augmentation page"));
    fineTuneBlocks_ = new QSpinBox(panel);
    fineTuneBlocks_->setRange(0, 20);
    fineTuneBlocks_->setToolTip(
        tr("After the head converges, unfreeze this many of the "
           "backbone's last blocks (0 = no fine-tuning; slower)"));
    fineTuneEpochs_ = new QSpinBox(panel);
    fineTuneEpochs_->setRange(1, 100);

    auto* form = new QFormLayout;
    form->addRow(tr("Backbone:"), backboneRow);
    form->addRow(backboneStatus_);
    form->addRow(tr("Epochs:"), epochs_);
    form->addRow(tr("Learning rate:"), learningRate_);
    form->addRow(tr("Batch size:"), batchSize_);
    form->addRow(tr("Dropout:"), dropout_);
    form->addRow(tr("Validation split:"), validation_);
    form->addRow(augmentation_);
    form->addRow(tr("Fine-tune blocks:"), fineTuneBlocks_);
    form->addRow(tr("Fine-tune epochs:"), fineTuneEpochs_);
    auto* box = new QGroupBox(tr("Settings"), panel);
    box->setLayout(form);

    for (QSpinBox* spin : {epochs_, batchSize_, fineTuneBlocks_, fineTuneEpochs_}) {
        connect(spin, &QSpinBox::valueChanged, this, &TrainPage::storeToProject);
    }
    for (QDoubleSpinBox* spin : {learningRate_, dropout_, validation_}) {
        connect(spin, &QDoubleSpinBox::valueChanged, this, &TrainPage::storeToProject);
    }
    connect(augmentation_, &QCheckBox::toggled, this, &TrainPage::storeToProject);
    connect(backbone_, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (backbone_->itemData(index, kKindRole).toInt() == ImportAction) {
            return;  // handled by activated(); the selection goes back
        }
        lastBackboneIndex_ = index;
        updateBackboneStatus();
        storeToProject();
    });
    connect(backbone_, &QComboBox::activated, this, &TrainPage::onBackboneActivated);

    train_ = new QPushButton(tr("Train"), panel);
    train_->setToolTip(tr("Train a classifier on the labelled photos (Ctrl+T)"));
    train_->setDefault(true);
    stop_ = new QPushButton(tr("Stop"), panel);
    stop_->setEnabled(false);
    connect(train_, &QPushButton::clicked, this, &TrainPage::startTraining);
    connect(stop_, &QPushButton::clicked, this, [this] {
        if (download_) {
            download_->cancel();
        } else {
            controller_->stop();
        }
    });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(train_);
    buttons->addWidget(stop_);

    phase_ = new QLabel(tr("Ready"), panel);
    phase_->setWordWrap(true);
    progress_ = new QProgressBar(panel);
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    eta_ = new QLabel(panel);
    runs_ = new QListWidget(panel);
    runs_->setToolTip(tr("Tick earlier runs to overlay their validation curves"));

    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(box);
    layout->addLayout(buttons);
    layout->addWidget(phase_);
    layout->addWidget(progress_);
    layout->addWidget(eta_);
    layout->addWidget(new QLabel(tr("<b>Previous runs</b>"), panel));
    layout->addWidget(runs_, 1);
    return panel;
}

QWidget* TrainPage::buildPlots() {
    auto* panel = new QSplitter(Qt::Vertical, this);
    lossPlot_ = makePlot(tr("Loss"), tr("Loss"), panel);
    accuracyPlot_ = makePlot(tr("Accuracy"), tr("Accuracy"), panel);
    // Accuracy climbs towards the top right: keep the legend out of its way.
    accuracyPlot_->axisRect()->insetLayout()->setInsetAlignment(0,
                                                                Qt::AlignBottom | Qt::AlignRight);
    log_ = new QPlainTextEdit(panel);
    log_->setReadOnly(true);
    log_->setMaximumBlockCount(5000);
    log_->setPlaceholderText(tr("Training log"));
    panel->addWidget(lossPlot_);
    panel->addWidget(accuracyPlot_);
    panel->addWidget(log_);
    panel->setSizes({400, 400, 150});
    return panel;
}

void TrainPage::setBackboneChoices(const QStringList& choices) {
    localChoices_ = choices;
    rebuildBackboneItems();
    if (project_->settings().backbone.empty()) {
        storeToProject();  // a fresh project trains on the first choice
    }
}

QString TrainPage::currentBackbone() const {
    const int index = backbone_->currentIndex();
    if (index < 0 || backbone_->itemData(index, kKindRole).toInt() == ImportAction) {
        return {};
    }
    return backbone_->itemData(index, kReferenceRole).toString();
}

void TrainPage::selectBackbone(const QString& reference) {
    if (reference.isEmpty()) {
        return;
    }
    int index = backbone_->findData(reference, kReferenceRole);
    if (index < 0) {
        // A path or name given elsewhere (command line, an older project): offer it as is.
        const QFileInfo info(reference);
        const QString label =
            info.exists() ? tr("%1 (local folder)")
                                .arg(info.isDir() ? info.fileName()
                                                  : info.dir().dirName() + '/' + info.fileName())
                          : reference;
        backbone_->insertItem(0, label);
        backbone_->setItemData(0, reference, kReferenceRole);
        backbone_->setItemData(0, int(LocalBackbone), kKindRole);
        backbone_->setItemData(0, QDir::toNativeSeparators(reference), Qt::ToolTipRole);
        index = 0;
    }
    backbone_->setCurrentIndex(index);
    lastBackboneIndex_ = index;
    updateBackboneStatus();
}

void TrainPage::rebuildBackboneItems() {
    const QString current = currentBackbone().isEmpty()
                                ? QString::fromStdString(project_->settings().backbone)
                                : currentBackbone();
    const BackboneStore store;
    const BackboneCatalog& catalog = store.catalog();
    QSignalBlocker block(backbone_);
    backbone_->clear();
    auto add = [this](const QString& label, const QString& reference, BackboneKind kind,
                      const QString& tip) {
        backbone_->addItem(label);
        const int row = backbone_->count() - 1;
        backbone_->setItemData(row, reference, kReferenceRole);
        backbone_->setItemData(row, int(kind), kKindRole);
        backbone_->setItemData(row, tip, Qt::ToolTipRole);
    };
    for (const QString& choice : localChoices_) {
        const QFileInfo info(choice);
        add(tr("%1 (local folder)").arg(info.fileName()), choice, LocalBackbone,
            QDir::toNativeSeparators(choice));
    }
    for (const BackboneCatalogEntry& entry : catalog.entries()) {
        const bool here = store.stored(entry.name).has_value();
        add(here ? tr("%1 (downloaded)").arg(entry.displayName)
                 : tr("%1 (not downloaded)").arg(entry.displayName),
            entry.name, CatalogueBackbone,
            tr("%1 — %2").arg(entry.name, entry.licence) +
                (entry.sizeBytes > 0 ? tr(", %1").arg(formatDataSize(entry.sizeBytes))
                                     : QString()));
    }
    for (const StoredBackbone& imported : store.imported()) {
        add(tr("%1 (imported)")
                .arg(imported.displayName.isEmpty() ? imported.name : imported.displayName),
            imported.name, ImportedBackbone, QDir::toNativeSeparators(imported.origin));
    }
    backbone_->insertSeparator(backbone_->count());
    add(tr("Import from file…"), QString(), ImportAction,
        tr("Copy a Keras .h5 file, a TF.js model.json or a Teachable Machine export folder "
           "into your backbones"));
    if (!current.isEmpty()) {
        selectBackbone(current);
    } else {
        const int preferred = localChoices_.isEmpty()
                                  ? backbone_->findData(catalog.defaultEntry().name, kReferenceRole)
                                  : 0;
        backbone_->setCurrentIndex(qMax(0, preferred));
        lastBackboneIndex_ = backbone_->currentIndex();
        updateBackboneStatus();
    }
}

void TrainPage::updateBackboneStatus() {
    const QString reference = currentBackbone();
    const BackboneStore store;
    const BackboneCatalogEntry* entry = store.catalog().find(reference);
    backboneStatus_->setStyleSheet({});
    if (!entry) {
        backboneStatus_->setText(reference.isEmpty() ? QString()
                                                     : QDir::toNativeSeparators(reference));
        return;
    }
    if (store.stored(reference)) {
        backboneStatus_->setText(tr("Downloaded. Licence: %1.").arg(entry->licence));
    } else {
        backboneStatus_->setText((entry->sizeBytes > 0
                                      ? tr("Not downloaded yet: Train fetches it first (%1).")
                                            .arg(formatDataSize(entry->sizeBytes))
                                      : tr("Not downloaded yet: Train fetches it first.")) +
                                 ' ' + tr("Licence: %1.").arg(entry->licence));
    }
}

void TrainPage::onBackboneActivated(int index) {
    if (backbone_->itemData(index, kKindRole).toInt() != ImportAction) {
        return;
    }
    {
        QSignalBlocker block(backbone_);
        backbone_->setCurrentIndex(lastBackboneIndex_);
    }
    chooseBackboneFile();
}

void TrainPage::chooseBackboneFile() {
    QFileDialog dialog(this, tr("Import Backbone"));
    dialog.setNameFilters({tr("Backbone models (*.h5 *.hdf5 model.json)"), tr("All files (*)")});
    dialog.setFileMode(QFileDialog::ExistingFile);
    dialog.setLabelText(QFileDialog::Accept, tr("Import"));
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) {
        return;
    }
    QString path = dialog.selectedFiles().first();
    // A Teachable Machine export is a folder: model.json, weights.bin, metadata.json.
    if (QFileInfo(path).fileName() == QLatin1String("model.json")) {
        path = QFileInfo(path).absolutePath();
    }
    importBackbone(path);
}

void TrainPage::importBackbone(const QString& path) {
    if (importing_) {
        return;
    }
    importing_ = true;
    backbone_->setEnabled(false);
    backboneStatus_->setStyleSheet({});
    backboneStatus_->setText(tr("Importing %1…").arg(QDir::toNativeSeparators(path)));
    struct Result {
        QString name;
        QString error;
    };
    auto* watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcher<Result>::finished, this, [this, watcher] {
        const Result result = watcher->result();
        watcher->deleteLater();
        importing_ = false;
        backbone_->setEnabled(true);
        if (!result.error.isEmpty()) {
            showBackboneError(tr("Cannot import the backbone: %1").arg(result.error));
            return;
        }
        rebuildBackboneItems();
        selectBackbone(result.name);
        storeToProject();
        log_->appendPlainText(tr("Imported backbone %1").arg(result.name));
    });
    watcher->setFuture(QtConcurrent::run([path] {
        Result result;
        try {
            BackboneStore store;
            result.name = store.importModel(path).name;
        } catch (const std::exception& e) {
            result.error = QString::fromStdString(oneLineMessage(e));
        }
        return result;
    }));
}

bool TrainPage::isDownloadingBackbone() const {
    return !download_.isNull();
}

void TrainPage::showBackboneError(const QString& message) {
    backboneStatus_->setStyleSheet(QStringLiteral("color: #b00;"));
    backboneStatus_->setText(message);
    log_->appendPlainText(message);
    if (dialogsAllowed()) {
        QMessageBox::warning(this, tr("Backbone"), message);
    }
}

void TrainPage::loadFromProject() {
    const TrainingSettings& s = project_->settings();
    loading_ = true;
    if (!s.backbone.empty() && QString::fromStdString(s.backbone) != currentBackbone()) {
        QSignalBlocker block(backbone_);
        selectBackbone(QString::fromStdString(s.backbone));
    }
    epochs_->setValue(s.epochs);
    learningRate_->setValue(s.learningRate);
    batchSize_->setValue(s.batchSize);
    dropout_->setValue(s.dropout);
    validation_->setValue(s.validationFraction);
    augmentation_->setChecked(s.augmentation.enabled);
    fineTuneBlocks_->setValue(s.fineTuneBlocks);
    fineTuneEpochs_->setValue(s.fineTuneEpochs);
    loading_ = false;
}

void TrainPage::storeToProject() {
    if (loading_) {
        return;
    }
    TrainingSettings s = project_->settings();
    if (!currentBackbone().isEmpty()) {
        s.backbone = currentBackbone().toStdString();
    }
    s.epochs = epochs_->value();
    s.learningRate = learningRate_->value();
    s.batchSize = batchSize_->value();
    s.dropout = dropout_->value();
    s.validationFraction = validation_->value();
    s.augmentation.enabled = augmentation_->isChecked();
    s.fineTuneBlocks = fineTuneBlocks_->value();
    s.fineTuneEpochs = fineTuneEpochs_->value();
    loading_ = true;  // the project echoes settingsChanged back to us
    project_->setSettings(s);
    loading_ = false;
}

void TrainPage::startTraining() {
    if (download_ || importing_ || controller_->isRunning()) {
        return;
    }
    storeToProject();
    const QString reference = QString::fromStdString(project_->settings().backbone);
    const BackboneStore store;
    if (store.catalog().find(reference) && !store.stored(reference)) {
        startBackboneDownload(reference);
        return;
    }
    startTrainingNow();
}

bool TrainPage::startBackboneDownload(const QString& name) {
    clearCurves();
    if (download_) {
        return false;
    }
    auto job = std::make_unique<BackboneDownloadJob>(BackboneStore(), name);
    connect(job.get(), &Job::phaseChanged, this, [this](const QString&, const QString& text) {
        phase_->setText(text);
        log_->appendPlainText(QTime::currentTime().toString("HH:mm:ss  ") + text);
    });
    connect(job.get(), &Job::progressChanged, this, [this](double fraction, const QString& detail) {
        progress_->setValue(static_cast<int>(fraction * 1000));
        progress_->setFormat(detail.isEmpty() ? QStringLiteral("%p%") : detail);
    });
    connect(job.get(), &Job::logMessage, log_, &QPlainTextEdit::appendPlainText);
    connect(job.get(), &Job::finished, this,
            [this, raw = job.get()](bool ok, const QString& error) {
                download_.clear();
                onBackboneDownloadFinished(ok, raw->wasCanceled(), error);
            });
    download_ = job.get();
    jobs_->submit(std::move(job));
    backboneStatus_->setStyleSheet({});
    backboneStatus_->setText(tr("Downloading the backbone; Stop cancels (it resumes later)."));
    train_->setEnabled(false);
    stop_->setEnabled(true);
    backbone_->setEnabled(false);
    return true;
}

void TrainPage::onBackboneDownloadFinished(bool ok, bool canceled, const QString& error) {
    backbone_->setEnabled(true);
    setRunning(false);
    const QString reference = currentBackbone();
    rebuildBackboneItems();
    emit backboneDownloadFinished(ok, error);
    if (!ok) {
        progress_->setValue(0);
        progress_->setFormat(canceled ? tr("Canceled") : tr("Failed"));
        phase_->setText(canceled ? tr("Backbone download canceled") : tr("No backbone"));
        if (canceled) {
            log_->appendPlainText(tr("Backbone download canceled; it resumes next time."));
            updateBackboneStatus();
        } else {
            showBackboneError(
                error + '\n' +
                tr("Or choose \"Import from file…\" in the Backbone list to use a file you have."));
        }
        return;
    }
    log_->appendPlainText(tr("Backbone %1 ready").arg(reference));
    startTrainingNow();
}

void TrainPage::startTrainingNow() {
    clearCurves();
    QString error;
    if (!controller_->start(&error)) {
        if (!error.isEmpty()) {
            QMessageBox::warning(this, tr("Cannot Train"), error);
            log_->appendPlainText(tr("Cannot train: %1").arg(error));
        }
        return;
    }
    clock_.start();
    log_->appendPlainText(tr("Training started"));
    setRunning(true);
}

void TrainPage::setRunning(bool running) {
    train_->setEnabled(!running);
    stop_->setEnabled(running);
}

void TrainPage::clearCurves() {
    for (QCustomPlot* plot : {lossPlot_, accuracyPlot_}) {
        for (int g : {TrainGraph, ValidationGraph, RunningGraph}) {
            plot->graph(g)->data()->clear();
        }
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
    progress_->setValue(0);
    eta_->clear();
}

void TrainPage::onBatch(const tl::BatchMetrics& m) {
    const double x = (m.epoch - 1) + static_cast<double>(m.batch) / qMax(1, m.batchesPerEpoch);
    lossPlot_->graph(RunningGraph)->addData(x, m.runningLoss);
    accuracyPlot_->graph(RunningGraph)->addData(x, m.runningAccuracy);
    rescale(lossPlot_, false);
    rescale(accuracyPlot_, true);
}

void TrainPage::onEpoch(const tl::EpochMetrics& m) {
    lossPlot_->graph(TrainGraph)->addData(m.epoch, m.loss);
    lossPlot_->graph(ValidationGraph)->addData(m.epoch, m.validationLoss);
    accuracyPlot_->graph(TrainGraph)->addData(m.epoch, m.accuracy);
    accuracyPlot_->graph(ValidationGraph)->addData(m.epoch, m.validationAccuracy);
    rescale(lossPlot_, false);
    rescale(accuracyPlot_, true);
    // The job's own log line (Keras-like) already reports the epoch in the log view.
}

void TrainPage::onFinished(bool ok, const QString& error) {
    setRunning(false);
    if (ok) {
        phase_->setText(tr("Done: validation accuracy %1%")
                            .arg(controller_->report().accuracy * 100, 0, 'f', 1));
        progress_->setValue(1000);
        progress_->setFormat(tr("Done"));
    } else {
        phase_->setText(error);
        log_->appendPlainText(tr("Training stopped: %1").arg(error));
    }
    eta_->setText(tr("Took %1").arg(formatDuration(clock_.elapsed() / 1000.0)));
}

void TrainPage::updateOverlays() {
    static const QColor colors[] = {QColor(44, 160, 44), QColor(214, 39, 40), QColor(148, 103, 189),
                                    QColor(140, 86, 75), QColor(227, 119, 194)};
    for (QCustomPlot* plot : {lossPlot_, accuracyPlot_}) {
        while (plot->graphCount() > FirstOverlay) {
            plot->removeGraph(plot->graphCount() - 1);
        }
    }
    for (int i = 0; i < runs_->count() && i < project_->runs().size(); ++i) {
        if (runs_->item(i)->checkState() != Qt::Checked) {
            continue;
        }
        const TrainingRunRecord& run = project_->runs()[i];
        const QPen pen(colors[i % 5], 1.5, Qt::DashLine);
        QCPGraph* loss = lossPlot_->addGraph();
        QCPGraph* accuracy = accuracyPlot_->addGraph();
        for (QCPGraph* g : {loss, accuracy}) {
            g->setPen(pen);
            g->setName(tr("%1 (validation)").arg(run.name));
        }
        for (const EpochMetrics& m : run.history) {
            loss->addData(m.epoch, m.validationLoss);
            accuracy->addData(m.epoch, m.validationAccuracy);
        }
    }
    rescale(lossPlot_, false);
    rescale(accuracyPlot_, true);
}

int TrainPage::epochPointCount() const {
    return lossPlot_->graph(TrainGraph)->dataCount();
}

int TrainPage::batchPointCount() const {
    return lossPlot_->graph(RunningGraph)->dataCount();
}

}  // namespace tl
