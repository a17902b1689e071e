// SPDX-License-Identifier: MIT
#pragma once

#include <QPolygonF>
#include <QSet>
#include <QWidget>

class QCPCurve;
class QCPGraph;
class QComboBox;
class QCustomPlot;
class QLabel;
class QMouseEvent;
class QPushButton;
class QUndoStack;

namespace tl {

class InspectionController;
class Project;
class ThumbnailCache;
class TrainingController;

// The embedding map: every inspected photo as a point (PCA at once, t-SNE computed off the UI
// thread on request), coloured by its current label, unlabeled photos in grey, suspected
// label errors and the last run's misclassified photos ringed. Hovering shows the thumbnail;
// a rectangle or lasso selects photos, which can be selected on the Data page or labelled at
// once (a whole cluster of unlabeled photos, say).
class EmbeddingMapView : public QWidget {
    Q_OBJECT
public:
    enum class Projection { Pca, Tsne };
    enum class Tool { PanZoom, Rectangle, Lasso };

    EmbeddingMapView(InspectionController* inspection, Project* project, QUndoStack* undoStack,
                     ThumbnailCache* thumbnails, TrainingController* training,
                     QWidget* parent = nullptr);

    void setProjection(Projection projection);
    Projection projection() const { return projection_; }
    void setTool(Tool tool);
    QCustomPlot* plot() const { return plot_; }
    QStringList selectedPaths() const;
    void clearSelection();
    // Selection by a rectangle or polygon in the plot's pixels (what the mouse tools call).
    void selectInRect(const QRectF& pixels, bool add = false);
    void selectInPolygon(const QPolygonF& pixels, bool add = false);
    // A photo's position in the plot's pixels; null when it is not on the map.
    QPointF pixelOf(const QString& path) const;
    // The photo nearest `pixel` within a few pixels, or an empty string.
    QString photoAt(const QPointF& pixel) const;
    void labelSelected(int label);

signals:
    void selectOnDataPage(const QStringList& paths);

private:
    void rebuildPoints();
    void redraw();
    void scheduleRedraw();
    void updateStatus();
    int imageAt(const QPointF& pixel) const;
    void onMouseMove(QMouseEvent* event);
    void onMousePress(QMouseEvent* event);
    void onMouseRelease(QMouseEvent* event);
    void showHover(int image, const QPoint& at);

    InspectionController* inspection_;
    Project* project_;
    QUndoStack* undoStack_;
    ThumbnailCache* thumbnails_;
    TrainingController* training_;
    Projection projection_ = Projection::Pca;
    Tool tool_ = Tool::Rectangle;
    QVector<double> x_, y_;  // per report image; NaN when the photo left the project
    QSet<int> selected_;
    QPolygonF lasso_;
    bool lassoing_ = false;
    int hovered_ = -1;
    bool redrawPending_ = false;

    QCustomPlot* plot_;
    QCPCurve* lassoCurve_ = nullptr;
    QComboBox* projectionCombo_;
    QComboBox* toolCombo_;
    QLabel* status_;
    QLabel* hover_;
    QPushButton* selectOnData_;
    QPushButton* label_;
};

}  // namespace tl
