// SPDX-License-Identifier: MIT
#pragma once

#include <QUndoCommand>

namespace tl {

class Project;

// Appends an empty class.
class AddClassCommand : public QUndoCommand {
public:
    AddClassCommand(Project* project, const QString& name);
    void redo() override;
    void undo() override;

private:
    Project* project_;
    QString name_;
};

}  // namespace tl
