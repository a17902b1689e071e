// SPDX-License-Identifier: MIT
#include "widgets/EmbeddingMapView.h"

#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPushButton>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "commands/RelabelCommand.h"
#include "models/InspectionController.h"
#include "models/ThumbnailCache.h"
#include "models/TrainingController.h"
#include "project/Project.h"

namespace tl {

namespace {

constexpr double kHoverRadius = 8.0;  // pixels

QColor classColour(int label) {
    static const QColor palette[] = {
        QColor(31, 119, 180),  QColor(44, 160, 44),  QColor(148, 103, 189), QColor(140, 86, 75),
        QColor(227, 119, 194), QColor(188, 189, 34), QColor(23, 190, 207),  QColor(255, 187, 120)};
    return palette[label % (sizeof(palette) / sizeof(palette[0]))];
}

QCPGraph* scatter(QCustomPlot* plot, const QString& name, const QCPScatterStyle& style) {
    QCPGraph* graph = plot->addGraph();
    graph->setName(name);
    graph->setLineStyle(QCPGraph::lsNone);
    graph->setScatterStyle(style);
    graph->setAdaptiveSampling(false);
    return graph;
}

}  // namespace

EmbeddingMapView::EmbeddingMapView(InspectionController* inspection, Project* project,
                                   QUndoStack* undoStack, ThumbnailCache* thumbnails,
                                   TrainingController* training, QWidget* parent)
    : QWidget(parent),
      inspection_(inspection),
      project_(project),
      undoStack_(undoStack),
      thumbnails_(thumbnails),
      training_(training) {
    plot_ = new QCustomPlot(this);
    plot_->xAxis->setTickLabels(false);
    plot_->yAxis->setTickLabels(false);
    plot_->xAxis->grid()->setVisible(false);
    plot_->yAxis->grid()->setVisible(false);
    plot_->legend->setVisible(true);
    plot_->legend->setFont(QFont(font().family(), 9));
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    plot_->setMouseTracking(true);
    connect(plot_, &QCustomPlot::mouseMove, this, &EmbeddingMapView::onMouseMove);
    connect(plot_, &QCustomPlot::mousePress, this, &EmbeddingMapView::onMousePress);
    connect(plot_, &QCustomPlot::mouseRelease, this, &EmbeddingMapView::onMouseRelease);
    connect(plot_->selectionRect(), &QCPSelectionRect::accepted, this,
            [this](const QRect& rect, QMouseEvent* event) {
                selectInRect(rect, event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier));
            });

    hover_ = new QLabel(plot_);
    hover_->setFrameShape(QFrame::Box);
    hover_->setAutoFillBackground(true);
    hover_->setAlignment(Qt::AlignCenter);
    hover_->setAttribute(Qt::WA_TransparentForMouseEvents);
    hover_->hide();
    if (thumbnails_) {
        connect(thumbnails_, &ThumbnailCache::thumbnailReady, this, [this](const QString& path) {
            if (hovered_ >= 0 && inspection_->pathOf(std::size_t(hovered_)) == path &&
                hover_->isVisible()) {
                showHover(hovered_, hover_->pos());
            }
        });
    }

    projectionCombo_ = new QComboBox(this);
    projectionCombo_->addItems({tr("PCA (instant)"), tr("t-SNE (neighbours)")});
    projectionCombo_->setToolTip(
        tr("PCA keeps the broad layout; t-SNE keeps look-alike photos "
           "together, so clusters show as islands"));
    connect(projectionCombo_, &QComboBox::currentIndexChanged, this,
            [this](int index) { setProjection(index == 1 ? Projection::Tsne : Projection::Pca); });
    toolCombo_ = new QComboBox(this);
    toolCombo_->addItems({tr("Pan and zoom"), tr("Rectangle selection"), tr("Lasso selection")});
    toolCombo_->setCurrentIndex(1);
    connect(toolCombo_, &QComboBox::currentIndexChanged, this,
            [this](int index) { setTool(static_cast<Tool>(index)); });
    status_ = new QLabel(this);
    selectOnData_ = new QPushButton(tr("Select on &Data Page"), this);
    connect(selectOnData_, &QPushButton::clicked, this,
            [this] { emit selectOnDataPage(selectedPaths()); });
    label_ = new QPushButton(tr("&Label Selected as"), this);
    auto* labelMenu = new QMenu(label_);
    label_->setMenu(labelMenu);
    connect(labelMenu, &QMenu::aboutToShow, this, [this, labelMenu] {
        labelMenu->clear();
        for (int c = 0; c < project_->classCount(); ++c) {
            labelMenu->addAction(project_->classNames()[c], this, [this, c] { labelSelected(c); });
        }
        labelMenu->addSeparator();
        labelMenu->addAction(tr("Unlabeled"), this, [this] { labelSelected(-1); });
    });
    auto* clear = new QPushButton(tr("Clear Selection"), this);
    connect(clear, &QPushButton::clicked, this, &EmbeddingMapView::clearSelection);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Layout"), this));
    controls->addWidget(projectionCombo_);
    controls->addWidget(new QLabel(tr("Mouse"), this));
    controls->addWidget(toolCombo_);
    controls->addWidget(status_, 1);
    controls->addWidget(selectOnData_);
    controls->addWidget(label_);
    controls->addWidget(clear);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(plot_, 1);

