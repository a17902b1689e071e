// SPDX-License-Identifier: MIT
#include "widgets/HeatmapViewer.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

#include "models/HeatmapController.h"
#include "widgets/HeatmapOverlayWidget.h"

namespace tl {

HeatmapViewer::HeatmapViewer(HeatmapController* heatmaps, QWidget* parent)
    : QDialog(parent), heatmaps_(heatmaps) {
    setWindowTitle(tr("Why the Model Decided — Heat-map"));
    overlay_ = new HeatmapOverlayWidget(this);
    showHeatmap_ = new QCheckBox(tr("&Heat-map"), this);
    showHeatmap_->setChecked(true);
    showHeatmap_->setToolTip(tr("Grad-CAM: the regions that raised the class's score (H)"));
    opacity_ = new QSlider(Qt::Horizontal, this);
    opacity_->setRange(0, 100);
    opacity_->setValue(50);
    opacity_->setToolTip(tr("Opacity of the heat-map"));
    target_ = new QComboBox(this);
    target_->setToolTip(tr("The class whose evidence the heat-map shows"));
    caption_ = new QLabel(this);
    caption_->setTextFormat(Qt::RichText);
    status_ = new QLabel(this);
    previous_ = new QPushButton(tr("◀ Previous"), this);
    next_ = new QPushButton(tr("Next ▶"), this);
    auto* close = new QPushButton(tr("Close"), this);

    connect(showHeatmap_, &QCheckBox::toggled, overlay_, &HeatmapOverlayWidget::setOverlayVisible);
    connect(opacity_, &QSlider::valueChanged, this,
            [this](int value) { overlay_->setOpacity(value / 100.0); });
    connect(target_, &QComboBox::activated, this, [this] { requestHeatmap(); });
    connect(previous_, &QPushButton::clicked, this, [this] {
        current_ = qMax(0, current_ - 1);
        showCurrent();
    });
    connect(next_, &QPushButton::clicked, this, [this] {
        current_ = qMin(int(paths_.size()) - 1, current_ + 1);
        showCurrent();
    });
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    connect(heatmaps_, &HeatmapController::ready, this, [this](const QString& path) {
        if (path != currentPath()) {
            return;
        }
        const Explanation& e = heatmaps_->explanation();
        overlay_->setHeatmap(e.heatmap);
        const QStringList names = heatmaps_->classNames();
        QStringList probabilities;
        for (int c = 0; c < int(e.probabilities.size()); ++c) {
            probabilities << QString("%1 %2%")
                                 .arg(names.value(c).toHtmlEscaped())
                                 .arg(e.probabilities[c] * 100, 0, 'f', 1);
        }
        caption_->setText(tr("<b>%1</b> — predicted <b>%2</b> (%3) · heat-map of <b>%4</b>, "
                             "%5×%6 grid")
                              .arg(QFileInfo(path).fileName().toHtmlEscaped(),
                                   names.value(e.predicted).toHtmlEscaped(),
                                   probabilities.join(", "), names.value(e.target).toHtmlEscaped())
                              .arg(e.gridWidth)
                              .arg(e.gridHeight));
        status_->clear();
    });
    connect(heatmaps_, &HeatmapController::failed, this,
            [this](const QString& path, const QString& error) {
                if (path == currentPath()) {
                    status_->setText(tr("No heat-map: %1").arg(error));
                }
            });
    connect(heatmaps_, &HeatmapController::modelChanged, this, [this] {
        updateClassChoices();
        requestHeatmap();
    });

    auto* controls = new QHBoxLayout;
    controls->addWidget(showHeatmap_);
    controls->addWidget(new QLabel(tr("Opacity"), this));
    controls->addWidget(opacity_, 1);
    controls->addWidget(new QLabel(tr("Explain"), this));
    controls->addWidget(target_);
    controls->addStretch();
    controls->addWidget(previous_);
    controls->addWidget(next_);
    controls->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(overlay_, 1);
    layout->addWidget(caption_);
    layout->addWidget(status_);
    layout->addLayout(controls);
    resize(1000, 800);
    updateClassChoices();
}

void HeatmapViewer::updateClassChoices() {
    const int previous = target_->currentIndex();
    target_->clear();
    target_->addItem(tr("the predicted class"), -1);
    const QStringList names = heatmaps_->classNames();
    for (int c = 0; c < names.size(); ++c) {
        target_->addItem(names[c], c);
    }
    target_->setCurrentIndex(previous >= 0 && previous < target_->count() ? previous : 0);
}

void HeatmapViewer::showPhotos(const QStringList& paths, int current) {
    paths_ = paths;
    current_ = qBound(0, current, qMax(0, int(paths.size()) - 1));
    updateClassChoices();
    showCurrent();
}

void HeatmapViewer::showCurrent() {
    previous_->setEnabled(current_ > 0);
    next_->setEnabled(current_ + 1 < paths_.size());
    overlay_->setPhoto(currentPath());
    caption_->setText(QFileInfo(currentPath()).fileName().toHtmlEscaped());
    requestHeatmap();
}

void HeatmapViewer::requestHeatmap() {
    if (currentPath().isEmpty()) {
        return;
    }
    overlay_->clearHeatmap();
    QString error;
    if (heatmaps_->request(currentPath(), target_->currentData().toInt(), &error)) {
        status_->setText(tr("Computing the heat-map…"));
    } else {
        status_->setText(error);
    }
}

void HeatmapViewer::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
        case Qt::Key_Left:
            previous_->click();
            return;
        case Qt::Key_Right:
            next_->click();
            return;
        case Qt::Key_H:
            showHeatmap_->toggle();
            return;
        default:
            QDialog::keyPressEvent(event);
    }
}

}  // namespace tl
