// SPDX-License-Identifier: MIT
#include "widgets/ImagePreview.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>

namespace tl {

namespace {
constexpr int kMaxSide = 4096;  // bounds memory for huge panoramas
}

ImagePreview::ImagePreview(QWidget* parent)
    : QWidget(parent),
      caption_(new QLabel(this)),
      scroll_(new QScrollArea(this)),
      label_(new QLabel),
      zoom_(new QSlider(Qt::Horizontal, this)) {
    caption_->setWordWrap(true);
    caption_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label_->setAlignment(Qt::AlignCenter);
    label_->setText(tr("Select a photo to preview it"));
    scroll_->setWidget(label_);
    scroll_->setWidgetResizable(true);
    scroll_->setAlignment(Qt::AlignCenter);
    scroll_->viewport()->installEventFilter(this);
    zoom_->setRange(5, 400);
    zoom_->setValue(100);
    zoom_->setToolTip(tr("Zoom (Ctrl+wheel over the photo)"));
    auto* fit = new QPushButton(tr("Fit"), this);
    fit->setToolTip(tr("Fit the photo in the view"));
    auto* actual = new QPushButton(tr("100%"), this);
    actual->setToolTip(tr("Show the photo at its actual size"));
    connect(zoom_, &QSlider::valueChanged, this, [this] {
        fit_ = false;
        updatePixmap();
    });
    connect(fit, &QPushButton::clicked, this, &ImagePreview::fitToView);
    connect(actual, &QPushButton::clicked, this, [this] { zoom_->setValue(100); });
    connect(&watcher_, &QFutureWatcher<QImage>::finished, this, [this] {
        image_ = watcher_.result();
        if (image_.isNull()) {
            label_->setPixmap({});
            label_->setText(QFileInfo::exists(path_) ? tr("Cannot read this photo")
                                                     : tr("This photo is no longer there"));
        }
        updatePixmap();
        emit imageLoaded(!image_.isNull());
    });

    auto* controls = new QHBoxLayout;
    controls->addWidget(zoom_, 1);
    controls->addWidget(fit);
    controls->addWidget(actual);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll_, 1);
    layout->addLayout(controls);
    layout->addWidget(caption_);
}

void ImagePreview::showImage(const QString& path) {
    if (path == path_) {
        return;
    }
    path_ = path;
    fit_ = true;
    overlay_ = {};
    if (path.isEmpty()) {
        image_ = {};
        label_->setPixmap({});
        label_->setText(tr("Select a photo to preview it"));
        return;
    }
    watcher_.setFuture(QtConcurrent::run([path] {
        QImageReader reader(path);
        reader.setAutoTransform(true);
        const QSize size = reader.size();
        if (size.isValid() && qMax(size.width(), size.height()) > kMaxSide) {
            reader.setScaledSize(size.scaled(kMaxSide, kMaxSide, Qt::KeepAspectRatio));
        }
        return reader.read();
    }));
}

void ImagePreview::setCaption(const QString& caption) {
    caption_->setText(caption);
    caption_->setVisible(!caption.isEmpty());
}

void ImagePreview::setOverlay(const QImage& overlay, qreal opacity) {
    overlay_ = overlay;
    overlayOpacity_ = opacity;
    updatePixmap();
}

void ImagePreview::zoomIn() {
    zoom_->setValue(zoom_->value() + 10);
}

void ImagePreview::zoomOut() {
    zoom_->setValue(zoom_->value() - 10);
}

void ImagePreview::fitToView() {
    fit_ = true;
    updatePixmap();
}

bool ImagePreview::eventFilter(QObject* watched, QEvent* event) {
    if (watched == scroll_->viewport() && event->type() == QEvent::Wheel) {
        auto* wheel = static_cast<QWheelEvent*>(event);
        if (wheel->modifiers() & Qt::ControlModifier) {
            const int step = wheel->angleDelta().y() > 0 ? 10 : -10;
            zoom_->setValue(zoom_->value() + step);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ImagePreview::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    if (fit_) {
        updatePixmap();
    }
}

void ImagePreview::updatePixmap() {
    if (image_.isNull()) {
        return;
    }
    const QSize area = scroll_->viewport()->size() - QSize(4, 4);
    const QSize target = fit_ ? image_.size().scaled(area, Qt::KeepAspectRatio)
                              : image_.size() * (zoom_->value() / 100.0);
    const qreal dpr = devicePixelRatioF();
    QImage scaled = image_.scaled(target * dpr, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    if (!overlay_.isNull()) {
        scaled = scaled.convertToFormat(QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&scaled);
        painter.setOpacity(overlayOpacity_);
        painter.drawImage(scaled.rect(), overlay_);
    }
    QPixmap pixmap = QPixmap::fromImage(scaled);
    pixmap.setDevicePixelRatio(dpr);
    label_->setPixmap(pixmap);
}

}  // namespace tl
