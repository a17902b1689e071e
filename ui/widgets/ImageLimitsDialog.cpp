// SPDX-License-Identifier: MIT
#include "widgets/ImageLimitsDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include "models/ImageLimitsSettings.h"

namespace tl {

ImageLimitsDialog::ImageLimitsDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Image Limits"));
    const ImageLimits limits = ImageLimitsSettings::load();

    megapixels_ = new QSpinBox(this);
    megapixels_->setRange(1, 10000);
    megapixels_->setSuffix(tr(" megapixels"));
    megapixels_->setValue(int(limits.maxPixels / 1'000'000));
    megabytes_ = new QSpinBox(this);
    megabytes_->setRange(1, 65536);
    megabytes_->setSuffix(tr(" MB"));
    megabytes_->setValue(int(limits.maxFileBytes >> 20));
    keepDamaged_ = new QCheckBox(tr("Keep damaged JPEGs (use the part that decodes)"), this);
    keepDamaged_->setChecked(limits.keepDamagedJpegs);

    auto* explanation = new QLabel(
        tr("Photos beyond these limits are skipped and listed with the reason, so that no "
           "single file can exhaust the computer's memory. Truncated or damaged JPEGs are "
           "skipped too, unless kept here."),
        this);
    explanation->setWordWrap(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Largest image:"), megapixels_);
    form->addRow(tr("Largest image file:"), megabytes_);
    form->addRow(QString(), keepDamaged_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(explanation);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

void ImageLimitsDialog::accept() {
    ImageLimits limits;
    limits.maxPixels = std::uint64_t(megapixels_->value()) * 1'000'000;
    limits.maxFileBytes = std::uint64_t(megabytes_->value()) << 20;
    limits.keepDamagedJpegs = keepDamaged_->isChecked();
    ImageLimitsSettings::save(limits);
    QDialog::accept();
}

}  // namespace tl
