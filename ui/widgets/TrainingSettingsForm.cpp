// SPDX-License-Identifier: MIT
#include "widgets/TrainingSettingsForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace tl {

TrainingSettingsForm::TrainingSettingsForm(QWidget* parent) : QWidget(parent) {
    recipe_ = new QComboBox(this);
    recipe_->addItem(tr("Automatic (recommended)"), true);
    recipe_->setItemData(
        0,
        tr("TransferLab tries input sizes, head settings, augmented views and test-time "
           "augmentation by cross-validation on the training photos, within about three "
           "plain runs' time, and trains with the best"),
        Qt::ToolTipRole);
    recipe_->addItem(tr("Custom"), false);
    recipe_->setItemData(1, tr("You set the epochs, learning rate, dropout and the rest"),
                         Qt::ToolTipRole);
    recipe_->setToolTip(
        tr("Automatic chooses how to train by cross-validation on your photos; Custom trains "
           "with the settings below"));
    recipe_->setProperty("trainingSetting", true);

    validation_ = new QDoubleSpinBox(this);
    validation_->setRange(0.05, 0.9);
    validation_->setSingleStep(0.05);
    validation_->setToolTip(
        tr("The share of each class kept aside to measure the classifier on photos it has "
           "not learned from"));
    augmentation_ = new QCheckBox(tr("Augment the training photos"), this);
    augmentation_->setToolTip(
        tr("Train on random flips, turns and crops of the photos (set them up on the "
           "Augmentation page); slower, often more robust"));

    epochs_ = new QSpinBox(this);
    epochs_->setRange(1, 1000);
    epochs_->setToolTip(
        tr("How many times the classifier sees every training photo. With the frozen "
           "backbone the photos' features are computed once, so more epochs cost little"));
    learningRate_ = new QDoubleSpinBox(this);
    learningRate_->setDecimals(6);
    learningRate_->setRange(1e-6, 1.0);
    learningRate_->setSingleStep(1e-4);
    learningRate_->setToolTip(
        tr("How big each learning step is (Adam). Too high and the curves jump about; too "
           "low and learning is slow. 0.001 suits most projects"));
    batchSize_ = new QSpinBox(this);
    batchSize_->setRange(1, 1024);
    batchSize_->setToolTip(tr("Photos per learning step"));
    dropout_ = new QDoubleSpinBox(this);
    dropout_->setRange(0, 0.9);
    dropout_->setSingleStep(0.05);
    dropout_->setToolTip(
        tr("The share of features hidden at random in each step, so the classifier does not "
           "lean on a few of them"));
    fineTuneBlocks_ = new QSpinBox(this);
    fineTuneBlocks_->setRange(0, 20);
    fineTuneBlocks_->setSpecialValueText(tr("Off"));
    fineTuneBlocks_->setToolTip(
        tr("After the classifier has learned, also adjust this many of the backbone's last "
           "blocks, at a low learning rate. Much slower; helps when your photos look unlike "
           "everyday photos"));
    fineTuneEpochs_ = new QSpinBox(this);
    fineTuneEpochs_->setRange(1, 100);
    fineTuneEpochs_->setToolTip(tr("Epochs of fine-tuning, after the classifier's epochs"));
    hiddenUnits_ = new QSpinBox(this);
    hiddenUnits_->setRange(0, 4096);
    hiddenUnits_->setSingleStep(32);
    hiddenUnits_->setSpecialValueText(tr("None"));
    hiddenUnits_->setToolTip(
        tr("Units of one extra layer between the backbone's features and the classes; None "
           "keeps the single layer of the published recipe"));
    testTime_ = new QComboBox(this);
    testTime_->addItem(tr("Off"), int(TestTimeAugmentation::Off));
    testTime_->addItem(tr("Mirror"), int(TestTimeAugmentation::Mirror));
    testTime_->addItem(tr("Mirror + crops"), int(TestTimeAugmentation::MirrorAndCrops));
    testTime_->setToolTip(
        tr("What the model's predictions average by default: the photo alone, also its mirror "
           "image, or also centre crops. Often a little more accurate; predicting takes two or "
           "four times longer"));
    testTime_->setProperty("trainingSetting", true);

    basic_ = new QFormLayout;
    basic_->addRow(tr("Recipe:"), recipe_);
    basic_->addRow(tr("Validation share:"), validation_);
    basic_->addRow(augmentation_);

    advancedToggle_ = new QToolButton(this);
    advancedToggle_->setText(tr("Advanced"));
    advancedToggle_->setCheckable(true);
    advancedToggle_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    advancedToggle_->setArrowType(Qt::RightArrow);
    advancedToggle_->setAutoRaise(true);
    advancedToggle_->setToolTip(tr("Epochs, learning rate, batch size, dropout, fine-tuning"));
    advancedPanel_ = new QWidget(this);
    advanced_ = new QFormLayout(advancedPanel_);
    advanced_->setContentsMargins(12, 0, 0, 0);
    advanced_->addRow(tr("Epochs:"), epochs_);
    advanced_->addRow(tr("Learning rate:"), learningRate_);
    advanced_->addRow(tr("Batch size:"), batchSize_);
    advanced_->addRow(tr("Dropout:"), dropout_);
    advanced_->addRow(tr("Hidden layer:"), hiddenUnits_);
    advanced_->addRow(tr("Test-time augmentation:"), testTime_);
    advanced_->addRow(tr("Fine-tune blocks:"), fineTuneBlocks_);
    advanced_->addRow(tr("Fine-tune epochs:"), fineTuneEpochs_);
    advancedPanel_->setVisible(false);
    connect(advancedToggle_, &QToolButton::toggled, this,
            &TrainingSettingsForm::setAdvancedVisible);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(basic_);
    layout->addWidget(advancedToggle_);
    layout->addWidget(advancedPanel_);

    auto changed = [this] {
        if (!loading_) {
            emit edited();
        }
    };
    for (QSpinBox* spin : {epochs_, batchSize_, fineTuneBlocks_, fineTuneEpochs_, hiddenUnits_}) {
        connect(spin, &QSpinBox::valueChanged, this, changed);
    }
    for (QDoubleSpinBox* spin : {learningRate_, dropout_, validation_}) {
        connect(spin, &QDoubleSpinBox::valueChanged, this, changed);
    }
    connect(augmentation_, &QCheckBox::toggled, this, changed);
    connect(testTime_, &QComboBox::currentIndexChanged, this, changed);
    connect(recipe_, &QComboBox::currentIndexChanged, this, [this, changed] {
        updateRecipeFields();
        changed();
    });
    connect(fineTuneBlocks_, &QSpinBox::valueChanged, this,
            [this](int blocks) { fineTuneEpochs_->setEnabled(!locked_ && blocks > 0); });

    for (QWidget* field : std::initializer_list<QWidget*>{augmentation_, epochs_, learningRate_,
                                                          dropout_, hiddenUnits_, testTime_}) {
        recipeFields_.push_back({field, field->toolTip()});
    }
    updateRecipeFields();
}

