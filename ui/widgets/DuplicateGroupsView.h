// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QUndoStack;

namespace tl {

class DuplicateGroupModel;
class Project;

// Near-duplicate groups with what to do about them: "Keep One" (the largest photo stays, the
// others are excluded), "Keep on One Side" (the split keeps the group together), and a
// warning when groups straddle the training/validation split.
class DuplicateGroupsView : public QWidget {
    Q_OBJECT
public:
    DuplicateGroupsView(DuplicateGroupModel* model, Project* project, QUndoStack* undoStack,
                        QWidget* parent = nullptr);

    QListView* view() const { return view_; }
    // Keeps the selected groups' largest photo (most pixels), excludes the others.
    void keepOneOfSelected();
    // Keeps the selected groups (or, with `all`, every straddling group) on one side.
    void keepSelectedTogether(bool all = false);
    // The member "Keep One" keeps: the most pixels, then the first in path order.
    static QString bestOf(const QStringList& paths);

signals:
    void viewRequested(const QStringList& paths, int current);

private:
    void updateSummary();
    QList<int> selectedRows() const;

    DuplicateGroupModel* model_;
    Project* project_;
    QUndoStack* undoStack_;
    QListView* view_;
    QLabel* summary_;
    QPushButton* fixAll_;
};

}  // namespace tl
