// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QUndoStack;

namespace tl {

class DuplicateGroupsView;
class EmbeddingMapView;
class HeatmapController;
class HeatmapViewer;
class InspectionController;
class Project;
class SuspectGallery;
class ThumbnailCache;
class TrainingController;

// "See what is wrong with the data": the inspection's views in one window beside the main
// one: likely label errors, outliers, near-duplicates (and split leaks), the embedding map,
// with the heat-map viewer one double-click away. Progress and cancel of the inspection at
// the top; the GUI stays responsive while it runs.
class InspectionDialog : public QDialog {
    Q_OBJECT
public:
    enum Tab { LabelIssuesTab, OutliersTab, DuplicatesTab, MapTab };

    InspectionDialog(InspectionController* inspection, HeatmapController* heatmaps,
                     Project* project, QUndoStack* undoStack, ThumbnailCache* thumbnails,
                     TrainingController* training, QWidget* parent = nullptr);

    void showTab(Tab tab);
    // Starts a fresh inspection of the project's photos; shows why when it cannot.
    void inspect();

    SuspectGallery* labelIssues() const { return labelIssues_; }
    SuspectGallery* outliers() const { return outliers_; }
    DuplicateGroupsView* duplicates() const { return duplicates_; }
    EmbeddingMapView* map() const { return map_; }
    HeatmapViewer* viewer() const { return viewer_; }
    void showViewer(const QStringList& paths, int current);

signals:
    void selectOnDataPage(const QStringList& paths);
    void showInDataPage(const QString& path);

private:
    void setBusy(bool busy);
    void updateSummary();

    InspectionController* inspection_;
    QTabWidget* tabs_;
    SuspectGallery* labelIssues_;
    SuspectGallery* outliers_;
    DuplicateGroupsView* duplicates_;
    EmbeddingMapView* map_;
    HeatmapViewer* viewer_;
    QLabel* status_;
    QProgressBar* progress_;
    QPushButton* again_;
    QPushButton* cancel_;
};

}  // namespace tl
