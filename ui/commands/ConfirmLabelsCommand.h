// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QStringList>
#include <QUndoCommand>

namespace tl {

class Project;

// Marks photos' labels as checked ("not an error"), or unmarks them: the label-issue finder
// then leaves them out while they keep that label.
class ConfirmLabelsCommand : public QUndoCommand {
public:
    ConfirmLabelsCommand(Project* project, const QStringList& paths, bool confirmed);
    void redo() override;
    void undo() override;

private:
    Project* project_;
    QStringList paths_;
    bool confirmed_;
    QHash<QString, bool> previous_;
};

}  // namespace tl
