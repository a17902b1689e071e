// SPDX-License-Identifier: MIT
#pragma once

#include <QFutureWatcher>
#include <QVector>
#include <QWidget>

#include "project/ProjectSummary.h"

class QCheckBox;
class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace tl {

class ThumbnailCache;

// What the window shows when no project is open: the recent projects (a thumbnail, the
// classes with their photo counts, the current model's accuracy), New Project, Open Project,
// Open a Folder of Photos, Try the Example, and the "Reopen the last project on launch"
// setting. A folder dropped here becomes a project.
class StartPage : public QWidget {
    Q_OBJECT
public:
    explicit StartPage(ThumbnailCache* thumbnails, QWidget* parent = nullptr);

    // Reads the summaries of `projectFiles` off the UI thread and lists them.
    void setRecentProjects(const QStringList& projectFiles);
    // How "Try the example" gets its photos: a local copy, or a download.
    void setExampleSource(const QString& localFolder);
    void setProjectsFolder(const QString& folder);
    bool isLoading() const { return watcher_.isRunning(); }

    QListWidget* recentList() const { return recent_; }
    QCheckBox* reopenCheck() const { return reopen_; }
    QPushButton* exampleButton() const { return example_; }
    const QVector<ProjectSummary>& summaries() const { return summaries_; }

signals:
    void newProjectRequested();
    void openProjectRequested();
    void openFolderRequested();
    void exampleRequested();
    void recentProjectChosen(const QString& projectFile);
    // A folder dropped on the page.
    void folderDropped(const QString& folder);
    void removeRecentRequested(const QString& projectFile);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void showSummaries();
    QPixmap thumbnailFor(const ProjectSummary& summary);
    QIcon iconFor(const ProjectSummary& summary);
    void refreshThumbnails();

    ThumbnailCache* thumbnails_;
    QListWidget* recent_;
    QLabel* recentHint_;
    QPushButton* example_;
    QLabel* exampleNote_;
    QLabel* folderNote_;
    QCheckBox* reopen_;
    QVector<ProjectSummary> summaries_;
    QFutureWatcher<QVector<ProjectSummary>> watcher_;
};

}  // namespace tl
