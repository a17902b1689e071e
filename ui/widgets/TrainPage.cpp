// SPDX-License-Identifier: MIT
#include "widgets/TrainPage.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTime>
#include <QTimer>
#include <QVBoxLayout>

#include "backbones/BackboneCatalog.h"
#include "backbones/BackboneDownloadJob.h"
#include "backbones/BackboneStore.h"
#include "jobs/JobManager.h"
#include "models/BackboneChoiceList.h"
#include "models/Preferences.h"
#include "models/RunProgress.h"
#include "models/TrainingController.h"
#include "models/UserMessages.h"
#include "project/Project.h"
#include "widgets/BackbonePicker.h"
#include "widgets/MissingBackboneDialog.h"
#include "widgets/TrainingCurves.h"
#include "widgets/TrainingSettingsForm.h"

namespace tl {

namespace {

bool dialogsAllowed() {
    return !qEnvironmentVariableIsSet("TRANSFERLAB_NO_DIALOGS");
}

QString percent(double fraction) {
    return QString::number(fraction * 100, 'f', 1);
}

// A catalogue backbone installed with TransferLab, the default one first; empty if none.
const BackboneCatalogEntry* bundledEntry(const BackboneStore& store) {
    const BackboneCatalogEntry& preferred = store.catalog().defaultEntry();
    if (store.bundled(preferred.name)) {
        return &preferred;
    }
    for (const BackboneCatalogEntry& entry : store.catalog().entries()) {
        if (store.bundled(entry.name)) {
            return &entry;
        }
    }
    return nullptr;
}

}  // namespace

TrainPage::TrainPage(Project* project, TrainingController* controller, JobManager* jobs,
                     QWidget* parent)
    : QWidget(parent), project_(project), controller_(controller), jobs_(jobs) {
    curves_ = new TrainingCurves(this);
    ticker_ = new QTimer(this);
    ticker_->setInterval(1000);
    connect(ticker_, &QTimer::timeout, this, &TrainPage::updateProgress);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(buildControls());
    splitter->addWidget(curves_);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({340, 900});
    splitter->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(project_, &Project::settingsChanged, this, &TrainPage::loadFromProject);
    connect(project_, &Project::runsChanged, this, &TrainPage::updateRuns);
    connect(project_, &Project::currentRunChanged, this, &TrainPage::updateRuns);
    connect(project_, &Project::imagesAdded, this, &TrainPage::updateReadiness);
    connect(project_, &Project::imageChanged, this, &TrainPage::updateReadiness);
    connect(project_, &Project::reset, this, &TrainPage::updateReadiness);
    connect(project_, &Project::classesChanged, this, &TrainPage::updateReadiness);
    connect(runs_, &QListWidget::itemChanged, this, &TrainPage::updateOverlays);
    connect(controller_, &TrainingController::phaseChanged, this,
            [this](const QString&, const QString& text) {
                log_->appendPlainText(QTime::currentTime().toString("HH:mm:ss  ") + text);
            });
    connect(controller_->progress(), &RunProgress::changed, this, &TrainPage::updateProgress);
    connect(controller_, &TrainingController::logMessage, log_, &QPlainTextEdit::appendPlainText);
    connect(controller_, &TrainingController::batchFinished, curves_, &TrainingCurves::addBatch);
    connect(controller_, &TrainingController::epochFinished, curves_, &TrainingCurves::addEpoch);
    connect(controller_, &TrainingController::epochFinished, this,
            [this] { finish_->setEnabled(controller_->hasModelSoFar()); });
    connect(controller_, &TrainingController::finished, this, &TrainPage::onTrainingFinished);
    connect(controller_, &TrainingController::resultsChanged, this, &TrainPage::showCurrentRun);
    connect(picker_, &BackbonePicker::chosen, this, &TrainPage::onBackboneChosen);
    connect(picker_, &BackbonePicker::importFinished, this,
            [this](bool ok, const QString& name, const QString& error) {
                log_->appendPlainText(ok ? tr("Imported the backbone %1").arg(name) : error);
                const bool train = trainAfterImport_;
                trainAfterImport_ = false;
                if (ok) {
                    phase_->setText(tr("Ready"));
                    showMessage({});
                    if (train) {
                        startTrainingNow();
                    }
                } else if (train) {
                    askForBackbone(error);
                }
            });
    connect(form_, &TrainingSettingsForm::edited, this, &TrainPage::storeToProject);
    loadFromProject();
    updateRuns();
    updateReadiness();
}

TrainPage::~TrainPage() = default;

QWidget* TrainPage::buildControls() {
    auto* panel = new QWidget(this);
    picker_ = new BackbonePicker(panel);
    auto* backboneBox = new QGroupBox(tr("Backbone"), panel);
    auto* backboneLayout = new QVBoxLayout(backboneBox);
    backboneLayout->addWidget(picker_);

    form_ = new TrainingSettingsForm(panel);
    auto* settingsBox = new QGroupBox(tr("Settings"), panel);
    auto* settingsLayout = new QVBoxLayout(settingsBox);
    settingsLayout->addWidget(form_);

    train_ = new QPushButton(tr("Train"), panel);
    train_->setToolTip(tr("Train a classifier on the labelled photos (Ctrl+T)"));
    train_->setDefault(true);
    stop_ = new QPushButton(tr("Stop"), panel);
    stop_->setToolTip(tr("Stop now; this run's model is not kept"));
    stop_->setEnabled(false);
    finish_ = new QPushButton(tr("Finish Now"), panel);
    finish_->setToolTip(tr("End training after this epoch and keep the best model so far"));
    finish_->setEnabled(false);
    connect(train_, &QPushButton::clicked, this, &TrainPage::startTraining);
    connect(stop_, &QPushButton::clicked, this, [this] {
        if (download_) {
            download_->cancel();
        } else {
            controller_->stop();
        }
    });
    connect(finish_, &QPushButton::clicked, this, [this] {
        controller_->finishEarly();
        finish_->setEnabled(false);
        showMessage(tr("Finishing after this epoch; the best model so far is kept."));
    });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(train_);
    buttons->addWidget(stop_);
    buttons->addWidget(finish_);

    message_ = new QLabel(panel);
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    message_->setVisible(false);
    phase_ = new QLabel(tr("Ready"), panel);
    phase_->setWordWrap(true);
    progress_ = new QProgressBar(panel);
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    progress_->setTextVisible(true);
    progress_->setFormat(QString());
    estimate_ = new QLabel(panel);
    estimate_->setWordWrap(true);

    runs_ = new QListWidget(panel);
    runs_->setToolTip(
        tr("Tick earlier runs to overlay their validation curves; double-click a "
           "run to make its model the current one"));
    runs_->setContextMenuPolicy(Qt::CustomContextMenu);
    runs_->setMinimumHeight(60);
    runs_->setTextElideMode(Qt::ElideRight);
    runs_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(runs_, &QListWidget::itemDoubleClicked, this,
            [this](QListWidgetItem* item) { project_->setCurrentRun(runs_->row(item)); });
    connect(runs_, &QListWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        const int row = runs_->row(runs_->itemAt(pos));
        if (row < 0 || controller_->isRunning()) {
            return;
        }
        QMenu menu(this);
        menu.addAction(tr("Use This Model"), this, [this, row] { project_->setCurrentRun(row); })
            ->setEnabled(row != project_->currentRun());
        menu.exec(runs_->viewport()->mapToGlobal(pos));
    });
    log_ = new QPlainTextEdit(panel);
    log_->setReadOnly(true);
    log_->setMaximumBlockCount(5000);
    log_->setPlaceholderText(tr("Training log"));
    log_->setMinimumHeight(60);

