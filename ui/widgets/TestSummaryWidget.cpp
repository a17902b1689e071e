// SPDX-License-Identifier: MIT
#include "widgets/TestSummaryWidget.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>

#include <qcustomplot.h>

#include "models/ClassColors.h"
#include "widgets/PlotStyle.h"

namespace tl {

TestSummaryWidget::TestSummaryWidget(QWidget* parent) : QWidget(parent) {
    counts_ = new QLabel(this);
    counts_->setTextFormat(Qt::RichText);
    counts_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    counts_->setMinimumWidth(220);
    histogram_ = new QCustomPlot(this);
    histogram_->setMinimumHeight(110);
    histogram_->setMaximumHeight(150);
    bars_ = new QCPBars(histogram_->xAxis, histogram_->yAxis);
    bars_->setWidth(0.09);
    bars_->setPen(Qt::NoPen);
    bars_->setBrush(QColor(31, 119, 180, 200));
    histogram_->xAxis->setRange(0, 1);
    histogram_->xAxis->setLabel(tr("confidence (probability of the predicted class)"));
    histogram_->yAxis->setLabel(tr("photos"));
    QSharedPointer<QCPAxisTickerText> ticks(new QCPAxisTickerText);
    for (int i = 0; i <= 10; i += 2) {
        ticks->addTick(i / 10.0, QStringLiteral("%1%").arg(i * 10));
    }
    histogram_->xAxis->setTicker(ticks);
    applyPalette(histogram_, palette());
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(counts_);
    layout->addWidget(histogram_, 1);
}

void TestSummaryWidget::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette(histogram_, palette());
        histogram_->replot(QCustomPlot::rpQueuedReplot);
    }
}

void TestSummaryWidget::setSummary(const PredictionSummary& summary,
                                   const QStringList& classNames) {
    QString html = tr("<b>%n photo(s) classified</b>", nullptr, summary.total);
    if (summary.uncertain > 0) {
        html += tr("<br>%n below 70% confidence: worth a look", nullptr, summary.uncertain);
    }
    html += QStringLiteral("<table cellspacing=4>");
    for (int c = 0; c < summary.countPerClass.size(); ++c) {
        const QColor color = classColor(c);
        const QString detail = summary.countPerClass[c] > 0
                                   ? tr("photos, %1% sure on average")
                                         .arg(summary.meanConfidencePerClass[c] * 100, 0, 'f', 0)
                                   : tr("photos");
        html +=
            QStringLiteral(
                "<tr><td><span style='background:%1; color:%2'>&nbsp;%3&nbsp;</span></td>"
                "<td align=right>&nbsp;%4</td><td>&nbsp;%5</td></tr>")
                .arg(color.name(), textColorOn(color).name(), classNames.value(c).toHtmlEscaped())
                .arg(summary.countPerClass[c])
                .arg(detail);
    }
    html += QStringLiteral("</table>");
    counts_->setText(html);
    QVector<double> x, y;
    double highest = 1;
    for (int bin = 0; bin < summary.confidenceHistogram.size(); ++bin) {
        x.push_back((bin + 0.5) / PredictionSummary::kBins);
        y.push_back(summary.confidenceHistogram[bin]);
        highest = qMax(highest, y.back());
    }
    bars_->setData(x, y);
    histogram_->yAxis->setRange(0, highest * 1.1);
    histogram_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace tl
