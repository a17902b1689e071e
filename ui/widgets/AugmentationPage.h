// SPDX-License-Identifier: MIT
#pragma once

#include <QFutureWatcher>
#include <QImage>
#include <QVector>
#include <QWidget>

#include "data/AugmentationSettings.h"

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace tl {

class Project;

// A live grid of augmented variants of the selected photo, made by the trainer's own
// Augmenter, that follows the augmentation settings as the user edits them.
class AugmentationPage : public QWidget {
    Q_OBJECT
public:
    static constexpr int kViews = 12;

    explicit AugmentationPage(Project* project, QWidget* parent = nullptr);

    void setImage(const QString& path);
    AugmentationSettings settingsFromControls() const;
    // For tests and the screenshot tour: true once the grid shows the current request.
    bool isIdle() const { return !watcher_.isRunning() && !pending_; }
    const QVector<QImage>& variants() const { return variants_; }

private:
    void loadFromProject();
    void onControlsChanged();
    void schedule();
    void showVariants();
    void showCells();

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    Project* project_;
    QString path_;
    QCheckBox* enabled_;
    QCheckBox* flip_;
    QDoubleSpinBox* rotation_;
    QDoubleSpinBox* zoom_;
    QDoubleSpinBox* translation_;
    QDoubleSpinBox* contrast_;
    QDoubleSpinBox* brightness_;
    QSpinBox* seed_;
    QLabel* status_;
    QVector<QLabel*> cells_;
    QVector<QImage> variants_;
    QFutureWatcher<QVector<QImage>> watcher_;
    bool pending_ = false;
    bool updatingControls_ = false;
};

}  // namespace tl
