// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>
#include <QUndoCommand>

namespace tl {

class Project;

// Deletes a class; its photos go back to the Unlabeled pool (undo puts them back).
class DeleteClassCommand : public QUndoCommand {
public:
    DeleteClassCommand(Project* project, int index);
    void redo() override;
    void undo() override;

private:
    Project* project_;
    int index_;
    QString name_;
    QStringList members_;
};

}  // namespace tl
