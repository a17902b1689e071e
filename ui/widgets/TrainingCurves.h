// SPDX-License-Identifier: MIT
#pragma once

#include <QVector>
#include <QWidget>

#include "training/TrainingHistory.h"

class QCustomPlot;

namespace tl {

struct TrainingRunRecord;

// The live loss and accuracy curves of a run: per epoch (training and validation) and the
// running per-batch values, with earlier runs' validation curves overlaid on request.
class TrainingCurves : public QWidget {
    Q_OBJECT
public:
    explicit TrainingCurves(QWidget* parent = nullptr);

    void clear();
    void addBatch(const BatchMetrics& metrics);
    void addEpoch(const EpochMetrics& metrics);
    // Shows a finished run's curves (a project reopened) as if it had just been trained.
    void showHistory(const TrainingHistory& history);
    // Validation curves of earlier runs, dashed; replaces the previous overlays.
    void setOverlays(const QVector<TrainingRunRecord>& runs);

    QCustomPlot* lossPlot() const { return loss_; }
    QCustomPlot* accuracyPlot() const { return accuracy_; }
    int epochPointCount() const;
    int batchPointCount() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void rescale();

    QCustomPlot* loss_;
    QCustomPlot* accuracy_;
};

}  // namespace tl