    auto* content = new QWidget(panel);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 4, 0);
    layout->addWidget(backboneBox);
    layout->addWidget(settingsBox);
    layout->addLayout(buttons);
    layout->addWidget(message_);
    layout->addWidget(phase_);
    layout->addWidget(progress_);
    layout->addWidget(estimate_);
    layout->addWidget(new QLabel(tr("<b>Runs</b>"), content));
    layout->addWidget(runs_, 1);
    layout->addWidget(log_, 1);
    // Small screens: the controls scroll rather than push the window's minimum height up.
    auto* scroll = new QScrollArea(panel);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(300);
    auto* outer = new QVBoxLayout(panel);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(scroll);
    return panel;
}

void TrainPage::setBackboneChoices(const QStringList& choices) {
    picker_->setLocalFolders(choices);
    loadFromProject();
}

QString TrainPage::currentBackbone() const {
    return picker_->currentBackbone();
}

void TrainPage::selectBackbone(const QString& reference) {
    picker_->selectBackbone(reference);
    onBackboneChosen(reference);
}

void TrainPage::importBackbone(const QString& path) {
    picker_->importBackbone(path);
}

bool TrainPage::isDownloadingBackbone() const {
    return !download_.isNull();
}

QComboBox* TrainPage::backboneCombo() const {
    return picker_->combo();
}

QLabel* TrainPage::backboneStatus() const {
    return picker_->statusLabel();
}

QCustomPlot* TrainPage::lossPlot() const {
    return curves_->lossPlot();
}

