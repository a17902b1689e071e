// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

namespace tl {

// Training needs a backbone that is not on this computer. Says so in plain words and offers
// the ways out as buttons: Download (about N MB), Choose a file… (Keras .h5, TF.js model.json,
// Teachable Machine folder), Use the bundled backbone (when one is installed) and Cancel.
class MissingBackboneDialog : public QDialog {
    Q_OBJECT
public:
    enum class Choice { Cancel, Download, ChooseFile, UseBundled };

    struct Options {
        QString backboneLabel;     // "MobileNetV2 1.0, 224 px"
        bool canDownload = false;  // a catalogue backbone
        qint64 downloadBytes = -1;
        QString bundledReference;  // a backbone installed with TransferLab; empty = none
        QString bundledLabel;
        QString problem;  // why the last attempt failed, in GUI words; empty = first time
    };

    MissingBackboneDialog(const Options& options, QWidget* parent = nullptr);

    Choice choice() const { return choice_; }
    const Options& options() const { return options_; }
    QPushButton* downloadButton() const { return download_; }
    QPushButton* chooseFileButton() const { return chooseFile_; }
    QPushButton* bundledButton() const { return bundled_; }  // nullptr when none
    QPushButton* cancelButton() const { return cancel_; }

private:
    void choose(Choice choice);

    Options options_;
    Choice choice_ = Choice::Cancel;
    QPushButton* download_ = nullptr;
    QPushButton* chooseFile_ = nullptr;
    QPushButton* bundled_ = nullptr;
    QPushButton* cancel_ = nullptr;
};

}  // namespace tl
