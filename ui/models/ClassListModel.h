// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>

class QUndoStack;

namespace tl {

class Project;

// The classes with their photo counts, then the "Unlabeled" pool as the last row. Photos
// dragged from the grid onto a row are relabelled; files dropped from outside are imported
// into that class (filesDropped). Renaming in place is an undoable command.
class ClassListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { LabelRole = Qt::UserRole + 1, CountRole };

    ClassListModel(Project* project, QUndoStack* undoStack, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    Qt::DropActions supportedDropActions() const override {
        return Qt::MoveAction | Qt::CopyAction;
    }
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;

    // Label of a row: the class index, or -1 for the Unlabeled row.
    int labelOf(int row) const;

signals:
    void filesDropped(const QStringList& paths, int label);

private:
    void refresh();

    Project* project_;
    QUndoStack* undoStack_;
    QVector<int> counts_;
    int unlabeled_ = 0;
};

}  // namespace tl