QCustomPlot* TrainPage::accuracyPlot() const {
    return curves_->accuracyPlot();
}

int TrainPage::epochPointCount() const {
    return curves_->epochPointCount();
}

int TrainPage::batchPointCount() const {
    return curves_->batchPointCount();
}

bool TrainPage::isBackboneAvailable(const QString& reference) {
    if (reference.isEmpty()) {
        return false;
    }
    const BackboneStore store;
    if (store.catalog().find(reference)) {
        return store.isAvailableOffline(reference);
    }
    return QFileInfo::exists(reference) || store.stored(reference).has_value();
}

QString TrainPage::describeBackbone(const QString& reference) {
    const BackboneStore store;
    if (const BackboneCatalogEntry* entry = store.catalog().find(reference)) {
        return BackboneChoiceList::describe(entry->spec);
    }
    if (const auto stored = store.stored(reference)) {
        return BackboneChoiceList::describe(stored->spec);
    }
    return QFileInfo(reference).fileName().isEmpty() ? reference : QFileInfo(reference).fileName();
}

void TrainPage::loadFromProject() {
    const TrainingSettings& s = project_->settings();
    loading_ = true;
    if (!s.backbone.empty() && QString::fromStdString(s.backbone) != currentBackbone()) {
        picker_->selectBackbone(QString::fromStdString(s.backbone));
    }
    form_->load(s);
    loading_ = false;
}

void TrainPage::storeToProject() {
    if (loading_) {
        return;
    }
    TrainingSettings s = project_->settings();
    const BackboneChoice choice = picker_->currentChoice();
    if (!choice.reference.isEmpty()) {
        s.backbone = choice.reference.toStdString();
        // The backbone's own size: the list names it, and training uses it.
        if (choice.inputSize > 0) {
            s.inputSize = choice.inputSize;
        }
    }
    form_->store(s);
    loading_ = true;  // the project echoes settingsChanged back to us
    project_->setSettings(s);
    loading_ = false;
}

void TrainPage::onBackboneChosen(const QString& reference) {
    if (reference.isEmpty()) {
        return;
    }
    // What the user picks last is what new projects start with.
    Preferences().setDefaultBackbone(reference);
    phase_->setText(tr("Ready"));
    storeToProject();
}

void TrainPage::updateReadiness() {
    if (controller_->isRunning() || download_) {
        return;
    }
    QString why;
    const bool ready = controller_->isReady(&why);
    train_->setEnabled(ready && !picker_->isImporting());
    train_->setToolTip(ready ? tr("Train a classifier on the labelled photos (Ctrl+T)") : why);
    if (ready && message_->isVisible() && message_->property("notReady").toBool()) {
        showMessage({});
    }
}

void TrainPage::showMessage(const QString& text, bool error) {
    message_->setText(text);
    message_->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
    message_->setVisible(!text.isEmpty());
    message_->setProperty("notReady", false);
}

void TrainPage::startTraining() {
    if (download_ || picker_->isImporting() || controller_->isRunning()) {
        return;
    }
    // Photos and classes first: no backbone question before there is something to train.
    QString why;
    if (!controller_->isReady(&why)) {
        showMessage(why, true);
        message_->setProperty("notReady", true);
        return;
    }
    storeToProject();
    backboneAsked_ = false;
    const QString reference = QString::fromStdString(project_->settings().backbone);
    if (!isBackboneAvailable(reference)) {
        askForBackbone({});
        return;
    }
    startTrainingNow();
}

void TrainPage::askForBackbone(const QString& problem) {
    const QString reference = QString::fromStdString(project_->settings().backbone);
    const BackboneStore store;
    const BackboneCatalogEntry* entry = store.catalog().find(reference);
    MissingBackboneDialog::Options options;
    options.backboneLabel = describeBackbone(reference);
    options.canDownload = entry != nullptr;
    options.downloadBytes = entry ? entry->sizeBytes : -1;
    if (const BackboneCatalogEntry* bundled = bundledEntry(store);
        bundled && bundled->name != reference) {
        options.bundledReference = bundled->name;
        options.bundledLabel = BackboneChoiceList::describe(bundled->spec);
    }
    options.problem = problem;
    MissingBackboneDialog dialog(options, this);
    emit missingBackboneDialogOpened(&dialog);
    showMessage(problem, !problem.isEmpty());
    if (!dialogsAllowed() && problem.isEmpty()) {
        showMessage(tr("The backbone %1 is not on this computer.").arg(options.backboneLabel),
                    true);
        return;
    }
    if (!dialogsAllowed() || dialog.exec() != QDialog::Accepted) {
        return;
    }
    backboneAsked_ = true;
    switch (dialog.choice()) {
        case MissingBackboneDialog::Choice::Download:
            Preferences().setDefaultBackbone(reference);
            startBackboneDownload(reference);
            break;
        case MissingBackboneDialog::Choice::ChooseFile:
            trainAfterImport_ = true;
            picker_->chooseFile();
            if (!picker_->isImporting()) {
                trainAfterImport_ = false;  // the file dialog was cancelled
            }
            break;
        case MissingBackboneDialog::Choice::UseBundled:
            selectBackbone(options.bundledReference);
            startTrainingNow();
            break;
        case MissingBackboneDialog::Choice::Cancel:
            break;
    }
}

