// SPDX-License-Identifier: MIT
#pragma once

#include <QFutureWatcher>
#include <QImage>
#include <QWidget>

#include "inspection/Explanation.h"

namespace tl {

// A photo, fitted to the widget, with a Grad-CAM heat-map drawn over it ("jet" colours,
// smoothly upsampled, adjustable opacity, can be hidden). The photo is decoded off the UI
// thread with its EXIF orientation, as the heat-map's grid assumes.
class HeatmapOverlayWidget : public QWidget {
    Q_OBJECT
public:
    explicit HeatmapOverlayWidget(QWidget* parent = nullptr);

    void setPhoto(const QString& path);
    QString photoPath() const { return path_; }
    bool hasPhoto() const { return !photo_.isNull(); }
    void setHeatmap(const Heatmap& heatmap);
    void clearHeatmap();
    bool hasHeatmap() const { return !colours_.isNull(); }
    void setOverlayVisible(bool visible);
    bool isOverlayVisible() const { return overlayVisible_; }
    void setOpacity(double opacity);
    double opacity() const { return opacity_; }
    // The heat-map in colour, one pixel per cell (ARGB).
    static QImage colourise(const Heatmap& heatmap);

signals:
    void photoLoaded(const QString& path);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QRect photoRect() const;

    QString path_;
    QImage photo_;
    QImage colours_;
    bool overlayVisible_ = true;
    double opacity_ = 0.5;
    QFutureWatcher<QImage> watcher_;
};

}  // namespace tl
