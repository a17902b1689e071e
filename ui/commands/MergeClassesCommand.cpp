// SPDX-License-Identifier: MIT
#include "commands/MergeClassesCommand.h"

#include <QCoreApplication>

#include "project/Project.h"

namespace tl {

MergeClassesCommand::MergeClassesCommand(Project* project, int from, int into)
    : project_(project),
      from_(from),
      fromName_(project->classNames().value(from)),
      intoName_(project->classNames().value(into)) {
    setText(QCoreApplication::translate("tl", "Merge class %1 into %2").arg(fromName_, intoName_));
}

void MergeClassesCommand::redo() {
    members_.clear();
    const int into = project_->classIndex(intoName_);
    for (int row = 0; row < project_->imageCount(); ++row) {
        if (project_->image(row).label == from_) {
            members_.push_back(project_->image(row).path);
            project_->setLabel(row, into);
        }
    }
    project_->removeClass(from_);
}

void MergeClassesCommand::undo() {
    project_->insertClass(from_, fromName_);
    for (const QString& path : members_) {
        project_->setLabel(project_->rowOf(path), from_);
    }
}

}  // namespace tl