bool TrainPage::startBackboneDownload(const QString& name) {
    if (download_) {
        return false;
    }
    curves_->clear();
    auto job = std::make_unique<BackboneDownloadJob>(BackboneStore(), name);
    connect(job.get(), &Job::progressChanged, this, [this](double fraction, const QString& detail) {
        progress_->setValue(static_cast<int>(fraction * 1000));
        progress_->setFormat(detail);
    });
    connect(job.get(), &Job::logMessage, log_, &QPlainTextEdit::appendPlainText);
    connect(job.get(), &Job::finished, this, [this, raw = job.get()](bool ok, const QString&) {
        download_.clear();
        onBackboneDownloadFinished(*raw, ok);
    });
    download_ = job.get();
    jobs_->submit(std::move(job));
    phase_->setText(tr("Downloading the backbone %1").arg(describeBackbone(name)));
    estimate_->setText(tr("Stop cancels; the download resumes next time."));
    showMessage({});
    setRunning(true);
    return true;
}

void TrainPage::onBackboneDownloadFinished(const Job& job, bool ok) {
    setRunning(false);
    picker_->refresh();
    emit backboneDownloadFinished(ok, job.errorMessage());
    progress_->setValue(0);
    progress_->setFormat(QString());
    estimate_->clear();
    if (ok) {
        phase_->setText(tr("Backbone ready"));
        log_->appendPlainText(tr("Backbone %1 ready").arg(currentBackbone()));
        startTrainingNow();
        return;
    }
    if (job.wasCanceled()) {
        phase_->setText(tr("Download canceled; it resumes next time."));
        return;
    }
    phase_->setText(tr("Ready"));
    log_->appendPlainText(UserMessages::withoutCommandLineAdvice(job.error().message));
    askForBackbone(tr("The download did not work. %1").arg(UserMessages::describe(job.error())));
}

void TrainPage::startTrainingNow() {
    curves_->clear();
    QString error;
    if (!controller_->start(&error)) {
        if (!error.isEmpty()) {
            showMessage(error, true);
        }
        return;
    }
    showMessage({});
    log_->appendPlainText(tr("Training started"));
    liveRun_ = true;
    setRunning(true);
    ticker_->start();
}

void TrainPage::onTrainingFinished(bool ok, const QString& error) {
    ticker_->stop();
    liveRun_ = false;
    setRunning(false);
    const JobError& failure = controller_->lastError();
    if (ok) {
        const CrossValidationSummary& cv = controller_->crossValidation();
        phase_->setText(cv.available()
                            ? tr("Done: cross-validated accuracy %1% ± %2%, validation accuracy "
                                 "%3%")
                                  .arg(percent(cv.accuracyMean), percent(cv.accuracySd),
                                       percent(controller_->report().accuracy))
                            : tr("Done: validation accuracy %1%")
                                  .arg(controller_->report().accuracy * 100, 0, 'f', 1));
        progress_->setValue(1000);
        progress_->setFormat(tr("Done"));
        estimate_->setText(tr("Took %1").arg(
            RunProgress::formatDuration(controller_->progress()->secondsElapsed())));
        return;
    }
    progress_->setValue(0);
    progress_->setFormat(QString());
    estimate_->clear();
    log_->appendPlainText(
        tr("Training stopped: %1").arg(UserMessages::withoutCommandLineAdvice(error)));
    if (controller_->lastRunCanceled()) {
        phase_->setText(tr("Stopped; the previous model is kept."));
        return;
    }
    phase_->setText(tr("Training did not finish."));
    if (failure.kind == ErrorKind::BackboneUnavailable && !backboneAsked_) {
        backboneAsked_ = true;
        askForBackbone(UserMessages::describe(failure));
        return;
    }
    showMessage(UserMessages::describe(failure), true);
}

void TrainPage::setRunning(bool running) {
    train_->setEnabled(!running);
    stop_->setEnabled(running);
    finish_->setEnabled(running && controller_->hasModelSoFar());
    form_->setLocked(running);
    picker_->setLocked(running);
    if (!running) {
        updateReadiness();
    }
}

