// SPDX-License-Identifier: MIT
#include "widgets/SuspectGallery.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include "commands/ConfirmLabelsCommand.h"
#include "commands/RelabelCommand.h"
#include "commands/SetExcludedCommand.h"
#include "models/SuspectListModel.h"
#include "project/Project.h"
#include "widgets/PredictionDelegate.h"

namespace tl {

SuspectGallery::SuspectGallery(SuspectListModel* model, Project* project, QUndoStack* undoStack,
                               QWidget* parent)
    : QWidget(parent), model_(model), project_(project), undoStack_(undoStack) {
    const bool issues = model_->kind() == SuspectListModel::Kind::LabelIssues;
    view_ = new QListView(this);
    view_->setModel(model_);
    view_->setItemDelegate(new PredictionDelegate(view_));
    view_->setViewMode(QListView::IconMode);
    view_->setResizeMode(QListView::Adjust);
    view_->setMovement(QListView::Static);
    view_->setSpacing(6);
    view_->setUniformItemSizes(true);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(view_, &QListView::customContextMenuRequested, this, &SuspectGallery::showMenu);
    connect(view_, &QListView::doubleClicked, this,
            [this](const QModelIndex& index) { openViewer(index.row()); });

    title_ = new QLabel(this);
    title_->setWordWrap(true);
    relabel_ = new QPushButton(tr("&Relabel as Suggested"), this);
    relabel_->setVisible(issues);  // an outlier's label is not in doubt
    relabel_->setToolTip(
        tr("The label was wrong: move the selected photos to the class the "
           "out-of-fold predictions suggest"));
    auto* move = new QPushButton(tr("&Move to"), this);
    auto* moveMenu = new QMenu(move);
    move->setMenu(moveMenu);
    connect(moveMenu, &QMenu::aboutToShow, this, [this, moveMenu] {
        moveMenu->clear();
        for (int c = 0; c < project_->classCount(); ++c) {
            moveMenu->addAction(project_->classNames()[c], this, [this, c] { moveSelectedTo(c); });
        }
    });
    auto* exclude = new QPushButton(tr("E&xclude"), this);
    exclude->setToolTip(tr("Leave the selected photos out of training"));
    auto* notError = new QPushButton(tr("&Not an Error"), this);
    notError->setToolTip(
        tr("The label is right: stop listing these photos (remembered in the "
           "project while they keep this label)"));
    auto* viewer = new QPushButton(tr("&Heat-map…"), this);
    viewer->setToolTip(tr("Open the selected photo large, with the model's heat-map"));
    connect(relabel_, &QPushButton::clicked, this, &SuspectGallery::relabelAsSuggested);
    connect(exclude, &QPushButton::clicked, this, &SuspectGallery::excludeSelected);
    connect(notError, &QPushButton::clicked, this, &SuspectGallery::markNotAnError);
    connect(viewer, &QPushButton::clicked, this, [this] {
        if (view_->currentIndex().isValid()) {
            openViewer(view_->currentIndex().row());
        }
    });

    auto* actions = new QHBoxLayout;
    actions->addWidget(relabel_);
    actions->addWidget(move);
    actions->addWidget(exclude);
    actions->addWidget(notError);
    actions->addStretch();
    actions->addWidget(viewer);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title_);
    layout->addWidget(view_, 1);
    layout->addLayout(actions);
    connect(model_, &QAbstractItemModel::modelReset, this, &SuspectGallery::updateTitle);
    updateTitle();
}

void SuspectGallery::updateTitle() {
    const int count = model_->rowCount();
    if (model_->kind() == SuspectListModel::Kind::LabelIssues) {
        title_->setText(
            count == 0 ? tr("No likely label errors left to review.")
                       : tr("<b>%n photo(s) whose label the model doubts</b>, most suspect first. "
                            "Each was predicted by a model that never saw it (5-fold "
                            "cross-validation over all photos). Bars: out-of-fold probabilities.",
                            nullptr, count));
    } else {
        title_->setText(count == 0
                            ? tr("No outliers: every photo has close neighbours.")
                            : tr("<b>%n photo(s) far from every other photo</b> (most isolated "
                                 "first): another subject, a screenshot, a blank frame?",
                                 nullptr, count));
    }
}

void SuspectGallery::openViewer(int row) {
    QStringList paths;
    for (int r = 0; r < model_->rowCount(); ++r) {
        paths << model_->pathAt(r);
    }
    emit viewRequested(paths, row);
}

QStringList SuspectGallery::selectedPaths() const {
    QStringList paths;
    for (const QModelIndex& index : view_->selectionModel()->selectedIndexes()) {
        paths << index.data(SuspectListModel::PathRole).toString();
    }
    return paths;
}

int SuspectGallery::projectClassOf(int reportClass) const {
    const QStringList names =
        model_->index(0).data(SuspectListModel::ClassNamesRole).toStringList();
    return reportClass >= 0 ? project_->classIndex(names.value(reportClass)) : -1;
}

void SuspectGallery::relabelAsSuggested() {
    const QModelIndexList selected = view_->selectionModel()->selectedIndexes();
    if (selected.isEmpty()) {
        return;
    }
    // Gather first: each relabel removes its row from the model.
    QList<QPair<QString, int>> moves;
    for (const QModelIndex& index : selected) {
        const int label = projectClassOf(index.data(SuspectListModel::SuggestedRole).toInt());
        if (label >= 0) {
            moves.append({index.data(SuspectListModel::PathRole).toString(), label});
        }
    }
    undoStack_->beginMacro(tr("Relabel as Suggested"));
    for (const auto& [path, label] : moves) {
        undoStack_->push(new RelabelCommand(project_, {path}, label));
    }
    undoStack_->endMacro();
}

void SuspectGallery::moveSelectedTo(int label) {
    const QStringList paths = selectedPaths();
    if (!paths.isEmpty()) {
        undoStack_->push(new RelabelCommand(project_, paths, label));
    }
}

void SuspectGallery::excludeSelected() {
    const QStringList paths = selectedPaths();
    if (!paths.isEmpty()) {
        undoStack_->push(new SetExcludedCommand(project_, paths, true));
    }
}

void SuspectGallery::markNotAnError() {
    const QStringList paths = selectedPaths();
    if (!paths.isEmpty()) {
        undoStack_->push(new ConfirmLabelsCommand(project_, paths, true));
    }
}

void SuspectGallery::showMenu(const QPoint& pos) {
    const QModelIndex index = view_->indexAt(pos);
    if (!index.isValid()) {
        return;
    }
    if (!view_->selectionModel()->isSelected(index)) {
        view_->setCurrentIndex(index);
    }
    const QString path = index.data(SuspectListModel::PathRole).toString();
    QMenu menu(this);
    menu.addAction(tr("Heat-map…"), this, [this, index] { openViewer(index.row()); });
    menu.addAction(tr("Show on Data Page"), this, [this, path] { emit showInDataPage(path); });
    menu.addSeparator();
    if (model_->kind() == SuspectListModel::Kind::LabelIssues) {
        menu.addAction(relabel_->text().remove('&'), this, &SuspectGallery::relabelAsSuggested);
    }
    QMenu* move = menu.addMenu(tr("Move to Class"));
    for (int c = 0; c < project_->classCount(); ++c) {
        move->addAction(project_->classNames()[c], this, [this, c] { moveSelectedTo(c); });
    }
    menu.addAction(tr("Exclude from Training"), this, &SuspectGallery::excludeSelected);
    menu.addAction(tr("Not an Error"), this, &SuspectGallery::markNotAnError);
    menu.exec(view_->viewport()->mapToGlobal(pos));
}

}  // namespace tl
