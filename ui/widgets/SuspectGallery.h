// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;
class QListView;
class QPushButton;
class QUndoStack;

namespace tl {

class Project;
class SuspectListModel;

// The gallery of suspects (likely label errors, or outliers) with the misclassified
// gallery's actions: relabel as suggested, move to a class, exclude, plus "not an error"
// (remembered in the project) and the large viewer with the heat-map (double-click).
class SuspectGallery : public QWidget {
    Q_OBJECT
public:
    SuspectGallery(SuspectListModel* model, Project* project, QUndoStack* undoStack,
                   QWidget* parent = nullptr);

    QListView* view() const { return view_; }
    SuspectListModel* model() const { return model_; }
    QStringList selectedPaths() const;

    void relabelAsSuggested();
    void moveSelectedTo(int label);
    void excludeSelected();
    void markNotAnError();

signals:
    // The photos to show in the viewer, starting at `current`.
    void viewRequested(const QStringList& paths, int current);
    void showInDataPage(const QString& path);

private:
    void showMenu(const QPoint& pos);
    void openViewer(int row);
    void updateTitle();
    // The project's class index of a report class (by name); -1 when it is gone.
    int projectClassOf(int reportClass) const;

    SuspectListModel* model_;
    Project* project_;
    QUndoStack* undoStack_;
    QListView* view_;
    QLabel* title_;
    QPushButton* relabel_;
};

}  // namespace tl
