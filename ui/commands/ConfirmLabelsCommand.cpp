// SPDX-License-Identifier: MIT
#include "commands/ConfirmLabelsCommand.h"

#include <QCoreApplication>

#include "project/Project.h"

namespace tl {

ConfirmLabelsCommand::ConfirmLabelsCommand(Project* project, const QStringList& paths,
                                           bool confirmed)
    : project_(project), paths_(paths), confirmed_(confirmed) {
    for (const QString& path : paths) {
        previous_.insert(path, project->isLabelConfirmed(path));
    }
    setText(confirmed ? QCoreApplication::translate("ConfirmLabelsCommand", "Not an Error")
                      : QCoreApplication::translate("ConfirmLabelsCommand", "Unconfirm Label"));
}

void ConfirmLabelsCommand::redo() {
    project_->setLabelConfirmed(paths_, confirmed_);
}

void ConfirmLabelsCommand::undo() {
    QStringList wereConfirmed, wereNot;
    for (auto it = previous_.constBegin(); it != previous_.constEnd(); ++it) {
        (it.value() ? wereConfirmed : wereNot).push_back(it.key());
    }
    project_->setLabelConfirmed(wereConfirmed, true);
    project_->setLabelConfirmed(wereNot, false);
}

}  // namespace tl
