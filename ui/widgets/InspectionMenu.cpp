// SPDX-License-Identifier: MIT
#include "widgets/InspectionMenu.h"

#include <QItemSelection>
#include <QListView>
#include <QStatusBar>
#include <QTabWidget>

#include "models/DatasetFilterModel.h"
#include "models/DatasetModel.h"
#include "models/HeatmapController.h"
#include "models/InspectionController.h"
#include "models/LabelNextController.h"
#include "project/Project.h"
#include "widgets/DataPage.h"
#include "widgets/InspectionDialog.h"
#include "widgets/LabelNextDialog.h"
#include "widgets/MainWindow.h"
#include "widgets/ResultsPage.h"
#include "widgets/TestPage.h"

namespace tl {

InspectionMenu::InspectionMenu(MainWindow* window)
    : QMenu(tr("&Inspect"), window),
      window_(window),
      inspection_(new InspectionController(window->project(), window->jobManager(), this)),
      heatmaps_(new HeatmapController(window->trainingController(), window->jobManager(), this)),
      labelNext_(new LabelNextController(window->project(), window->undoStack(), inspection_,
                                         window->jobManager(), this)) {
    addAction(tr("&Check Labels…"), QKeySequence(tr("Ctrl+Shift+K")), this, [this] {
        dialog()->showTab(InspectionDialog::LabelIssuesTab);
        dialog()->inspect();
    })->setToolTip(tr("Find photos that are probably labelled wrong, over all photos"));
    const auto openTab = [this](InspectionDialog::Tab tab) {
        return [this, tab] {
            dialog()->showTab(tab);
            if (!inspection_->hasReport() && !inspection_->isBusy()) {
                dialog()->inspect();
            }
        };
    };
    addAction(tr("&Outliers…"), this, openTab(InspectionDialog::OutliersTab));
    addAction(tr("Near-&Duplicates…"), this, openTab(InspectionDialog::DuplicatesTab));
    addAction(tr("Embedding &Map…"), QKeySequence(tr("Ctrl+Shift+M")), this,
              openTab(InspectionDialog::MapTab));
    addSeparator();
    addAction(tr("&Explain Selected Photos…"), QKeySequence(tr("Ctrl+Shift+X")), this,
              &InspectionMenu::explainSelected)
        ->setToolTip(tr("Grad-CAM heat-maps: which parts of the photos made the model decide"));
    addAction(tr("&Label Next…"), QKeySequence(tr("Ctrl+Shift+J")), this,
              &InspectionMenu::startLabelNext)
        ->setToolTip(tr("Label the unlabeled photos the model is least sure about, one by one"));

    connect(inspection_, &InspectionController::inspectionFinished, this, [this](bool ok) {
        if (labelNextAfterInspection_) {
            labelNextAfterInspection_ = false;
            if (ok) {
                startLabelNext();
            }
        }
    });
}

InspectionDialog* InspectionMenu::dialog() {
    if (!dialog_) {
        dialog_ =
            new InspectionDialog(inspection_, heatmaps_, window_->project(), window_->undoStack(),
                                 window_->thumbnails(), window_->trainingController(), window_);
        connect(dialog_, &InspectionDialog::selectOnDataPage, this,
                &InspectionMenu::selectOnDataPage);
        connect(dialog_, &InspectionDialog::showInDataPage, this,
                [this](const QString& path) { selectOnDataPage({path}); });
    }
    return dialog_;
}

LabelNextDialog* InspectionMenu::labelNextDialog() {
    if (!labelNextDialog_) {
        labelNextDialog_ = new LabelNextDialog(labelNext_, window_->project(), window_);
    }
    return labelNextDialog_;
}

void InspectionMenu::selectOnDataPage(const QStringList& paths) {
    DataPage* page = window_->dataPage();
    QListView* grid = page->grid();
    QItemSelection selection;
    QModelIndex first;
    for (const QString& path : paths) {
        const int row = window_->project()->rowOf(path);
        const QModelIndex index =
            row >= 0 ? page->filterModel()->mapFromSource(window_->datasetModel()->index(row))
                     : QModelIndex();
        if (index.isValid()) {
            selection.select(index, index);
            first = first.isValid() ? first : index;
        }
    }
    window_->pages()->setCurrentWidget(page);
    grid->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    if (first.isValid()) {
        grid->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
        grid->scrollTo(first);
    }
    const int hidden = int(paths.size()) - int(selection.indexes().size());
    window_->statusBar()->showMessage(
        hidden > 0 ? tr("Selected %1 photos; %2 are hidden by the Data page's filters")
                         .arg(selection.indexes().size())
                         .arg(hidden)
                   : tr("Selected %n photo(s)", nullptr, int(paths.size())),
        8000);
}

QStringList InspectionMenu::selectedPhotos() const {
    QWidget* page = window_->pages()->currentWidget();
    if (page == window_->resultsPage()) {
        return window_->resultsPage()->selectedPaths();
    }
    if (page == window_->testPage()) {
        return window_->testPage()->selectedPaths();
    }
    return window_->dataPage()->selectedPaths();
}

void InspectionMenu::explainSelected() {
    explain(selectedPhotos());
}

void InspectionMenu::explain(const QStringList& paths) {
    if (paths.isEmpty()) {
        window_->statusBar()->showMessage(
            tr("Select photos on the Data, Results or Test page to see their heat-maps"), 8000);
        return;
    }
    dialog()->showViewer(paths, 0);
}

void InspectionMenu::startLabelNext() {
    if (!inspection_->hasReport()) {
        // Label next ranks the inspection's embeddings: inspect first, then start.
        labelNextAfterInspection_ = true;
        if (!inspection_->isBusy()) {
            QString error;
            if (!inspection_->inspect(&error)) {
                labelNextAfterInspection_ = false;
                window_->statusBar()->showMessage(error, 8000);
                return;
            }
        }
        window_->statusBar()->showMessage(tr("Extracting features for Label Next…"), 8000);
        return;
    }
    labelNextDialog()->show();
    labelNextDialog()->raise();
    labelNextDialog()->start();
}

}  // namespace tl
