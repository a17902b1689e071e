// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace tl {

class ProjectLibrary;

// TransferLab 0.x autosaved projects opened from a dataset folder in a hidden folder
// (<data>/autosave/<folder>-<hash>.json, their models in <data>/autosave/models). This moves
// each such project, with the model folders its runs refer to, into the project library
// (a sub-folder named after the dataset folder) and leaves everything else alone.
class LegacyProjectMigration {
public:
    struct Result {
        QHash<QString, QString> projectFiles;    // old autosave file -> new project file
        QHash<QString, QString> datasetFolders;  // dataset folder -> its new project file
        QStringList problems;                    // one line per file that could not be moved
    };

    // `autosaveFolder` is where the autosave files are now. `relocatedFolders` maps folders
    // that moved since the files were written (old data folder -> new, see app/AppIdentity) so
    // the photos, dataset folders and models they name are found at their new place. Safe to
    // run again: moved files are gone from the autosave folder.
    static Result run(const QString& autosaveFolder, const ProjectLibrary& library,
                      const QHash<QString, QString>& relocatedFolders = {});
};

}  // namespace tl