bool TrainingSettingsForm::isAutomatic() const {
    return recipe_->currentData().toBool();
}

void TrainingSettingsForm::updateRecipeFields() {
    const bool automatic = isAutomatic();
    for (const auto& [field, toolTip] : recipeFields_) {
        field->setEnabled(!locked_ && !automatic);
        field->setToolTip(automatic
                              ? tr("The automatic recipe chooses this by cross-validation on the "
                                   "training photos. Choose the Custom recipe to set it yourself.")
                              : toolTip);
    }
}

void TrainingSettingsForm::load(const TrainingSettings& s) {
    loading_ = true;
    recipe_->setCurrentIndex(recipe_->findData(s.automatic));
    validation_->setValue(s.validationFraction);
    augmentation_->setChecked(s.augmentation.enabled);
    epochs_->setValue(s.epochs);
    learningRate_->setValue(s.learningRate);
    batchSize_->setValue(s.batchSize);
    dropout_->setValue(s.dropout);
    fineTuneBlocks_->setValue(s.fineTuneBlocks);
    fineTuneEpochs_->setValue(s.fineTuneEpochs);
    hiddenUnits_->setValue(s.hiddenUnits.empty() ? 0 : static_cast<int>(s.hiddenUnits.front()));
    testTime_->setCurrentIndex(testTime_->findData(int(s.testTimeAugmentation)));
    loading_ = false;
}

void TrainingSettingsForm::store(TrainingSettings& s) const {
    s.validationFraction = validation_->value();
    s.augmentation.enabled = augmentation_->isChecked();
    s.epochs = epochs_->value();
    s.learningRate = learningRate_->value();
    s.batchSize = batchSize_->value();
    s.dropout = dropout_->value();
    s.fineTuneBlocks = fineTuneBlocks_->value();
    s.fineTuneEpochs = fineTuneEpochs_->value();
    s.automatic = isAutomatic();
    s.testTimeAugmentation = static_cast<TestTimeAugmentation>(testTime_->currentData().toInt());
    // One hidden layer here; more (from the command line) are kept while the first is unchanged.
    const int64_t hidden = hiddenUnits_->value();
    if (hidden != (s.hiddenUnits.empty() ? 0 : s.hiddenUnits.front())) {
        s.hiddenUnits.clear();
        if (hidden > 0) {
            s.hiddenUnits.push_back(hidden);
        }
    }
}

void TrainingSettingsForm::setLocked(bool locked) {
    locked_ = locked;
    for (QWidget* field : findChildren<QWidget*>()) {
        if (field != advancedToggle_ && field != advancedPanel_ && field->parent() != nullptr &&
            (qobject_cast<QSpinBox*>(field) || qobject_cast<QDoubleSpinBox*>(field) ||
             qobject_cast<QCheckBox*>(field) || field->property("trainingSetting").toBool())) {
            field->setEnabled(!locked);
        }
    }
    fineTuneEpochs_->setEnabled(!locked && fineTuneBlocks_->value() > 0);
    updateRecipeFields();
}

void TrainingSettingsForm::addRow(const QString& label, QWidget* field) {
    field->setProperty("trainingSetting", true);
    basic_->addRow(label, field);
}

void TrainingSettingsForm::addAdvancedRow(const QString& label, QWidget* field) {
    field->setProperty("trainingSetting", true);
    advanced_->addRow(label, field);
}

void TrainingSettingsForm::setAdvancedVisible(bool visible) {
    advancedPanel_->setVisible(visible);
    advancedToggle_->setArrowType(visible ? Qt::DownArrow : Qt::RightArrow);
    if (advancedToggle_->isChecked() != visible) {
        advancedToggle_->setChecked(visible);
    }
}

bool TrainingSettingsForm::isAdvancedVisible() const {
    return advancedPanel_->isVisibleTo(this);
}

}  // namespace tl
