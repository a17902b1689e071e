// SPDX-License-Identifier: MIT
#include "widgets/InspectionDialog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include "models/DuplicateGroupModel.h"
#include "models/InspectionController.h"
#include "models/SuspectListModel.h"
#include "widgets/DuplicateGroupsView.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/HeatmapViewer.h"
#include "widgets/SuspectGallery.h"

namespace tl {

InspectionDialog::InspectionDialog(InspectionController* inspection, HeatmapController* heatmaps,
                                   Project* project, QUndoStack* undoStack,
                                   ThumbnailCache* thumbnails, TrainingController* training,
                                   QWidget* parent)
    : QDialog(parent), inspection_(inspection) {
    setWindowTitle(tr("Inspect the Data — TransferLab"));
    auto* issuesModel = new SuspectListModel(project, inspection, thumbnails,
                                             SuspectListModel::Kind::LabelIssues, this);
    auto* outliersModel = new SuspectListModel(project, inspection, thumbnails,
                                               SuspectListModel::Kind::Outliers, this);
    auto* groupsModel = new DuplicateGroupModel(project, inspection, thumbnails, this);
    labelIssues_ = new SuspectGallery(issuesModel, project, undoStack, this);
    outliers_ = new SuspectGallery(outliersModel, project, undoStack, this);
    duplicates_ = new DuplicateGroupsView(groupsModel, project, undoStack, this);
    map_ = new EmbeddingMapView(inspection, project, undoStack, thumbnails, training, this);
    viewer_ = new HeatmapViewer(heatmaps, this);

    tabs_ = new QTabWidget(this);
    tabs_->addTab(labelIssues_, tr("Likely &Label Errors"));
    tabs_->addTab(outliers_, tr("&Outliers"));
    tabs_->addTab(duplicates_, tr("Near-&Duplicates"));
    tabs_->addTab(map_, tr("Embedding &Map"));
    for (SuspectGallery* gallery : {labelIssues_, outliers_}) {
        connect(gallery, &SuspectGallery::viewRequested, this, &InspectionDialog::showViewer);
        connect(gallery, &SuspectGallery::showInDataPage, this, &InspectionDialog::showInDataPage);
    }
    connect(duplicates_, &DuplicateGroupsView::viewRequested, this, &InspectionDialog::showViewer);
    connect(map_, &EmbeddingMapView::selectOnDataPage, this, &InspectionDialog::selectOnDataPage);

    status_ = new QLabel(this);
    status_->setWordWrap(true);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setMaximumWidth(260);
    again_ = new QPushButton(tr("Check &Again"), this);
    again_->setToolTip(tr("Inspect the project's photos again (features come from the cache)"));
    cancel_ = new QPushButton(tr("Cancel"), this);
    connect(again_, &QPushButton::clicked, this, &InspectionDialog::inspect);
    connect(cancel_, &QPushButton::clicked, inspection_, &InspectionController::cancel);
    connect(inspection_, &InspectionController::busyChanged, this, &InspectionDialog::setBusy);
    connect(inspection_, &InspectionController::phaseChanged, this,
            [this](const QString& text) { status_->setText(text + "…"); });
    connect(inspection_, &InspectionController::progressChanged, this,
            [this](double fraction, const QString& detail) {
                progress_->setValue(int(fraction * 1000));
                progress_->setFormat(detail.isEmpty() ? QStringLiteral("%p%") : detail);
            });
    connect(inspection_, &InspectionController::inspectionFinished, this,
            [this](bool ok, const QString& error) {
                if (ok) {
                    updateSummary();
                } else {
                    status_->setText(error.isEmpty() ? tr("Canceled.")
                                                     : tr("The inspection failed: %1").arg(error));
                }
            });
    // The t-SNE job's phase ("Computing the t-SNE map…") is not left up once it is done (the
    // map shows its own error when it failed).
    connect(inspection_, &InspectionController::tsneFinished, this, [this] { updateSummary(); });

    auto* top = new QHBoxLayout;
    top->addWidget(status_, 1);
    top->addWidget(progress_);
    top->addWidget(cancel_);
    top->addWidget(again_);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(tabs_, 1);
    resize(1250, 850);
    setBusy(inspection_->isBusy());
    updateSummary();
}

void InspectionDialog::showTab(Tab tab) {
    tabs_->setCurrentIndex(tab);
    show();
    raise();
    activateWindow();
}

void InspectionDialog::inspect() {
    QString error;
    if (!inspection_->inspect(&error)) {
        status_->setText(error);
    }
}

void InspectionDialog::showViewer(const QStringList& paths, int current) {
    viewer_->showPhotos(paths, current);
    viewer_->show();
    viewer_->raise();
}

void InspectionDialog::setBusy(bool busy) {
    progress_->setVisible(busy);
    cancel_->setVisible(busy);
    again_->setEnabled(!busy);
}

void InspectionDialog::updateSummary() {
    if (!inspection_->hasReport()) {
        status_->setText(tr("Not inspected yet."));
        return;
    }
    const InspectionReport& report = inspection_->report();
    QString text = tr("%1 photos checked; out-of-fold accuracy %2% (%3-fold); %4 likely label "
                      "errors, %5 near-duplicate groups, %6 outliers.")
                       .arg(report.images.size())
                       .arg(report.outOfFoldAccuracy * 100, 0, 'f', 1)
                       .arg(report.folds)
                       .arg(report.labelIssues.size())
                       .arg(report.duplicates.size())
                       .arg(report.outliers.size());
    if (!report.skipped.empty()) {
        text += tr(" %n photo(s) could not be read.", nullptr, int(report.skipped.size()));
    }
    status_->setText(text);
}

}  // namespace tl
