// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include "training/TrainingSettings.h"

class QCheckBox;
class QDoubleSpinBox;
class QFormLayout;
class QSpinBox;
class QToolButton;

namespace tl {

// The training settings a run uses, few up front (validation split, augmentation) and the
// rest under an "Advanced" fold, each with a tooltip. Other settings (a recipe choice, say)
// are added with addRow() / addAdvancedRow() and read and written through the hooks.
class TrainingSettingsForm : public QWidget {
    Q_OBJECT
public:
    explicit TrainingSettingsForm(QWidget* parent = nullptr);

    // Shows `settings` without emitting edited().
    void load(const TrainingSettings& settings);
    // Writes the controls' values into `settings` (fields without a control are kept).
    void store(TrainingSettings& settings) const;
    // A run is going: nothing can change until it ends.
    void setLocked(bool locked);
    bool isLocked() const { return locked_; }

    void addRow(const QString& label, QWidget* field);
    void addAdvancedRow(const QString& label, QWidget* field);
    void setAdvancedVisible(bool visible);
    bool isAdvancedVisible() const;

    QSpinBox* epochsSpin() const { return epochs_; }
    QDoubleSpinBox* validationSpin() const { return validation_; }
    QCheckBox* augmentationCheck() const { return augmentation_; }

signals:
    // The user changed a value.
    void edited();

private:
    QFormLayout* basic_;
    QFormLayout* advanced_;
    QWidget* advancedPanel_;
    QToolButton* advancedToggle_;
    QDoubleSpinBox* validation_;
    QCheckBox* augmentation_;
    QSpinBox* epochs_;
    QDoubleSpinBox* learningRate_;
    QSpinBox* batchSize_;
    QDoubleSpinBox* dropout_;
    QSpinBox* fineTuneBlocks_;
    QSpinBox* fineTuneEpochs_;
    bool loading_ = false;
    bool locked_ = false;
};

}  // namespace tl
