// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QCheckBox;
class QSpinBox;

namespace tl {

// Edit > Image Limits: the largest image (megapixels) and image file (MB) TransferLab decodes,
// and whether damaged JPEGs are kept. Saved with ImageLimitsSettings on OK.
class ImageLimitsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ImageLimitsDialog(QWidget* parent = nullptr);
    void accept() override;

private:
    QSpinBox* megapixels_ = nullptr;
    QSpinBox* megabytes_ = nullptr;
    QCheckBox* keepDamaged_ = nullptr;
};

}  // namespace tl
