// SPDX-License-Identifier: MIT
#include "commands/SetExcludedCommand.h"

#include <QCoreApplication>

#include "project/Project.h"

namespace tl {

SetExcludedCommand::SetExcludedCommand(Project* project, const QStringList& paths, bool excluded)
    : project_(project), excluded_(excluded) {
    for (const QString& path : paths) {
        const int row = project_->rowOf(path);
        if (row >= 0) {
            previous_.insert(path, project_->image(row).excluded);
        }
    }
    const int n = static_cast<int>(previous_.size());
    setText(excluded ? QCoreApplication::translate("tl", "Exclude %n photo(s)", nullptr, n)
                     : QCoreApplication::translate("tl", "Include %n photo(s)", nullptr, n));
}

void SetExcludedCommand::redo() {
    for (auto it = previous_.cbegin(); it != previous_.cend(); ++it) {
        project_->setExcluded(project_->rowOf(it.key()), excluded_);
    }
}

void SetExcludedCommand::undo() {
    for (auto it = previous_.cbegin(); it != previous_.cend(); ++it) {
        project_->setExcluded(project_->rowOf(it.key()), it.value());
    }
}

}  // namespace tl