    connect(inspection_, &InspectionController::reportChanged, this, [this] {
        selected_.clear();
        rebuildPoints();
    });
    connect(inspection_, &InspectionController::progressChanged, this,
            [this](double fraction, const QString& detail) {
                if (projection_ == Projection::Tsne && inspection_->tsnePoints().empty() &&
                    inspection_->isBusy()) {
                    status_->setText(
                        tr("Computing t-SNE… %1% %2").arg(int(fraction * 100)).arg(detail));
                }
            });
    connect(inspection_, &InspectionController::tsneFinished, this,
            [this](bool ok, const QString& error) {
                if (!ok && !error.isEmpty()) {
                    status_->setText(tr("t-SNE failed: %1").arg(error));
                } else if (projection_ == Projection::Tsne) {
                    rebuildPoints();
                }
            });
    // Labels and exclusions change colours, not positions; a relabel of 500 photos redraws once.
    connect(project_, &Project::imageChanged, this, &EmbeddingMapView::scheduleRedraw);
    connect(project_, &Project::classesChanged, this, &EmbeddingMapView::scheduleRedraw);
    connect(project_, &Project::inspectionMarksChanged, this, &EmbeddingMapView::scheduleRedraw);
    connect(training_, &TrainingController::modelChanged, this, &EmbeddingMapView::scheduleRedraw);
    setTool(tool_);
    rebuildPoints();
}

void EmbeddingMapView::setProjection(Projection projection) {
    projection_ = projection;
    {
        const QSignalBlocker block(projectionCombo_);
        projectionCombo_->setCurrentIndex(projection == Projection::Tsne ? 1 : 0);
    }
    if (projection == Projection::Tsne && inspection_->tsnePoints().empty() &&
        inspection_->hasReport()) {
        if (inspection_->computeTsne()) {
            status_->setText(tr("Computing t-SNE…"));
        }
    }
    rebuildPoints();
}

void EmbeddingMapView::setTool(Tool tool) {
    tool_ = tool;
    {
        const QSignalBlocker block(toolCombo_);
        toolCombo_->setCurrentIndex(static_cast<int>(tool));
    }
    plot_->setSelectionRectMode(tool == Tool::Rectangle ? QCP::srmCustom : QCP::srmNone);
    plot_->setInteractions(tool == Tool::PanZoom ? QCP::iRangeDrag | QCP::iRangeZoom
                                                 : QCP::Interactions(QCP::iRangeZoom));
}

void EmbeddingMapView::rebuildPoints() {
    const InspectionReport& report = inspection_->report();
    const std::size_t n = report.images.size();
    const std::vector<float>& points =
        projection_ == Projection::Tsne ? inspection_->tsnePoints() : report.pca;
    x_.fill(std::numeric_limits<double>::quiet_NaN(), int(n));
    y_.fill(std::numeric_limits<double>::quiet_NaN(), int(n));
    if (points.size() == 2 * n) {
        for (std::size_t i = 0; i < n; ++i) {
            x_[int(i)] = points[2 * i];
            y_[int(i)] = points[2 * i + 1];
        }
    }
    redraw();
    plot_->rescaleAxes();
    // A margin, so ringed points at the edge are whole.
    plot_->xAxis->scaleRange(1.08, plot_->xAxis->range().center());
    plot_->yAxis->scaleRange(1.08, plot_->yAxis->range().center());
    plot_->replot();
}

void EmbeddingMapView::scheduleRedraw() {
    if (!redrawPending_) {
        redrawPending_ = true;
        QTimer::singleShot(0, this, [this] {
            if (redrawPending_) {
                redraw();
            }
        });
    }
}

