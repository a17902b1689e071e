// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QStringList>
#include <QUndoCommand>

namespace tl {

class Project;

// Moves photos to a class (or to the Unlabeled pool with label -1).
class RelabelCommand : public QUndoCommand {
public:
    RelabelCommand(Project* project, const QStringList& paths, int label);
    void redo() override;
    void undo() override;

private:
    Project* project_;
    int label_;
    QHash<QString, int> previous_;
};

}  // namespace tl
