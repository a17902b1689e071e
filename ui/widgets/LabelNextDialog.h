// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QList>

class QHBoxLayout;
class QLabel;
class QPushButton;

namespace tl {

class ImagePreview;
class LabelNextController;
class Project;

// "Label next": the photo the model most needs labelled, full size, with a button (and key
// 1-9) per class, Skip (S or Space) and the model's current guess; the head retrains in the
// background every few labels. Undo (Ctrl+Z) works as everywhere.
class LabelNextDialog : public QDialog {
    Q_OBJECT
public:
    LabelNextDialog(LabelNextController* controller, Project* project, QWidget* parent = nullptr);

    // Starts a session; shows why when it cannot start.
    void start();

private:
    void rebuildClassButtons();
    void showCurrent();

    LabelNextController* controller_;
    Project* project_;
    ImagePreview* preview_;
    QLabel* guess_;
    QLabel* progress_;
    QHBoxLayout* classButtons_;
    QList<QPushButton*> buttons_;
    QPushButton* skip_;
};

}  // namespace tl
