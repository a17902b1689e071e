// SPDX-License-Identifier: MIT
#pragma once

#include <QFutureWatcher>
#include <QImage>
#include <QWidget>

class QLabel;
class QScrollArea;
class QSlider;

namespace tl {

// A large view of one photo with zoom (Ctrl+wheel, slider, Fit) and an optional overlay drawn
// over it (a heat map, say), scaled to the photo. Decoding runs off the UI thread; a newer
// request supersedes an older one.
class ImagePreview : public QWidget {
    Q_OBJECT
public:
    explicit ImagePreview(QWidget* parent = nullptr);
    void showImage(const QString& path);
    QString path() const { return path_; }
    void setCaption(const QString& caption);
    // Drawn over the photo, stretched to its size, at `opacity`; a null image removes it.
    void setOverlay(const QImage& overlay, qreal opacity = 0.5);
    // The decoded photo (null while loading or when unreadable).
    const QImage& image() const { return image_; }
    bool isLoading() const { return watcher_.isRunning(); }
    void zoomIn();
    void zoomOut();
    void fitToView();

signals:
    // The photo finished loading (ok = it could be read).
    void imageLoaded(bool ok);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void updatePixmap();

    QString path_;
    QImage image_;
    QImage overlay_;
    qreal overlayOpacity_ = 0.5;
    bool fit_ = true;
    QLabel* caption_;
    QScrollArea* scroll_;
    QLabel* label_;
    QSlider* zoom_;
    QFutureWatcher<QImage> watcher_;
};

}  // namespace tl
