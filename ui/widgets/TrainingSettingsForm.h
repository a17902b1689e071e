// SPDX-License-Identifier: MIT
#pragma once

#include <QPair>
#include <QVector>
#include <QWidget>

#include "training/TrainingSettings.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QSpinBox;
class QToolButton;

namespace tl {

// The training settings a run uses, few up front (the recipe, validation split, augmentation)
// and the rest under an "Advanced" fold, each with a tooltip. The recipe is "Automatic"
// (TrainingSettings::automatic: the automatic recipe chooses the input size, epochs, learning
// rate, dropout, hidden layer, augmented views and test-time augmentation by cross-validation,
// so those fields are greyed) or "Custom" (the user sets them). Other settings are added with
// addRow() / addAdvancedRow() and read and written through the hooks.
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

    QComboBox* recipeCombo() const { return recipe_; }
    // Whether the recipe choice says "Automatic".
    bool isAutomatic() const;
    QSpinBox* epochsSpin() const { return epochs_; }
    QDoubleSpinBox* learningRateSpin() const { return learningRate_; }
    QDoubleSpinBox* dropoutSpin() const { return dropout_; }
    QSpinBox* hiddenUnitsSpin() const { return hiddenUnits_; }
    QComboBox* testTimeCombo() const { return testTime_; }
    QDoubleSpinBox* validationSpin() const { return validation_; }
    QCheckBox* augmentationCheck() const { return augmentation_; }

signals:
    // The user changed a value.
    void edited();

private:
    // Greys what the automatic recipe chooses (and says so in their tooltips).
    void updateRecipeFields();

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
    QComboBox* recipe_;
    QSpinBox* hiddenUnits_;
    QComboBox* testTime_;
    // The fields the automatic recipe chooses, with their own tooltips.
    QVector<QPair<QWidget*, QString>> recipeFields_;
    bool loading_ = false;
    bool locked_ = false;
};

}  // namespace tl
