// SPDX-License-Identifier: MIT
#include "commands/RenameClassCommand.h"

#include <QCoreApplication>

#include "project/Project.h"

namespace tl {

RenameClassCommand::RenameClassCommand(Project* project, int index, const QString& name)
    : project_(project),
      index_(index),
      oldName_(project->classNames().value(index)),
      newName_(name) {
    setText(QCoreApplication::translate("tl", "Rename class %1 to %2").arg(oldName_, newName_));
}

void RenameClassCommand::redo() {
    project_->renameClass(index_, newName_);
}

void RenameClassCommand::undo() {
    project_->renameClass(index_, oldName_);
}

}  // namespace tl
