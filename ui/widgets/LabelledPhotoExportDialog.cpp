// SPDX-License-Identifier: MIT
#include "widgets/LabelledPhotoExportDialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include "jobs/JobManager.h"
#include "models/UserMessages.h"
#include "project/Project.h"

namespace tl {

LabelledPhotoExportDialog::LabelledPhotoExportDialog(Project* project, JobManager* jobs,
                                                     QWidget* parent)
    : QDialog(parent), project_(project), jobs_(jobs) {
    setWindowTitle(tr("Export Labelled Photos"));
    auto* intro = new QLabel(
        tr("Writes the project's labels, with your corrections, where other tools can read "
           "them. Excluded and unlabeled photos are left out. Your photo folders are not "
           "touched: TransferLab writes only a new folder or file."),
        this);
    intro->setWordWrap(true);
    copies_ = new QRadioButton(tr("A folder of class sub-folders with copies of the photos"), this);
    links_ = new QRadioButton(
        tr("A folder of class sub-folders with hard links (no extra disk space; copies where "
           "links are not possible)"),
        this);
    csv_ = new QRadioButton(tr("A labels CSV file (path, label)"), this);
    copies_->setChecked(true);
    for (QRadioButton* button : {copies_, links_, csv_}) {
        connect(button, &QRadioButton::toggled, this, [this](bool on) {
            if (on) {
                updateDefaultDestination();
            }
        });
    }
    destination_ = new QLineEdit(this);
    auto* browse = new QPushButton(tr("…"), this);
    connect(browse, &QPushButton::clicked, this, &LabelledPhotoExportDialog::chooseDestination);
    auto* row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Write to:"), this));
    row->addWidget(destination_, 1);
    row->addWidget(browse);
    counts_ = new QLabel(this);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setVisible(false);
    export_ = new QPushButton(tr("Export"), this);
    export_->setDefault(true);
    cancel_ = new QPushButton(tr("Close"), this);
    connect(export_, &QPushButton::clicked, this, &LabelledPhotoExportDialog::startExport);
    connect(cancel_, &QPushButton::clicked, this, [this] {
        if (job_) {
            job_->cancel();
        } else {
            reject();
        }
    });
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(export_, QDialogButtonBox::AcceptRole);
    buttons->addButton(cancel_, QDialogButtonBox::RejectRole);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(copies_);
    layout->addWidget(links_);
    layout->addWidget(csv_);
    layout->addLayout(row);
    layout->addWidget(counts_);
    layout->addWidget(progress_);
    layout->addWidget(status_);
    layout->addWidget(buttons);
    const int photos = int(LabelledPhotoExportJob::photosOf(*project_).size());
    counts_->setText(
        tr("%n labelled photo(s) in %1 class(es)", nullptr, photos).arg(project_->classCount()));
    export_->setEnabled(photos > 0);
    updateDefaultDestination();
    resize(620, sizeHint().height());
}

LabelledPhotoExportDialog::~LabelledPhotoExportDialog() {
    if (job_) {
        job_->cancel();  // the manager finishes it; its signals to us are gone with us
    }
}

void LabelledPhotoExportDialog::setMode(PhotoExportMode mode) {
    (mode == PhotoExportMode::Copies      ? copies_
     : mode == PhotoExportMode::HardLinks ? links_
                                          : csv_)
        ->setChecked(true);
}

PhotoExportMode LabelledPhotoExportDialog::mode() const {
    return copies_->isChecked()  ? PhotoExportMode::Copies
           : links_->isChecked() ? PhotoExportMode::HardLinks
                                 : PhotoExportMode::LabelsCsv;
}

void LabelledPhotoExportDialog::setDestination(const QString& path) {
    destination_->setText(QDir::toNativeSeparators(path));
}

QString LabelledPhotoExportDialog::destination() const {
    return QDir::cleanPath(QDir::fromNativeSeparators(destination_->text().trimmed()));
}

void LabelledPhotoExportDialog::updateDefaultDestination() {
    // A name that does not exist yet, beside the project.
    const QString base = QDir(project_->folder().isEmpty() ? QDir::homePath() : project_->folder())
                             .filePath(project_->name() + (mode() == PhotoExportMode::LabelsCsv
                                                               ? QStringLiteral(" labels")
                                                               : QStringLiteral(" labelled")));
    const QString suffix =
        mode() == PhotoExportMode::LabelsCsv ? QStringLiteral(".csv") : QString();
    QString candidate = base + suffix;
    for (int n = 2; QFileInfo::exists(candidate); ++n) {
        candidate = QStringLiteral("%1 %2%3").arg(base).arg(n).arg(suffix);
    }
    setDestination(candidate);
}

void LabelledPhotoExportDialog::chooseDestination() {
    const QString path =
        mode() == PhotoExportMode::LabelsCsv
            ? QFileDialog::getSaveFileName(this, tr("Labels CSV"), destination(), tr("CSV (*.csv)"),
                                           nullptr, QFileDialog::DontConfirmOverwrite)
            : QFileDialog::getSaveFileName(this, tr("New Folder for the Photos"), destination(), {},
                                           nullptr, QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty()) {
        setDestination(path);
    }
}

bool LabelledPhotoExportDialog::startExport() {
    if (job_) {
        return false;
    }
    auto job = std::make_unique<LabelledPhotoExportJob>(LabelledPhotoExportJob::photosOf(*project_),
                                                        destination(), mode());
    LabelledPhotoExportJob* raw = job.get();
    connect(raw, &Job::progressChanged, this,
            [this](double fraction) { progress_->setValue(int(fraction * 1000)); });
    connect(raw, &Job::finished, this, [this, raw](bool ok, const QString&) {
        job_.clear();
        progress_->setVisible(false);
        export_->setEnabled(true);
        cancel_->setText(tr("Close"));
        QString message;
        if (ok) {
            const auto& summary = raw->summary();
            message = tr("Exported %n photo(s) to %1.", nullptr, summary.written)
                          .arg(QDir::toNativeSeparators(raw->destination()));
            if (summary.linked > 0 && summary.linked < summary.written) {
                message += ' ' + tr("%n of them as hard links.", nullptr, summary.linked);
            }
            if (!summary.missing.isEmpty()) {
                message += ' ' + tr("%n photo(s) were missing and left out.", nullptr,
                                    int(summary.missing.size()));
            }
        } else if (raw->wasCanceled()) {
            message = tr("Canceled: nothing was written.");
        } else {
            message = UserMessages::describe(raw->error());
        }
        status_->setText(message);
        emit exportFinished(ok, message);
    });
    job_ = raw;
    export_->setEnabled(false);
    cancel_->setText(tr("Cancel"));
    progress_->setValue(0);
    progress_->setVisible(mode() != PhotoExportMode::LabelsCsv);
    status_->setText(tr("Exporting…"));
    jobs_->submit(std::move(job));
    return true;
}

}  // namespace tl
