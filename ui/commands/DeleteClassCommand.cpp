// SPDX-License-Identifier: MIT
#include "commands/DeleteClassCommand.h"

#include <QCoreApplication>

#include "project/Project.h"

namespace tl {

DeleteClassCommand::DeleteClassCommand(Project* project, int index)
    : project_(project), index_(index), name_(project->classNames().value(index)) {
    setText(QCoreApplication::translate("tl", "Delete class %1").arg(name_));
}

void DeleteClassCommand::redo() {
    members_.clear();
    for (const ProjectImage& image : project_->images()) {
        if (image.label == index_) {
            members_.push_back(image.path);
        }
    }
    project_->removeClass(index_);
}

void DeleteClassCommand::undo() {
    project_->insertClass(index_, name_);
    for (const QString& path : members_) {
        project_->setLabel(project_->rowOf(path), index_);
    }
}

}  // namespace tl
