// SPDX-License-Identifier: MIT
#include "widgets/AugmentationPage.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QtConcurrent/QtConcurrentRun>

#include <opencv2/core.hpp>

#include "data/Augmenter.h"
#include "data/ImageDecoder.h"
#include "project/Project.h"
#include "support/Errors.h"

namespace tl {

namespace {

constexpr int kMinCellSide = 96;
constexpr int kMaxCellSide = 240;

QVector<QImage> renderVariants(const QString& path, AugmentationSettings settings, int size,
                               uint64_t seed) {
    // The preview shows what augmentation does even while it is switched off for training.
    settings.enabled = true;
    const ImageDecoder decoder(cv::Size(size, size));
    const cv::Mat rgb = decoder.decode(std::filesystem::u8path(path.toStdString()));
    const Augmenter augmenter(settings);
    QVector<QImage> images;
    for (int view = 0; view < AugmentationPage::kViews; ++view) {
        cv::Mat out = augmenter.augment(rgb, seed, view);
        if (!out.isContinuous()) {
            out = out.clone();
        }
        images.push_back(
            QImage(out.data, out.cols, out.rows, static_cast<int>(out.step), QImage::Format_RGB888)
                .copy());
    }
    return images;
}

QDoubleSpinBox* factorBox(double max, const QString& tip, QWidget* parent) {
    auto* box = new QDoubleSpinBox(parent);
    box->setRange(0.0, max);
    box->setSingleStep(0.05);
    box->setDecimals(2);
    box->setToolTip(tip);
    return box;
}

}  // namespace

AugmentationPage::AugmentationPage(Project* project, QWidget* parent)
    : QWidget(parent), project_(project) {
    enabled_ = new QCheckBox(tr("Use augmentation when training"), this);
    enabled_->setToolTip(
        tr("Random variants of the training photos make the classifier "
           "robust to framing and lighting; it costs training time"));
    flip_ = new QCheckBox(tr("Horizontal flip"), this);
    // Shown in degrees; stored as Keras's fraction of a full turn (RandomRotation's factor).
    rotation_ = new QDoubleSpinBox(this);
    rotation_->setRange(0.0, 180.0);
    rotation_->setSingleStep(5.0);
    rotation_->setDecimals(1);
    rotation_->setSuffix(tr("°"));
    rotation_->setToolTip(
        tr("Turn each photo by up to this many degrees either way (72° is "
           "Keras's RandomRotation(0.2), a fifth of a full turn)"));
    zoom_ = factorBox(0.9, tr("Zoom in or out by up to this fraction of the side"), this);
    translation_ = factorBox(0.5, tr("Shift by up to this fraction of the side"), this);
    contrast_ = factorBox(1.0, tr("Contrast factor range (Keras RandomContrast)"), this);
    brightness_ = factorBox(1.0, tr("Brightness factor range (Keras RandomBrightness)"), this);
    seed_ = new QSpinBox(this);
    seed_->setRange(0, 1000000);
    seed_->setToolTip(tr("Another seed draws other variants"));
    auto* reshuffle = new QPushButton(tr("New Variants"), this);
    connect(reshuffle, &QPushButton::clicked, seed_,
            [this] { seed_->setValue(seed_->value() + 1); });

    auto* form = new QFormLayout;
    form->addRow(enabled_);
    form->addRow(flip_);
    form->addRow(tr("Rotation:"), rotation_);
    form->addRow(tr("Zoom:"), zoom_);
    form->addRow(tr("Translation:"), translation_);
    form->addRow(tr("Contrast:"), contrast_);
    form->addRow(tr("Brightness:"), brightness_);
    form->addRow(tr("Preview seed:"), seed_);
    form->addRow(reshuffle);
    auto* box = new QGroupBox(tr("Augmentation"), this);
    box->setLayout(form);
    box->setMaximumWidth(360);

    status_ = new QLabel(tr("Select a photo on the Data page to preview its variants."), this);
    status_->setWordWrap(true);
    auto* grid = new QGridLayout;
    for (int i = 0; i < kViews; ++i) {
        auto* cell = new QLabel(this);
        cell->setMinimumSize(kMinCellSide, kMinCellSide);
        cell->setMaximumSize(kMaxCellSide, kMaxCellSide);
        cell->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
        cell->setAlignment(Qt::AlignCenter);
        cell->setFrameShape(QFrame::StyledPanel);
        cell->setToolTip(i == 0 ? tr("The photo as the network sees it, unaugmented")
                                : tr("Augmented variant %1").arg(i));
        cells_.push_back(cell);
        grid->addWidget(cell, i / 4, i % 4);
    }
    auto* right = new QVBoxLayout;
    right->addWidget(status_);
    right->addLayout(grid);
    right->addStretch(1);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(box, 0, Qt::AlignTop);
    layout->addLayout(right, 1);

    for (QCheckBox* check : {enabled_, flip_}) {
        connect(check, &QCheckBox::toggled, this, &AugmentationPage::onControlsChanged);
    }
    for (QDoubleSpinBox* spin : {rotation_, zoom_, translation_, contrast_, brightness_}) {
        connect(spin, &QDoubleSpinBox::valueChanged, this, &AugmentationPage::onControlsChanged);
    }
    connect(seed_, &QSpinBox::valueChanged, this, &AugmentationPage::schedule);
    connect(project_, &Project::settingsChanged, this, &AugmentationPage::loadFromProject);
    connect(&watcher_, &QFutureWatcher<QVector<QImage>>::finished, this,
            &AugmentationPage::showVariants);
    loadFromProject();
}

AugmentationSettings AugmentationPage::settingsFromControls() const {
    AugmentationSettings a = project_->settings().augmentation;
    a.enabled = enabled_->isChecked();
    a.horizontalFlip = flip_->isChecked();
    a.rotation = rotation_->value() / 360.0;
    a.zoom = zoom_->value();
    a.translation = translation_->value();
    a.contrast = contrast_->value();
    a.brightness = brightness_->value();
    return a;
}

void AugmentationPage::loadFromProject() {
    const AugmentationSettings& a = project_->settings().augmentation;
    if (a == settingsFromControls()) {
        return;
    }
    updatingControls_ = true;
    enabled_->setChecked(a.enabled);
    flip_->setChecked(a.horizontalFlip);
    rotation_->setValue(a.rotation * 360.0);
    zoom_->setValue(a.zoom);
    translation_->setValue(a.translation);
    contrast_->setValue(a.contrast);
    brightness_->setValue(a.brightness);
    updatingControls_ = false;
    schedule();
}

void AugmentationPage::onControlsChanged() {
    if (updatingControls_) {
        return;
    }
    TrainingSettings settings = project_->settings();
    settings.augmentation = settingsFromControls();
    project_->setSettings(settings);
    schedule();
}

void AugmentationPage::setImage(const QString& path) {
    if (path != path_) {
        path_ = path;
        schedule();
    }
}

void AugmentationPage::schedule() {
    if (path_.isEmpty()) {
        return;
    }
    // One render at a time; a change during a render asks for one more afterwards.
    if (watcher_.isRunning()) {
        pending_ = true;
        return;
    }
    pending_ = false;
    const QString path = path_;
    const AugmentationSettings settings = settingsFromControls();
    // 0 means the backbone's training size: 224 for the default backbone.
    const int size = project_->settings().inputSize > 0 ? project_->settings().inputSize : 224;
    const uint64_t seed = static_cast<uint64_t>(seed_->value());
    status_->setText(tr("Rendering…"));
    watcher_.setFuture(QtConcurrent::run([path, settings, size, seed] {
        try {
            return renderVariants(path, settings, size, seed);
        } catch (const std::exception&) {
            return QVector<QImage>();
        }
    }));
}

void AugmentationPage::showVariants() {
    variants_ = watcher_.result();
    if (variants_.isEmpty()) {
        status_->setText(tr("Cannot preview %1: the photo cannot be decoded.").arg(path_));
    } else {
        status_->setText(enabled_->isChecked()
                             ? tr("What the trainer may see of this photo (top left: original).")
                             : tr("Augmentation is off: training uses the original photo. "
                                  "These are the variants it would use."));
    }
    showCells();
    if (pending_) {
        schedule();
    }
}

void AugmentationPage::showCells() {
    const qreal dpr = devicePixelRatioF();
    for (int i = 0; i < cells_.size(); ++i) {
        if (i < variants_.size()) {
            const QSize side = cells_[i]->contentsRect().size() - QSize(4, 4);
            QPixmap pixmap = QPixmap::fromImage(
                variants_[i].scaled(side * dpr, Qt::KeepAspectRatio, Qt::SmoothTransformation));
            pixmap.setDevicePixelRatio(dpr);
            cells_[i]->setPixmap(pixmap);
        } else {
            cells_[i]->clear();
        }
    }
}

void AugmentationPage::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    showCells();
}

}  // namespace tl
