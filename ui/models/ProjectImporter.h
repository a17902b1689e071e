// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QStringList>

class QUndoStack;

namespace tl {

class Project;

// Turns dropped or chosen paths into an undoable AddImagesCommand. The folder listing runs
// in a worker thread (10,000 files take longer than a frame); the command is pushed on the
// UI thread when it is done.
class ProjectImporter : public QObject {
    Q_OBJECT
public:
    ProjectImporter(Project* project, QUndoStack* undoStack, QObject* parent = nullptr);

    // label >= 0: everything goes to that class; -1: class folders give the classes and
    // loose photos go to the Unlabeled pool.
    void importPaths(const QStringList& paths, int label = -1);
    bool isBusy() const { return busy_ > 0; }

signals:
    void started(const QString& description);
    void imported(int added, int skipped);

private:
    Project* project_;
    QUndoStack* undoStack_;
    int busy_ = 0;
};

}  // namespace tl
