// SPDX-License-Identifier: MIT
#pragma once

#include <QFutureWatcher>
#include <QImage>
#include <QWidget>

class QLabel;
class QScrollArea;
class QSlider;

namespace tl {

// A large view of one photo with zoom (Ctrl+wheel, slider, Fit). Decoding runs off the UI
// thread; a newer request supersedes an older one.
class ImagePreview : public QWidget {
    Q_OBJECT
public:
    explicit ImagePreview(QWidget* parent = nullptr);
    void showImage(const QString& path);
    QString path() const { return path_; }
    void setCaption(const QString& caption);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void updatePixmap();

    QString path_;
    QImage image_;
    bool fit_ = true;
    QLabel* caption_;
    QScrollArea* scroll_;
    QLabel* label_;
    QSlider* zoom_;
    QFutureWatcher<QImage> watcher_;
};

}  // namespace tl
