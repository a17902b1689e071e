// SPDX-License-Identifier: MIT
#include "commands/RelinkPhotosCommand.h"

#include <QCoreApplication>

#include "project/Project.h"

namespace tl {

RelinkPhotosCommand::RelinkPhotosCommand(Project* project, QHash<QString, QString> newPathOf)
    : project_(project), newPathOf_(std::move(newPathOf)) {
    const int count = static_cast<int>(newPathOf_.size());
    setText(QCoreApplication::translate("tl", "Locate %n photo(s)", nullptr, count));
}

void RelinkPhotosCommand::redo() {
    project_->relinkImages(newPathOf_);
}

void RelinkPhotosCommand::undo() {
    QHash<QString, QString> back;
    for (auto it = newPathOf_.cbegin(); it != newPathOf_.cend(); ++it) {
        back.insert(it.value(), it.key());
    }
    project_->relinkImages(back);
}

}  // namespace tl
