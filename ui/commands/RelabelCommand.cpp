// SPDX-License-Identifier: MIT
#include "commands/RelabelCommand.h"

#include <QCoreApplication>

#include "project/Project.h"

namespace tl {

RelabelCommand::RelabelCommand(Project* project, const QStringList& paths, int label)
    : project_(project), label_(label) {
    for (const QString& path : paths) {
        const int row = project_->rowOf(path);
        if (row >= 0) {
            previous_.insert(path, project_->image(row).label);
        }
    }
    const QString target = label >= 0 ? project->classNames().value(label)
                                      : QCoreApplication::translate("tl", "Unlabeled");
    // The count first: lupdate skips translate() calls with template arguments in them.
    const int count = static_cast<int>(previous_.size());
    setText(
        QCoreApplication::translate("tl", "Move %n photo(s) to %1", nullptr, count).arg(target));
}

void RelabelCommand::redo() {
    for (auto it = previous_.cbegin(); it != previous_.cend(); ++it) {
        project_->setLabel(project_->rowOf(it.key()), label_);
    }
}

void RelabelCommand::undo() {
    for (auto it = previous_.cbegin(); it != previous_.cend(); ++it) {
        project_->setLabel(project_->rowOf(it.key()), it.value());
    }
}

}  // namespace tl
