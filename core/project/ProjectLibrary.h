// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

namespace tl {

// Where the desktop app keeps projects: a visible, documented folder (~/Documents/TransferLab
// unless $TRANSFERLAB_PROJECTS_DIR names another), one sub-folder per project holding
// transferlab-project.json, and the project's models/ and results/. Photos stay where they
// are: a project refers to them.
class ProjectLibrary {
public:
    explicit ProjectLibrary(QString folder = defaultFolder());

    static QString defaultFolder();
    QString folder() const { return folder_; }

    // A project folder that does not exist yet, named after `name`: "alpaca", then
    // "alpaca 2", ... Characters a file name cannot hold are replaced.
    QString newProjectFolder(const QString& name) const;
    // The project file of a project folder.
    static QString projectFile(const QString& projectFolder);
    // The project files of the library's sub-folders, by name.
    QStringList projectFiles() const;
    // The library's project that imported `datasetFolder` as a dataset root, or empty:
    // opening the same folder twice reopens its project instead of making a second one.
    QString projectForDataset(const QString& datasetFolder) const;
    // What a project is called: its folder's name ("alpaca").
    static QString displayName(const QString& projectFile);

private:
    QString folder_;
};

}  // namespace tl
