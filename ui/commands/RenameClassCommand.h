// SPDX-License-Identifier: MIT
#pragma once

#include <QUndoCommand>

namespace tl {

class Project;

class RenameClassCommand : public QUndoCommand {
public:
    RenameClassCommand(Project* project, int index, const QString& name);
    void redo() override;
    void undo() override;

private:
    Project* project_;
    int index_;
    QString oldName_, newName_;
};

}  // namespace tl
