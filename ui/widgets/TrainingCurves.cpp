// SPDX-License-Identifier: MIT
#include "widgets/TrainingCurves.h"

#include <QEvent>
#include <QSplitter>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include "project/Project.h"
#include "widgets/PlotStyle.h"

namespace tl {

namespace {

// Graph order in both plots: 0 train, 1 validation, 2 running (batch), 3.. overlays.
enum Graph { TrainGraph = 0, ValidationGraph = 1, RunningGraph = 2, FirstOverlay = 3 };

QCustomPlot* makePlot(const QString& title, const QString& yLabel, QWidget* parent) {
    auto* plot = new QCustomPlot(parent);
    plot->setMinimumHeight(130);
    plot->plotLayout()->insertRow(0);
    QFont titleFont = plot->font();
    titleFont.setBold(true);
    plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, title, titleFont));
    plot->xAxis->setLabel(QObject::tr("Epoch"));
    plot->yAxis->setLabel(yLabel);
    plot->legend->setVisible(true);
    QFont legendFont = plot->font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    plot->legend->setFont(legendFont);
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    const struct {
        QString name;
        QColor color;
        int width;
    } graphs[] = {{QObject::tr("training"), QColor(31, 119, 180), 2},
                  {QObject::tr("validation"), QColor(255, 127, 14), 2},
                  {QObject::tr("training (running, per batch)"), QColor(31, 119, 180, 110), 1}};
    for (const auto& g : graphs) {
        QCPGraph* graph = plot->addGraph();
        graph->setName(g.name);
        graph->setPen(QPen(g.color, g.width));
        if (g.width == 2) {
            graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 6));
        }
    }
    plot->xAxis->setRange(0, 1);
    plot->yAxis->setRange(0, 1);
    applyPalette(plot, parent->palette());
    return plot;
}

void rescalePlot(QCustomPlot* plot, bool unitRange) {
    plot->rescaleAxes();
    const QCPRange x = plot->xAxis->range();
    plot->xAxis->setRange(0, qMax(1.0, x.upper));
    if (unitRange) {
        plot->yAxis->setRange(0, 1.02);
    } else {
        plot->yAxis->setRange(0, plot->yAxis->range().upper * 1.05 + 1e-6);
    }
    plot->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace

TrainingCurves::TrainingCurves(QWidget* parent) : QWidget(parent) {
    loss_ = makePlot(tr("Loss"), tr("loss"), this);
    accuracy_ = makePlot(tr("Accuracy"), tr("accuracy"), this);
    // Accuracy curves rise to the top: their legend goes below them.
    accuracy_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(loss_);
    splitter->addWidget(accuracy_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
}

void TrainingCurves::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        for (QCustomPlot* plot : {loss_, accuracy_}) {
            applyPalette(plot, palette());
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
    }
}

void TrainingCurves::clear() {
    for (QCustomPlot* plot : {loss_, accuracy_}) {
        for (int g : {TrainGraph, ValidationGraph, RunningGraph}) {
            plot->graph(g)->data()->clear();
        }
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void TrainingCurves::addBatch(const BatchMetrics& m) {
    const double x = (m.epoch - 1) + static_cast<double>(m.batch) / qMax(1, m.batchesPerEpoch);
    loss_->graph(RunningGraph)->addData(x, m.runningLoss);
    accuracy_->graph(RunningGraph)->addData(x, m.runningAccuracy);
    rescale();
}

void TrainingCurves::addEpoch(const EpochMetrics& m) {
    loss_->graph(TrainGraph)->addData(m.epoch, m.loss);
    loss_->graph(ValidationGraph)->addData(m.epoch, m.validationLoss);
    accuracy_->graph(TrainGraph)->addData(m.epoch, m.accuracy);
    accuracy_->graph(ValidationGraph)->addData(m.epoch, m.validationAccuracy);
    rescale();
}

void TrainingCurves::showHistory(const TrainingHistory& history) {
    clear();
    for (const EpochMetrics& m : history) {
        loss_->graph(TrainGraph)->addData(m.epoch, m.loss);
        loss_->graph(ValidationGraph)->addData(m.epoch, m.validationLoss);
        accuracy_->graph(TrainGraph)->addData(m.epoch, m.accuracy);
        accuracy_->graph(ValidationGraph)->addData(m.epoch, m.validationAccuracy);
    }
    rescale();
}

void TrainingCurves::setOverlays(const QVector<TrainingRunRecord>& runs) {
    static const QColor colors[] = {QColor(44, 160, 44), QColor(214, 39, 40), QColor(148, 103, 189),
                                    QColor(140, 86, 75), QColor(227, 119, 194)};
    for (QCustomPlot* plot : {loss_, accuracy_}) {
        while (plot->graphCount() > FirstOverlay) {
            plot->removeGraph(plot->graphCount() - 1);
        }
    }
    for (int i = 0; i < runs.size(); ++i) {
        const TrainingRunRecord& run = runs[i];
        const QPen pen(colors[i % 5], 1.5, Qt::DashLine);
        QCPGraph* loss = loss_->addGraph();
        QCPGraph* accuracy = accuracy_->addGraph();
        for (QCPGraph* g : {loss, accuracy}) {
            g->setPen(pen);
            g->setName(tr("%1 (validation)").arg(run.name));
        }
        for (const EpochMetrics& m : run.history) {
            loss->addData(m.epoch, m.validationLoss);
            accuracy->addData(m.epoch, m.validationAccuracy);
        }
    }
    rescale();
}

void TrainingCurves::rescale() {
    rescalePlot(loss_, false);
    rescalePlot(accuracy_, true);
}

int TrainingCurves::epochPointCount() const {
    return loss_->graph(TrainGraph)->dataCount();
}

int TrainingCurves::batchPointCount() const {
    return loss_->graph(RunningGraph)->dataCount();
}

}  // namespace tl