void EmbeddingMapView::redraw() {
    redrawPending_ = false;
    lassoCurve_ = nullptr;
    plot_->clearPlottables();
    const InspectionReport& report = inspection_->report();
    const int classes = project_->classCount();
    QVector<QVector<double>> xs(classes + 1), ys(classes + 1);  // last: unlabeled
    QVector<double> suspectX, suspectY, wrongX, wrongY, selectedX, selectedY;
    QSet<QString> suspects, misclassified;
    for (const LabelIssue& issue : report.labelIssues) {
        suspects.insert(inspection_->pathOf(issue.image));
    }
    for (const ImagePrediction& p : training_->report().misclassified()) {
        misclassified.insert(QString::fromStdString(p.path));
    }
    for (int i = 0; i < x_.size(); ++i) {
        if (std::isnan(x_[i])) {
            continue;
        }
        const QString path = inspection_->pathOf(std::size_t(i));
        const int row = project_->rowOf(path);
        if (row < 0 || project_->image(row).excluded) {
            continue;
        }
        const int label = project_->image(row).label;
        const int bucket = label >= 0 && label < classes ? label : classes;
        xs[bucket].push_back(x_[i]);
        ys[bucket].push_back(y_[i]);
        if (suspects.contains(path) && !project_->isLabelConfirmed(path)) {
            suspectX.push_back(x_[i]);
            suspectY.push_back(y_[i]);
        }
        if (misclassified.contains(path)) {
            wrongX.push_back(x_[i]);
            wrongY.push_back(y_[i]);
        }
        if (selected_.contains(i)) {
            selectedX.push_back(x_[i]);
            selectedY.push_back(y_[i]);
        }
    }
    const QCPScatterStyle unlabeledStyle(QCPScatterStyle::ssDisc, QColor(150, 150, 150),
                                         QColor(150, 150, 150), 5);
    scatter(plot_, tr("Unlabeled (%1)").arg(xs[classes].size()), unlabeledStyle)
        ->setData(xs[classes], ys[classes]);
    for (int c = 0; c < classes; ++c) {
        scatter(plot_, QString("%1 (%2)").arg(project_->classNames()[c]).arg(xs[c].size()),
                QCPScatterStyle(QCPScatterStyle::ssDisc, classColour(c), classColour(c), 6))
            ->setData(xs[c], ys[c]);
    }
    QCPScatterStyle ring(QCPScatterStyle::ssCircle, QPen(QColor(220, 30, 30), 1.6), Qt::NoBrush,
                         11);
    scatter(plot_, tr("Suspected label error"), ring)->setData(suspectX, suspectY);
    QCPScatterStyle square(QCPScatterStyle::ssSquare, QPen(QColor(255, 140, 0), 1.6), Qt::NoBrush,
                           12);
    scatter(plot_, tr("Misclassified (last run)"), square)->setData(wrongX, wrongY);
    QCPScatterStyle chosen(QCPScatterStyle::ssDisc, QPen(Qt::black, 1.5), QColor(255, 230, 0), 8);
    scatter(plot_, tr("Selected"), chosen)->setData(selectedX, selectedY);
    lassoCurve_ = new QCPCurve(plot_->xAxis, plot_->yAxis);
    lassoCurve_->setPen(QPen(Qt::black, 1, Qt::DashLine));
    lassoCurve_->removeFromLegend();
    for (int i = plot_->graphCount() - 1; i >= 0; --i) {
        if (plot_->graph(i)->dataCount() == 0) {
            plot_->graph(i)->removeFromLegend();
        }
    }
    updateStatus();
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void EmbeddingMapView::updateStatus() {
    const InspectionReport& report = inspection_->report();
    if (report.images.empty()) {
        status_->setText(tr("Check the labels first: the map shows the inspected photos."));
    } else if (projection_ == Projection::Tsne && inspection_->tsnePoints().empty()) {
        status_->setText(inspection_->isBusy() ? tr("Computing t-SNE…") : tr("No t-SNE layout"));
    } else {
        status_->setText(
            tr("%1 photos · %2 selected").arg(report.images.size()).arg(selected_.size()));
    }
    selectOnData_->setEnabled(!selected_.isEmpty());
    label_->setEnabled(!selected_.isEmpty());
}

QPointF EmbeddingMapView::pixelOf(const QString& path) const {
    const int i = inspection_->imageOf(path);
    if (i < 0 || i >= x_.size() || std::isnan(x_[i])) {
        return {};
    }
    return {plot_->xAxis->coordToPixel(x_[i]), plot_->yAxis->coordToPixel(y_[i])};
}

int EmbeddingMapView::imageAt(const QPointF& pixel) const {
    int best = -1;
    double bestDistance = kHoverRadius * kHoverRadius;
    for (int i = 0; i < x_.size(); ++i) {
        if (std::isnan(x_[i])) {
            continue;
        }
        const double dx = plot_->xAxis->coordToPixel(x_[i]) - pixel.x();
        const double dy = plot_->yAxis->coordToPixel(y_[i]) - pixel.y();
        const double d = dx * dx + dy * dy;
        if (d <= bestDistance) {
            bestDistance = d;
            best = i;
        }
    }
    return best;
}

QString EmbeddingMapView::photoAt(const QPointF& pixel) const {
    const int i = imageAt(pixel);
    return i >= 0 ? inspection_->pathOf(std::size_t(i)) : QString();
}

void EmbeddingMapView::showHover(int image, const QPoint& at) {
    const QString path = inspection_->pathOf(std::size_t(image));
    const int row = project_->rowOf(path);
    const int label = row >= 0 ? project_->image(row).label : -1;
    const QString caption = QFileInfo(path).fileName() + "\n" +
                            (label >= 0 ? project_->classNames().value(label) : tr("Unlabeled"));
    const QImage thumb = thumbnails_ ? thumbnails_->thumbnail(path) : QImage();
    if (thumb.isNull()) {
        hover_->setText(caption);
    } else {
        QPixmap pixmap(thumb.width() + 8, thumb.height() + 40);
        pixmap.fill(palette().color(QPalette::ToolTipBase));
        QPainter painter(&pixmap);
        painter.drawImage(4, 4, thumb);
        painter.setPen(palette().color(QPalette::ToolTipText));
        painter.drawText(QRect(0, thumb.height() + 6, pixmap.width(), 34), Qt::AlignCenter,
                         caption);
        painter.end();
        hover_->setPixmap(pixmap);
    }
    hover_->adjustSize();
    QPoint position = at;
    if (position.x() + hover_->width() > plot_->width()) {
        position.rx() -= hover_->width() + 24;
    }
    if (position.y() + hover_->height() > plot_->height()) {
        position.ry() = plot_->height() - hover_->height();
    }
    hover_->move(position);
    hover_->show();
    hover_->raise();
}

void EmbeddingMapView::onMouseMove(QMouseEvent* event) {
    if (lassoing_) {
        lasso_ << event->position();
        QVector<double> keys, values;
        for (const QPointF& p : lasso_) {
            keys << plot_->xAxis->pixelToCoord(p.x());
            values << plot_->yAxis->pixelToCoord(p.y());
        }
        if (lassoCurve_) {
            lassoCurve_->setData(keys, values);
        }
        plot_->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    hovered_ = imageAt(event->position());
    if (hovered_ >= 0) {
        showHover(hovered_, event->position().toPoint() + QPoint(14, 14));
    } else {
        hover_->hide();
    }
}

void EmbeddingMapView::onMousePress(QMouseEvent* event) {
    if (tool_ == Tool::Lasso && event->button() == Qt::LeftButton) {
        lassoing_ = true;
        lasso_ = QPolygonF{event->position()};
        hover_->hide();
    }
}

void EmbeddingMapView::onMouseRelease(QMouseEvent* event) {
    if (!lassoing_) {
        return;
    }
    lassoing_ = false;
    if (lassoCurve_) {
        lassoCurve_->data()->clear();
    }
    selectInPolygon(lasso_, event->modifiers() & (Qt::ShiftModifier | Qt::ControlModifier));
    lasso_.clear();
}

void EmbeddingMapView::selectInRect(const QRectF& pixels, bool add) {
    selectInPolygon(QPolygonF(pixels.normalized()), add);
}

void EmbeddingMapView::selectInPolygon(const QPolygonF& pixels, bool add) {
    if (!add) {
        selected_.clear();
    }
    if (pixels.size() >= 3) {
        for (int i = 0; i < x_.size(); ++i) {
            if (std::isnan(x_[i])) {
                continue;
            }
            const QPointF p(plot_->xAxis->coordToPixel(x_[i]), plot_->yAxis->coordToPixel(y_[i]));
            const QString path = inspection_->pathOf(std::size_t(i));
            const int row = project_->rowOf(path);
            if (row >= 0 && !project_->image(row).excluded &&
                pixels.containsPoint(p, Qt::OddEvenFill)) {
                selected_.insert(i);
            }
        }
    }
    redraw();
}

QStringList EmbeddingMapView::selectedPaths() const {
    QList<int> images(selected_.begin(), selected_.end());
    std::sort(images.begin(), images.end());
    QStringList paths;
    for (int i : images) {
        paths << inspection_->pathOf(std::size_t(i));
    }
    return paths;
}

void EmbeddingMapView::clearSelection() {
    selected_.clear();
    redraw();
}

void EmbeddingMapView::labelSelected(int label) {
    const QStringList paths = selectedPaths();
    if (!paths.isEmpty() && label < project_->classCount()) {
        undoStack_->push(new RelabelCommand(project_, paths, label));
    }
}

}  // namespace tl
