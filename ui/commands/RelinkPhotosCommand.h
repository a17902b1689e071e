// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QString>
#include <QUndoCommand>

namespace tl {

class Project;

// Points photos that moved at their new place (Locate…); undo points them back.
class RelinkPhotosCommand : public QUndoCommand {
public:
    RelinkPhotosCommand(Project* project, QHash<QString, QString> newPathOf);
    void redo() override;
    void undo() override;

private:
    Project* project_;
    QHash<QString, QString> newPathOf_;
};

}  // namespace tl
