// SPDX-License-Identifier: MIT
#include "commands/KeepTogetherCommand.h"

#include <QCoreApplication>

#include "project/Project.h"

namespace tl {

KeepTogetherCommand::KeepTogetherCommand(Project* project, const QVector<QStringList>& groups)
    : project_(project), groups_(groups), before_(project->splitGroups()) {
    setText(QCoreApplication::translate("KeepTogetherCommand", "Keep Duplicates on One Side"));
}

void KeepTogetherCommand::redo() {
    for (const QStringList& group : groups_) {
        project_->addSplitGroup(group);
    }
}

// Groups may have merged with earlier ones: restore exactly the groups there were.
void KeepTogetherCommand::undo() {
    const QVector<QStringList> now = project_->splitGroups();
    for (const QStringList& group : now) {
        project_->removeSplitGroup(group);
    }
    for (const QStringList& group : before_) {
        project_->addSplitGroup(group);
    }
}

}  // namespace tl
