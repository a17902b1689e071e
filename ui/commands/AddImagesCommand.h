// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>
#include <QUndoCommand>

#include "project/ProjectImport.h"

namespace tl {

class Project;

// Adds imported photos. With targetLabel >= 0 every photo goes to that class (dropped onto
// it); otherwise photos from class sub-folders go to those classes (created as needed) and
// loose photos go to the Unlabeled pool.
class AddImagesCommand : public QUndoCommand {
public:
    AddImagesCommand(Project* project, ProjectImport import, int targetLabel = -1);
    void redo() override;
    void undo() override;
    int addedCount() const { return static_cast<int>(added_.size()); }

private:
    Project* project_;
    ProjectImport import_;
    int targetLabel_;
    QStringList added_;
    QStringList createdClasses_;
    bool skippedRecorded_ = false;
};

}  // namespace tl
