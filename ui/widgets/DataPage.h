// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QListView;
class QListWidget;
class QPushButton;
class QUndoStack;

namespace tl {

class ClassListModel;
class DatasetFilterModel;
class DatasetGridView;
class DatasetModel;
class ImagePreview;
class PhotoViewer;
class Project;
class ProjectImporter;

// Labeling: the class list, the thumbnail grid (each photo in its class's colour) with its
// filters, and a large preview; double-click opens the photo viewer. Folders dropped anywhere
// on the page are imported; dropped on a class they go to it. When photos are missing on disk
// (moved, or a drive not plugged in) a banner offers "Locate…".
class DataPage : public QWidget {
    Q_OBJECT
public:
    DataPage(Project* project, DatasetModel* model, QUndoStack* undoStack,
             ProjectImporter* importer, QWidget* parent = nullptr);

    QStringList selectedPaths() const;
    QString currentPath() const;
    QListView* grid() const;
    DatasetGridView* gridView() const { return grid_; }
    QListView* classView() const { return classView_; }
    ClassListModel* classModel() const { return classModel_; }
    DatasetFilterModel* filterModel() const { return filter_; }
    ImagePreview* preview() const { return preview_; }
    QLabel* missingBanner() const { return missingBanner_; }
    // Shows only the photos the current model got wrong.
    void showMisclassified();
    void selectPath(const QString& path);
    // The class selected in the class list, or -1.
    int currentClassLabel() const;

    void relabelSelected(int label);
    void excludeSelected(bool excluded);
    void addClass();
    void renameClass();
    void mergeClass();
    // Asks first: the photos of the class become unlabeled (undo brings them back).
    void deleteClass();
    // Opens the viewer on the current photo.
    void openViewer();
    PhotoViewer* viewer() const;
    // Checks off the UI thread which photos are missing on disk (after a project opens).
    void checkMissingPhotos();
    // Looks for the missing photos under `folder` and relinks those found (undoable).
    void locateMissingPhotos(const QString& folder);

signals:
    void currentImageChanged(const QString& path);
    // Something to tell the user in the status bar.
    void message(const QString& text);
    // Whether photos / a class are selected (the window enables its actions).
    void selectionChanged(bool photosSelected, bool classSelected);
    void missingPhotosChecked(int missing);
    // The photo viewer's "Heat-map…" button: explain these photos (the Inspect menu does).
    void explainRequested(const QStringList& paths);

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
    void updatePreviewCaption();
    void updateClassButtons();
    void onLabelKey(int label);

    Project* project_;
    DatasetModel* model_;
    QUndoStack* undoStack_;
    ProjectImporter* importer_;
    ClassListModel* classModel_;
    DatasetFilterModel* filter_;
    QListView* classView_ = nullptr;
    DatasetGridView* grid_ = nullptr;
    QComboBox* classFilter_ = nullptr;
    QComboBox* sideFilter_ = nullptr;
    QComboBox* stateFilter_ = nullptr;
    QListWidget* skipped_ = nullptr;
    QLabel* skippedTitle_ = nullptr;
    QLabel* emptyHint_ = nullptr;
    QLabel* missingBanner_ = nullptr;
    QPushButton* locate_ = nullptr;
    QPushButton* rename_ = nullptr;
    QPushButton* merge_ = nullptr;
    QPushButton* delete_ = nullptr;
    ImagePreview* preview_ = nullptr;
    QPointer<PhotoViewer> viewer_;
    quint64 missingCheck_ = 0;
};

}  // namespace tl
