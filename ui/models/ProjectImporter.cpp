// SPDX-License-Identifier: MIT
#include "models/ProjectImporter.h"

#include <QFutureWatcher>
#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

#include "commands/AddImagesCommand.h"
#include "project/Project.h"
#include "project/ProjectImport.h"
#include "support/FreedMemory.h"

namespace tl {

ProjectImporter::ProjectImporter(Project* project, QUndoStack* undoStack, QObject* parent)
    : QObject(parent), project_(project), undoStack_(undoStack) {}

void ProjectImporter::importPaths(const QStringList& paths, int label) {
    if (paths.isEmpty()) {
        return;
    }
    ++busy_;
    emit started(tr("Listing %n item(s)…", nullptr, static_cast<int>(paths.size())));
    auto* watcher = new QFutureWatcher<ProjectImport>(this);
    connect(watcher, &QFutureWatcher<ProjectImport>::finished, this, [this, watcher, label] {
        // Taken, not copied: the watcher holds no second list of every path.
        ProjectImport result = watcher->future().takeResult();
        watcher->deleteLater();
        --busy_;
        const int skipped = static_cast<int>(result.skipped.size());
        auto* command = new AddImagesCommand(project_, std::move(result), label);
        undoStack_->push(command);
        // The listing's temporaries were freed in a worker thread, whose memory glibc keeps.
        returnFreedMemoryToTheSystem();
        emit imported(command->addedCount(), skipped);
    });
    watcher->setFuture(QtConcurrent::run([paths] { return ProjectImport::collect(paths); }));
}

}  // namespace tl