void TrainPage::updateProgress() {
    const RunProgress* progress = controller_->progress();
    if (!progress->isRunning()) {
        return;
    }
    const QString count = progress->countText();
    phase_->setText(count.isEmpty() ? progress->phaseText()
                                    : tr("%1 · %2").arg(progress->phaseText(), count));
    progress_->setValue(static_cast<int>(progress->overallFraction() * 1000));
    progress_->setFormat(tr("%p% of the run"));
    estimate_->setText(tr("Elapsed %1. %2")
                           .arg(RunProgress::formatDuration(progress->secondsElapsed()),
                                progress->estimateText()));
}

void TrainPage::updateRuns() {
    const QSignalBlocker block(runs_);
    QVector<bool> checked;
    for (int i = 0; i < runs_->count(); ++i) {
        checked.push_back(runs_->item(i)->checkState() == Qt::Checked);
    }
    runs_->clear();
    const QVector<TrainingRunRecord>& runs = project_->runs();
    // Runs compare by their cross-validated accuracy, which rests on every training photo,
    // where they have one; one validation split of a few dozen photos cannot tell them apart.
    int best = -1;
    int crossValidated = 0;
    for (int i = 0; i < runs.size(); ++i) {
        if (runs[i].crossValidationFolds > 0) {
            ++crossValidated;
            if (best < 0 || runs[i].crossValidatedAccuracy > runs[best].crossValidatedAccuracy) {
                best = i;
            }
        }
    }
    if (crossValidated < 2) {
        best = -1;  // nothing to compare
    }
    for (int i = 0; i < runs.size(); ++i) {
        const TrainingRunRecord& run = runs[i];
        const bool current = i == project_->currentRun();
        const bool kfold = run.crossValidationFolds > 0;
        const QString accuracy =
            kfold ? tr("%1% ± %2% cross-validated")
                        .arg(percent(run.crossValidatedAccuracy), percent(run.crossValidatedSd))
                  : percent(run.validationAccuracy) + QLatin1Char('%');
        QString marks;
        if (i == best) {
            marks += tr(" · best");
        }
        if (current) {
            marks += tr(" · current model");
        }
        // What tells runs apart first; the backbone last, where it may be cut.
        auto* item = new QListWidgetItem(
            tr("%1 · %2%3 · %4").arg(run.name, accuracy, marks, run.backbone), runs_);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.value(i) ? Qt::Checked : Qt::Unchecked);
        QFont font = item->font();
        font.setBold(current);
        item->setFont(font);
        QStringList tip{run.backbone, run.modelFolder.isEmpty()
                                          ? run.name
                                          : QDir::toNativeSeparators(run.modelFolder)};
        if (kfold) {
            tip << tr("Cross-validated accuracy (%n folds): %1% ± %2%", nullptr,
                      run.crossValidationFolds)
                       .arg(percent(run.crossValidatedAccuracy), percent(run.crossValidatedSd));
        }
        tip << tr("Validation accuracy: %1%").arg(percent(run.validationAccuracy));
        if (run.automatic) {
            tip << tr("Settings chosen by the automatic recipe");
        }
        if (i == best) {
            tip << tr("The best run by cross-validated accuracy");
        }
        item->setToolTip(tip.join('\n'));
    }
    updateOverlays();
}

void TrainPage::updateOverlays() {
    QVector<TrainingRunRecord> overlays;
    for (int i = 0; i < runs_->count() && i < project_->runs().size(); ++i) {
        if (runs_->item(i)->checkState() == Qt::Checked) {
            overlays.push_back(project_->runs()[i]);
        }
    }
    curves_->setOverlays(overlays);
}

void TrainPage::showCurrentRun() {
    if (controller_->isRunning() || liveRun_) {
        return;  // the curves already show this run, per batch
    }
    curves_->showHistory(controller_->history());
    const int index = controller_->runIndex();
    if (index >= 0 && index < project_->runs().size()) {
        const TrainingRunRecord& run = project_->runs()[index];
        phase_->setText(run.crossValidationFolds > 0
                            ? tr("Current model: %1, cross-validated accuracy %2% ± %3%, "
                                 "validation accuracy %4%")
                                  .arg(run.name, percent(run.crossValidatedAccuracy),
                                       percent(run.crossValidatedSd),
                                       percent(run.validationAccuracy))
                            : tr("Current model: %1, validation accuracy %2%")
                                  .arg(run.name)
                                  .arg(run.validationAccuracy * 100, 0, 'f', 1));
    } else {
        phase_->setText(tr("Ready"));
    }
}

}  // namespace tl
