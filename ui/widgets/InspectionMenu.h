// SPDX-License-Identifier: MIT
#pragma once

#include <QMenu>
#include <QPointer>

namespace tl {

class HeatmapController;
class InspectionController;
class InspectionDialog;
class LabelNextController;
class LabelNextDialog;
class MainWindow;

// The main window's "Inspect" menu: the one place the inspection hooks into the window.
// It owns the inspection's controllers and opens its views as windows beside the main one:
// Check Labels, Outliers, Near-Duplicates, Embedding Map, Explain Selected Photos (Grad-CAM
// heat-maps of the photos selected on the current page), Label Next.
class InspectionMenu : public QMenu {
    Q_OBJECT
public:
    explicit InspectionMenu(MainWindow* window);

    InspectionController* inspection() const { return inspection_; }
    InspectionDialog* dialog();
    LabelNextDialog* labelNextDialog();
    // Selects `paths` in the Data page's grid and shows the page.
    void selectOnDataPage(const QStringList& paths);
    // The photos selected on the page shown now (Data, Results or Test).
    QStringList selectedPhotos() const;
    void explainSelected();
    void startLabelNext();

public slots:
    // Opens the heat-map viewer on `paths` (the first shown).
    void explain(const QStringList& paths);

private:
    MainWindow* window_;
    InspectionController* inspection_;
    HeatmapController* heatmaps_;
    LabelNextController* labelNext_;
    QPointer<InspectionDialog> dialog_;
    QPointer<LabelNextDialog> labelNextDialog_;
    bool labelNextAfterInspection_ = false;
};

}  // namespace tl
