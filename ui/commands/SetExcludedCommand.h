// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QStringList>
#include <QUndoCommand>

namespace tl {

class Project;

// Leaves photos out of training (or brings them back) without forgetting their label.
class SetExcludedCommand : public QUndoCommand {
public:
    SetExcludedCommand(Project* project, const QStringList& paths, bool excluded);
    void redo() override;
    void undo() override;

private:
    Project* project_;
    bool excluded_;
    QHash<QString, bool> previous_;
};

}  // namespace tl
