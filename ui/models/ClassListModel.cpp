// SPDX-License-Identifier: MIT
#include "models/ClassListModel.h"

#include <QColor>
#include <QMimeData>
#include <QUndoStack>
#include <QUrl>

#include "commands/RelabelCommand.h"
#include "commands/RenameClassCommand.h"
#include "data/ClassName.h"
#include "models/ClassColors.h"
#include "models/DatasetModel.h"
#include "project/Project.h"

namespace tl {

ClassListModel::ClassListModel(Project* project, QUndoStack* undoStack, QObject* parent)
    : QAbstractListModel(parent), project_(project), undoStack_(undoStack) {
    connect(project_, &Project::classesChanged, this, [this] {
        beginResetModel();
        refresh();
        endResetModel();
    });
    auto recount = [this] {
        refresh();
        emit dataChanged(index(0), index(rowCount() - 1));
    };
    connect(project_, &Project::imageChanged, this, recount);
    connect(project_, &Project::imagesAdded, this, recount);
    connect(project_, &Project::reset, this, recount);
    refresh();
}

void ClassListModel::refresh() {
    counts_ = project_->countPerClass();
    unlabeled_ = project_->unlabeledCount();
}

int ClassListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : project_->classCount() + 1;
}

int ClassListModel::labelOf(int row) const {
    return row < project_->classCount() ? row : -1;
}

QVariant ClassListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) {
        return {};
    }
    const int label = labelOf(index.row());
    const int count = label >= 0 ? counts_.value(label) : unlabeled_;
    const QString name = label >= 0 ? project_->classNames().value(label) : tr("Unlabeled");
    switch (role) {
        case Qt::DisplayRole:
            return label >= 0 && label < 9 ? tr("%1. %2  (%3)").arg(label + 1).arg(name).arg(count)
                                           : tr("%1  (%2)").arg(name).arg(count);
        case Qt::EditRole:
            return name;
        case Qt::DecorationRole:
            return classColor(label);
        case Qt::ToolTipRole:
            return label >= 0 ? tr("%n photo(s) in %1. Drop photos here to move them; press "
                                   "%2 to move the selected photos here.",
                                   nullptr, count)
                                    .arg(name)
                                    .arg(label + 1)
                              : tr("Photos without a class: they are not used for training.");
        case LabelRole:
            return label;
        case CountRole:
            return count;
        default:
            return {};
    }
}

bool ClassListModel::setData(const QModelIndex& index, const QVariant& value, int role) {
    const int label = labelOf(index.row());
    const QString name = value.toString().trimmed();
    // The class-name rule (ClassName): no separators, control characters or leading dots.
    if (role != Qt::EditRole || label < 0 || name.isEmpty() || project_->classIndex(name) >= 0 ||
        !ClassName::problem(name.toStdString()).empty()) {
        return false;
    }
    undoStack_->push(new RenameClassCommand(project_, label, name));
    return true;
}

Qt::ItemFlags ClassListModel::flags(const QModelIndex& index) const {
    Qt::ItemFlags f = QAbstractListModel::flags(index) | Qt::ItemIsDropEnabled;
    if (index.isValid() && labelOf(index.row()) >= 0) {
        f |= Qt::ItemIsEditable;
    }
    return f;
}

QStringList ClassListModel::mimeTypes() const {
    return {DatasetModel::kPathsMimeType, "text/uri-list"};
}

bool ClassListModel::canDropMimeData(const QMimeData* data, Qt::DropAction, int, int,
                                     const QModelIndex& parent) const {
    return parent.isValid() && (data->hasFormat(DatasetModel::kPathsMimeType) || data->hasUrls());
}

bool ClassListModel::dropMimeData(const QMimeData* data, Qt::DropAction, int, int,
                                  const QModelIndex& parent) {
    if (!parent.isValid()) {
        return false;
    }
    const int label = labelOf(parent.row());
    const QStringList internal = DatasetModel::pathsFromMime(data);
    if (!internal.isEmpty()) {
        undoStack_->push(new RelabelCommand(project_, internal, label));
        return true;
    }
    QStringList files;
    for (const QUrl& url : data->urls()) {
        if (url.isLocalFile()) {
            files.push_back(url.toLocalFile());
        }
    }
    if (files.isEmpty()) {
        return false;
    }
    emit filesDropped(files, label);
    // Not a move: the photos stay where they are on disk.
    return false;
}

}  // namespace tl
