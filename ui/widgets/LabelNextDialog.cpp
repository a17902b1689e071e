// SPDX-License-Identifier: MIT
#include "widgets/LabelNextDialog.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

#include "models/LabelNextController.h"
#include "project/Project.h"
#include "widgets/ImagePreview.h"

namespace tl {

LabelNextDialog::LabelNextDialog(LabelNextController* controller, Project* project, QWidget* parent)
    : QDialog(parent), controller_(controller), project_(project) {
    setWindowTitle(tr("Label Next"));
    preview_ = new ImagePreview(this);
    guess_ = new QLabel(this);
    guess_->setTextFormat(Qt::RichText);
    progress_ = new QLabel(this);
    classButtons_ = new QHBoxLayout;
    skip_ = new QPushButton(tr("Skip (S)"), this);
    skip_->setToolTip(
        tr("Not sure: show the next photo (this one is not suggested again in "
           "this session)"));
    skip_->setShortcut(QKeySequence(Qt::Key_S));
    connect(skip_, &QPushButton::clicked, controller_, &LabelNextController::skip);
    auto* space = new QShortcut(QKeySequence(Qt::Key_Space), this);
    connect(space, &QShortcut::activated, skip_, &QPushButton::click);
    auto* close = new QPushButton(tr("Done"), this);
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    auto* bottom = new QHBoxLayout;
    bottom->addLayout(classButtons_, 1);
    bottom->addWidget(skip_);
    bottom->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(preview_, 1);
    layout->addWidget(guess_);
    layout->addWidget(progress_);
    layout->addLayout(bottom);
    resize(1000, 820);

    connect(controller_, &LabelNextController::currentChanged, this, &LabelNextDialog::showCurrent);
    connect(controller_, &LabelNextController::retrainingChanged, this,
            &LabelNextDialog::showCurrent);
    connect(controller_, &LabelNextController::failed, this,
            [this](const QString& error) { progress_->setText(error); });
    connect(project_, &Project::classesChanged, this, &LabelNextDialog::rebuildClassButtons);
    rebuildClassButtons();
}

void LabelNextDialog::start() {
    QString error;
    if (!controller_->start(&error)) {
        guess_->setText(error.toHtmlEscaped());
        return;
    }
    showCurrent();
}

void LabelNextDialog::rebuildClassButtons() {
    qDeleteAll(buttons_);
    buttons_.clear();
    for (int c = 0; c < project_->classCount(); ++c) {
        const QString key = c < 9 ? QString::number(c + 1) : QString();
        auto* button =
            new QPushButton(key.isEmpty() ? project_->classNames()[c]
                                          : QString("%1  %2").arg(key, project_->classNames()[c]),
                            this);
        button->setMinimumHeight(36);
        if (!key.isEmpty()) {
            button->setShortcut(QKeySequence(key));
        }
        connect(button, &QPushButton::clicked, this, [this, c] { controller_->label(c); });
        classButtons_->addWidget(button);
        buttons_ << button;
    }
}

void LabelNextDialog::showCurrent() {
    const QString path = controller_->currentPath();
    const bool any = !path.isEmpty();
    for (QPushButton* button : buttons_) {
        button->setEnabled(any);
    }
    skip_->setEnabled(any);
    preview_->showImage(path);
    if (const Suggestion* s = controller_->currentSuggestion()) {
        preview_->setCaption(QFileInfo(path).fileName());
        guess_->setText(tr("The model's guess: <b>%1</b> (%2%) — uncertainty %3; suggested "
                           "because it is near the decision boundary and unlike the photos "
                           "suggested before it")
                            .arg(project_->classNames().value(s->predicted).toHtmlEscaped())
                            .arg(s->probabilities.empty()
                                     ? 0.0
                                     : s->probabilities[std::size_t(s->predicted)] * 100,
                                 0, 'f', 0)
                            .arg(s->score, 0, 'f', 2));
    } else {
        guess_->setText(controller_->isRetraining() ? tr("Training the head on your labels…")
                                                    : tr("No unlabeled photos left to suggest."));
    }
    progress_->setText(tr("%1 labelled in this session · %2 unlabeled left · the head retrains "
                          "every %3 labels%4")
                           .arg(controller_->labelledCount())
                           .arg(controller_->remainingUnlabeled())
                           .arg(controller_->retrainEvery())
                           .arg(controller_->isRetraining() ? tr(" (retraining now)") : QString()));
}

}  // namespace tl
