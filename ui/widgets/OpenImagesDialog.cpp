// SPDX-License-Identifier: MIT
#include "widgets/OpenImagesDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

#include "jobs/JobManager.h"
#include "models/ProjectImporter.h"
#include "models/UserMessages.h"
#include "openimages/OpenImagesDownloadJob.h"
#include "project/Project.h"
#include "project/ProjectLibrary.h"
#include "support/DataSize.h"

namespace tl {

namespace {

QStringList splitNames(const QString& text) {
    QStringList names;
    for (const QString& part : text.split(',', Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty()) {
            names.push_back(part.trimmed());
        }
    }
    return names;
}

}  // namespace

OpenImagesDialog::OpenImagesDialog(Project* project, ProjectImporter* importer, JobManager* jobs,
                                   QWidget* parent)
    : QDialog(parent), project_(project), importer_(importer), jobs_(jobs) {
    setWindowTitle(tr("Download from Open Images"));
    classes_ = new QLineEdit(this);
    classes_->setPlaceholderText(tr("e.g. Alpaca, Llama"));
    classes_->setToolTip(
        tr("Open Images class names, comma separated; each becomes a class of the project"));
    negatives_ = new QLineEdit(this);
    negatives_->setPlaceholderText(tr("optional, e.g. Goat, Bear, Giraffe"));
    negatives_->setToolTip(
        tr("Classes pooled into one \"not …\" class, so the model learns what is not one of "
           "yours"));
    limit_ = new QSpinBox(this);
    limit_->setRange(1, 100000);
    limit_->setValue(150);
    limit_->setToolTip(tr("At most this many photos per class"));
    split_ = new QComboBox(this);
    split_->addItem(tr("train"), int(OpenImagesSplit::Train));
    split_->addItem(tr("validation"), int(OpenImagesSplit::Validation));
    split_->addItem(tr("test"), int(OpenImagesSplit::Test));
    split_->setToolTip(tr("The Open Images subset the photos come from"));
    seed_ = new QSpinBox(this);
    seed_->setRange(0, std::numeric_limits<int>::max());
    seed_->setToolTip(tr("The same seed picks the same photos"));
    folder_ = new QLineEdit(this);
    folder_->setPlaceholderText(QDir::toNativeSeparators(defaultOutputFolder()));
    folder_->setToolTip(tr("One sub-folder per class is created here, with attribution.csv"));
    browse_ = new QPushButton(tr("…"), this);
    connect(browse_, &QPushButton::clicked, this, &OpenImagesDialog::chooseFolder);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(folder_, 1);
    folderRow->addWidget(browse_);

    auto* form = new QFormLayout;
    form->addRow(tr("Classes:"), classes_);
    form->addRow(tr("Negative classes:"), negatives_);
    form->addRow(tr("Photos per class:"), limit_);
    form->addRow(tr("Split:"), split_);
    form->addRow(tr("Seed:"), seed_);
    form->addRow(tr("Download to:"), folderRow);

    auto* note =
        new QLabel(tr("Open Images photos are licensed CC BY 2.0: the authors are credited in "
                      "attribution.csv in the download folder."),
                   this);
    note->setWordWrap(true);
    phase_ = new QLabel(this);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    counts_ = new QLabel(this);
    error_ = new QLabel(this);
    error_->setWordWrap(true);
    error_->setStyleSheet(QStringLiteral("color: #b00;"));
    error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    error_->setVisible(false);
    log_ = new QPlainTextEdit(this);
    log_->setReadOnly(true);
    log_->setMaximumBlockCount(2000);
    log_->setPlaceholderText(tr("Download log"));

    download_ = new QPushButton(tr("Download"), this);
    download_->setDefault(true);
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setEnabled(false);
    auto* close = new QPushButton(tr("Close"), this);
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(download_, QDialogButtonBox::AcceptRole);
    buttons->addButton(cancel_, QDialogButtonBox::ActionRole);
    buttons->addButton(close, QDialogButtonBox::RejectRole);
    connect(download_, &QPushButton::clicked, this, &OpenImagesDialog::startDownload);
    connect(cancel_, &QPushButton::clicked, this, [this] {
        if (job_) {
            job_->cancel();
        }
        phase_->setText(tr("Canceling…"));
    });
    connect(close, &QPushButton::clicked, this, &OpenImagesDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(phase_);
    layout->addWidget(progress_);
    layout->addWidget(counts_);
    layout->addWidget(error_);
    layout->addWidget(log_, 1);
    layout->addWidget(buttons);
    resize(560, 520);
}

OpenImagesDialog::~OpenImagesDialog() {
    if (job_) {
        job_->cancel();  // the manager finishes it; its signals to us are gone with us
    }
}

QString OpenImagesDialog::defaultOutputFolder() const {
    // A visible folder beside the project (projects always have a folder of their own); else
    // in the projects folder.
    const QString folder = project_ ? project_->folder() : QString();
    if (!folder.isEmpty()) {
        return QDir(folder).filePath(QStringLiteral("open-images"));
    }
    return QDir(ProjectLibrary::defaultFolder()).filePath(QStringLiteral("open-images"));
}

OpenImagesRequest OpenImagesDialog::request() const {
    OpenImagesRequest request = template_;
    request.classes = splitNames(classes_->text());
    request.negativeClasses = splitNames(negatives_->text());
    request.limitPerClass = limit_->value();
    request.split = OpenImagesSplit(split_->currentData().toInt());
    request.seed = quint64(seed_->value());
    const QString folder = folder_->text().trimmed();
    request.outputDir = QDir::cleanPath(folder.isEmpty() ? defaultOutputFolder() : folder);
    return request;
}

bool OpenImagesDialog::isRunning() const {
    return !job_.isNull();
}

void OpenImagesDialog::chooseFolder() {
    const QString start = folder_->text().isEmpty() ? defaultOutputFolder() : folder_->text();
    QDir().mkpath(QFileInfo(start).absolutePath());
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Download Open Images Photos To"), start);
    if (!dir.isEmpty()) {
        folder_->setText(QDir::toNativeSeparators(dir));
    }
}

void OpenImagesDialog::startDownload() {
    if (job_) {
        return;
    }
    const OpenImagesRequest request = this->request();
    if (request.classes.isEmpty()) {
        showError(tr("Enter at least one Open Images class name, such as Alpaca."));
        return;
    }
    error_->setVisible(false);
    log_->clear();
    counts_->clear();
    progress_->setValue(0);
    progress_->setFormat(QStringLiteral("%p%"));
    auto job = std::make_unique<OpenImagesDownloadJob>(request);
    // Phases are compared by identifier: the text is translated.
    connect(job.get(), &Job::phaseChanged, this, [this](const QString& phase, const QString& text) {
        currentPhase_ = phase;
        phase_->setText(phase == QLatin1String("metadata")    ? tr("Getting the class lists…")
                        : phase == QLatin1String("selection") ? tr("Choosing photos…")
                        : phase == QLatin1String("images")    ? tr("Downloading photos…")
                                                              : text);
    });
    connect(job.get(), &Job::progressChanged, this,
            [this](double fraction, const QString&) { progress_->setValue(int(fraction * 1000)); });
    connect(job.get(), &Job::logMessage, log_, &QPlainTextEdit::appendPlainText);
    connect(job.get(), &OpenImagesDownloadJob::countsChanged, this, &OpenImagesDialog::onCounts);
    connect(job.get(), &Job::finished, this,
            [this, raw = job.get()](bool ok, const QString& error) {
                job_.clear();
                onFinished(*raw, ok, error);
            });
    job_ = job.get();
    jobs_->submit(std::move(job));
    log_->appendPlainText(
        tr("Downloading into %1").arg(QDir::toNativeSeparators(request.outputDir)));
    setRunning(true);
}

void OpenImagesDialog::onCounts(qint64 itemsDone, qint64 itemsTotal, qint64 bytesDone,
                                qint64 bytesTotal) {
    const QString bytes =
        bytesTotal > 0 ? tr("%1 of %2").arg(formatDataSize(bytesDone), formatDataSize(bytesTotal))
                       : formatDataSize(bytesDone);
    const QString total = itemsTotal >= 0 ? QString::number(itemsTotal) : tr("?");
    if (currentPhase_ == QLatin1String("metadata")) {
        counts_->setText(tr("File %1 of %2, %3").arg(itemsDone).arg(total, bytes));
    } else if (currentPhase_ == QLatin1String("selection")) {
        counts_->setText(tr("%1 label rows read, %2").arg(itemsDone).arg(bytes));
    } else {
        counts_->setText(tr("%1 of %2 photos, %3").arg(itemsDone).arg(total, bytes));
    }
}

void OpenImagesDialog::onFinished(const OpenImagesDownloadJob& job, bool ok, const QString& error) {
    setRunning(false);
    const bool canceled = job.wasCanceled();
    if (ok) {
        const OpenImagesDownloadSummary& summary = job.summary();
        QStringList parts;
        for (const OpenImagesClassReport& c : summary.classes) {
            parts.push_back(tr("%1: %2").arg(c.folder).arg(c.present()));
        }
        phase_->setText(tr("Done: %1").arg(parts.join(QStringLiteral(", "))));
        progress_->setValue(1000);
        if (summary.failed() > 0) {
            showError(tr("%n photo(s) could not be downloaded; Download again to retry them.",
                         nullptr, summary.failed()));
        }
        if (importer_) {
            importer_->importPaths({job.request().outputDir}, -1);
            log_->appendPlainText(tr("Adding the class folders to the project…"));
        }
    } else if (canceled) {
        phase_->setText(tr("Canceled. Download again to resume."));
    } else {
        phase_->setText(tr("Failed"));
        // Said in GUI words, by kind: offline is "no internet connection", not a hint for
        // the command line.
        log_->appendPlainText(UserMessages::withoutCommandLineAdvice(error));
        showError(UserMessages::describe(job.error().kind, error));
    }
    emit downloadFinished(ok, error);
    if (closeWhenDone_) {
        closeWhenDone_ = false;
        QDialog::reject();
    }
}

void OpenImagesDialog::showError(const QString& message) {
    error_->setText(message);
    error_->setVisible(true);
}

void OpenImagesDialog::setRunning(bool running) {
    for (QWidget* w : std::initializer_list<QWidget*>{classes_, negatives_, limit_, split_, seed_,
                                                      folder_, browse_, download_}) {
        w->setEnabled(!running);
    }
    cancel_->setEnabled(running);
}

void OpenImagesDialog::reject() {
    if (job_) {
        // Closing cancels; the dialog goes once the worker has stopped.
        closeWhenDone_ = true;
        job_->cancel();
        phase_->setText(tr("Canceling…"));
        return;
    }
    QDialog::reject();
}

}  // namespace tl
