// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QComboBox;
class QListView;
class QListWidget;
class QUndoStack;
class QLabel;

namespace tl {

class ClassListModel;
class DatasetFilterModel;
class DatasetModel;
class ImagePreview;
class Project;
class ProjectImporter;

// Labeling: the class list, the thumbnail grid with its filters, and a large preview.
// Folders dropped anywhere on the page are imported; dropped on a class they go to it.
class DataPage : public QWidget {
    Q_OBJECT
public:
    DataPage(Project* project, DatasetModel* model, QUndoStack* undoStack,
             ProjectImporter* importer, QWidget* parent = nullptr);

    QStringList selectedPaths() const;
    QString currentPath() const;
    QListView* grid() const { return grid_; }
    QListView* classView() const { return classView_; }
    ClassListModel* classModel() const { return classModel_; }
    DatasetFilterModel* filterModel() const { return filter_; }
    // Shows only the photos the last run got wrong.
    void showMisclassified();
    void selectPath(const QString& path);

    void relabelSelected(int label);
    void excludeSelected(bool excluded);
    void addClass();
    void renameClass();
    void mergeClass();
    void deleteClass();

signals:
    void currentImageChanged(const QString& path);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QWidget* buildClassPanel();
    QWidget* buildGridPanel();
    void showGridMenu(const QPoint& pos);
    void updateSkipped();
    void updateClassFilterCombo();
    int currentClassLabel() const;

    Project* project_;
    DatasetModel* model_;
    QUndoStack* undoStack_;
    ProjectImporter* importer_;
    ClassListModel* classModel_;
    DatasetFilterModel* filter_;
    QListView* classView_ = nullptr;
    QListView* grid_ = nullptr;
    QComboBox* classFilter_ = nullptr;
    QComboBox* sideFilter_ = nullptr;
    QComboBox* stateFilter_ = nullptr;
    QListWidget* skipped_ = nullptr;
    QLabel* skippedTitle_ = nullptr;
    QLabel* emptyHint_ = nullptr;
    ImagePreview* preview_ = nullptr;
};

}  // namespace tl
