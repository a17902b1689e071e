// SPDX-License-Identifier: MIT
#include "widgets/DuplicateGroupsView.h"

#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include "commands/KeepTogetherCommand.h"
#include "commands/SetExcludedCommand.h"
#include "models/DuplicateGroupModel.h"
#include "project/Project.h"
#include "widgets/DuplicateGroupDelegate.h"

namespace tl {

DuplicateGroupsView::DuplicateGroupsView(DuplicateGroupModel* model, Project* project,
                                         QUndoStack* undoStack, QWidget* parent)
    : QWidget(parent), model_(model), project_(project), undoStack_(undoStack) {
    view_ = new QListView(this);
    view_->setModel(model_);
    view_->setItemDelegate(new DuplicateGroupDelegate(view_));
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    connect(view_, &QListView::doubleClicked, this, [this](const QModelIndex& index) {
        emit viewRequested(model_->pathsAt(index.row()), 0);
    });
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    summary_->setTextFormat(Qt::RichText);
    fixAll_ = new QPushButton(tr("Keep &All Straddling Groups on One Side"), this);
    connect(fixAll_, &QPushButton::clicked, this, [this] { keepSelectedTogether(true); });
    auto* keepOne = new QPushButton(tr("Keep &One"), this);
    keepOne->setToolTip(
        tr("Keep the largest photo of each selected group and exclude the "
           "others from training"));
    auto* together = new QPushButton(tr("Keep on One &Side"), this);
    together->setToolTip(
        tr("Keep each selected group on one side of the training/validation "
           "split, so validation never sees a copy of a training photo"));
    auto* open = new QPushButton(tr("&View…"), this);
    connect(keepOne, &QPushButton::clicked, this, &DuplicateGroupsView::keepOneOfSelected);
    connect(together, &QPushButton::clicked, this, [this] { keepSelectedTogether(false); });
    connect(open, &QPushButton::clicked, this, [this] {
        if (view_->currentIndex().isValid()) {
            emit viewRequested(model_->pathsAt(view_->currentIndex().row()), 0);
        }
    });
    auto* actions = new QHBoxLayout;
    actions->addWidget(keepOne);
    actions->addWidget(together);
    actions->addStretch();
    actions->addWidget(open);
    auto* top = new QHBoxLayout;
    top->addWidget(summary_, 1);
    top->addWidget(fixAll_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(view_, 1);
    layout->addLayout(actions);
    connect(model_, &QAbstractItemModel::modelReset, this, &DuplicateGroupsView::updateSummary);
    connect(model_, &QAbstractItemModel::dataChanged, this, &DuplicateGroupsView::updateSummary);
    updateSummary();
}

void DuplicateGroupsView::updateSummary() {
    const int groups = model_->rowCount();
    const int straddling = model_->straddlingCount();
    QString text = groups == 0 ? tr("No near-duplicates found.")
                               : tr("<b>%n group(s) of near-duplicates</b> (copies, resized or "
                                    "recompressed versions, bursts).",
                                    nullptr, groups);
    if (straddling > 0) {
        text += " <span style='color:#b00'>" +
                tr("%n group(s) straddle the training/validation split: validation then sees "
                   "what training saw, and its accuracy is optimistic.",
                   nullptr, straddling) +
                "</span>";
    }
    summary_->setText(text);
    fixAll_->setVisible(straddling > 0);
}

QList<int> DuplicateGroupsView::selectedRows() const {
    QList<int> rows;
    for (const QModelIndex& index : view_->selectionModel()->selectedRows()) {
        rows << index.row();
    }
    return rows;
}

QString DuplicateGroupsView::bestOf(const QStringList& paths) {
    QString best;
    qint64 bestPixels = -1;
    QStringList sorted = paths;
    sorted.sort();
    for (const QString& path : sorted) {
        const QSize size = QImageReader(path).size();
        const qint64 pixels = qint64(size.width()) * size.height();
        if (pixels > bestPixels) {
            bestPixels = pixels;
            best = path;
        }
    }
    return best;
}

void DuplicateGroupsView::keepOneOfSelected() {
    QStringList others;
    for (int row : selectedRows()) {
        QStringList members = model_->pathsAt(row);
        members.removeAll(bestOf(members));
        others += members;
    }
    if (!others.isEmpty()) {
        undoStack_->push(new SetExcludedCommand(project_, others, true));
    }
}

void DuplicateGroupsView::keepSelectedTogether(bool all) {
    QVector<QStringList> groups;
    for (int row = 0; row < model_->rowCount(); ++row) {
        const QModelIndex index = model_->index(row);
        const bool chosen = all ? index.data(DuplicateGroupModel::StraddlesRole).toBool()
                                : view_->selectionModel()->isSelected(index);
        if (chosen && !index.data(DuplicateGroupModel::KeptTogetherRole).toBool()) {
            groups.push_back(model_->pathsAt(row));
        }
    }
    if (!groups.isEmpty()) {
        undoStack_->push(new KeepTogetherCommand(project_, groups));
    }
}

}  // namespace tl
