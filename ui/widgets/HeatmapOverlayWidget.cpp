// SPDX-License-Identifier: MIT
#include "widgets/HeatmapOverlayWidget.h"

#include <QImageReader>
#include <QPainter>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace tl {

namespace {

constexpr int kMaxDecodedSide = 2048;

QImage loadPhoto(const QString& path) {
    QImageReader reader(path);
    reader.setAutoTransform(true);  // EXIF orientation: the photo as the user sees it
    const QSize size = reader.size();
    if (size.isValid() && std::max(size.width(), size.height()) > kMaxDecodedSide) {
        reader.setScaledSize(size.scaled(kMaxDecodedSide, kMaxDecodedSide, Qt::KeepAspectRatio));
    }
    return reader.read();
}

// The classic "jet" map: blue (cold) through cyan, yellow to red (hot).
QRgb jet(float value) {
    const auto channel = [value](float centre) {
        return static_cast<int>(255 * std::clamp(1.5f - std::abs(4 * value - centre), 0.0f, 1.0f));
    };
    return qRgb(channel(3), channel(2), channel(1));
}

}  // namespace

HeatmapOverlayWidget::HeatmapOverlayWidget(QWidget* parent) : QWidget(parent) {
    setMinimumSize(320, 240);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    connect(&watcher_, &QFutureWatcher<QImage>::finished, this, [this] {
        const QImage image = watcher_.result();
        // A newer photo may have been asked for meanwhile; its own load follows.
        if (watcher_.property("path").toString() == path_) {
            photo_ = image;
            update();
            emit photoLoaded(path_);
        }
    });
}

void HeatmapOverlayWidget::setPhoto(const QString& path) {
    path_ = path;
    photo_ = QImage();
    clearHeatmap();
    watcher_.setProperty("path", path);
    watcher_.setFuture(QtConcurrent::run(loadPhoto, path));
    update();
}

QImage HeatmapOverlayWidget::colourise(const Heatmap& heatmap) {
    QImage image(heatmap.width, heatmap.height, QImage::Format_RGB32);
    for (int y = 0; y < heatmap.height; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < heatmap.width; ++x) {
            line[x] = jet(heatmap.at(x, y));
        }
    }
    return image;
}

void HeatmapOverlayWidget::setHeatmap(const Heatmap& heatmap) {
    colours_ = heatmap.width > 0 && heatmap.height > 0 ? colourise(heatmap) : QImage();
    update();
}

void HeatmapOverlayWidget::clearHeatmap() {
    colours_ = QImage();
    update();
}

void HeatmapOverlayWidget::setOverlayVisible(bool visible) {
    overlayVisible_ = visible;
    update();
}

void HeatmapOverlayWidget::setOpacity(double opacity) {
    opacity_ = std::clamp(opacity, 0.0, 1.0);
    update();
}

QRect HeatmapOverlayWidget::photoRect() const {
    if (photo_.isNull()) {
        return {};
    }
    const QSize fitted = photo_.size().scaled(size(), Qt::KeepAspectRatio);
    return QRect(QPoint((width() - fitted.width()) / 2, (height() - fitted.height()) / 2), fitted);
}

void HeatmapOverlayWidget::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().color(QPalette::Dark));
    if (photo_.isNull()) {
        painter.setPen(palette().color(QPalette::BrightText));
        painter.drawText(rect(), Qt::AlignCenter,
                         path_.isEmpty() ? tr("No photo") : tr("Loading…"));
        return;
    }
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    const QRect target = photoRect();
    painter.drawImage(target, photo_);
    if (overlayVisible_ && !colours_.isNull()) {
        // The grid covers the whole photo: stretched over it, smoothly interpolated.
        painter.setOpacity(opacity_);
        painter.drawImage(target, colours_);
    }
}

}  // namespace tl
