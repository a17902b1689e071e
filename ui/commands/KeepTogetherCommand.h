// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>
#include <QUndoCommand>
#include <QVector>

namespace tl {

class Project;

// Keeps groups of near-duplicates on one side of the training/validation split (the
// project's split groups), so validation never sees a copy of a training photo.
class KeepTogetherCommand : public QUndoCommand {
public:
    KeepTogetherCommand(Project* project, const QVector<QStringList>& groups);
    void redo() override;
    void undo() override;

private:
    Project* project_;
    QVector<QStringList> groups_;
    QVector<QStringList> before_;  // the project's split groups before
};

}  // namespace tl
