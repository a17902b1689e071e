// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>
#include <QWidget>

#include "models/PredictionSummary.h"

class QCPBars;
class QCustomPlot;
class QLabel;

namespace tl {

// The Test page's summary of the photos classified so far: how many went to each class (with
// the model's mean confidence) and a histogram of its confidence, so doubtful photos stand out.
class TestSummaryWidget : public QWidget {
    Q_OBJECT
public:
    explicit TestSummaryWidget(QWidget* parent = nullptr);

    void setSummary(const PredictionSummary& summary, const QStringList& classNames);
    QLabel* countsLabel() const { return counts_; }
    QCustomPlot* histogram() const { return histogram_; }

protected:
    void changeEvent(QEvent* event) override;

private:
    QLabel* counts_;
    QCustomPlot* histogram_;
    QCPBars* bars_;
};

}  // namespace tl
