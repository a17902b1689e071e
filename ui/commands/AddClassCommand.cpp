// SPDX-License-Identifier: MIT
#include "commands/AddClassCommand.h"

#include <QCoreApplication>

#include "project/Project.h"

namespace tl {

AddClassCommand::AddClassCommand(Project* project, const QString& name)
    : project_(project), name_(name) {
    setText(QCoreApplication::translate("tl", "Add class %1").arg(name));
}

void AddClassCommand::redo() {
    project_->insertClass(project_->classCount(), name_);
}

void AddClassCommand::undo() {
    project_->removeClass(project_->classIndex(name_));
}

}  // namespace tl
