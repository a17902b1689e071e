// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>
#include <QUndoCommand>

namespace tl {

class Project;

// Moves every photo of class `from` into class `into`, then deletes `from`.
class MergeClassesCommand : public QUndoCommand {
public:
    MergeClassesCommand(Project* project, int from, int into);
    void redo() override;
    void undo() override;

private:
    Project* project_;
    int from_;
    QString fromName_, intoName_;
    QStringList members_;
};

}  // namespace tl
