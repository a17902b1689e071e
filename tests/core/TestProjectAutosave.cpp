// SPDX-License-Identifier: MIT
// The autosave writes in a worker thread: edits made while it writes are saved after it, the
// last edit always reaches the file, and closing right after an edit loses nothing. flush()
// (Save, and leaving a project) writes only what the file does not hold yet.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "project/Project.h"

using namespace tl;

namespace {

// Enough photos that one save takes a while (about 30 ms), so edits land during it.
constexpr int kPhotos = 20000;

std::unique_ptr<Project> bigProject(const QString& file) {
    auto project = std::make_unique<Project>();
    project->setAutosaveEnabled(false);
    project->insertClass(0, "a");
    project->insertClass(1, "b");
    QVector<ProjectImage> images;
    for (int i = 0; i < kPhotos; ++i) {
        images.push_back({QString("/photos/p%1.jpg").arg(i), i % 2, false});
    }
    project->addImages(images);
    if (!project->saveAs(file)) {
        return nullptr;
    }
    project->setAutosaveEnabled(true);
    return project;
}

QVector<int> labelsOf(const Project& project) {
    QVector<int> labels;
    for (const ProjectImage& image : project.images()) {
        labels.push_back(image.label);
    }
    return labels;
}

QVector<int> labelsIn(const QString& file) {
    Project reloaded;
    reloaded.load(file);
    return labelsOf(reloaded);
}

}  // namespace

class TestProjectAutosave : public QObject {
    Q_OBJECT
private slots:
    void editsDuringASaveAreSavedAfterIt() {
        QTemporaryDir dir;
        const QString file = dir.filePath(Project::kFileName);
        auto project = bigProject(file);
        QVERIFY(project);
        QSignalSpy saved(project.get(), &Project::saved);
        for (int row = 0; row < 5; ++row) {
            project->setLabel(row, -1);
            QCoreApplication::processEvents();  // starts a save, or marks one to follow
        }
        // Every edit reaches the file, however the saves interleaved.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                project->waitForAutosave();
                return labelsIn(file) == labelsOf(*project);
            }(),
            10000);
        QVERIFY(saved.count() >= 1);
        QCOMPARE(labelsIn(file).mid(0, 6), QVector<int>({-1, -1, -1, -1, -1, 1}));
    }

    void closingRightAfterAnEditLosesNothing() {
        QTemporaryDir dir;
        const QString file = dir.filePath(Project::kFileName);
        auto project = bigProject(file);
        QVERIFY(project);
        project->setLabel(0, 1);
        QCoreApplication::processEvents();  // an autosave starts...
        project->setLabel(1, 0);            // ...and this edit comes while it writes
        const QVector<int> expected = labelsOf(*project);
        project.reset();  // the window closes
        QCOMPARE(labelsIn(file), expected);
    }

    void aStaleAutosaveDoesNotHideAFailedSave() {
        QTemporaryDir dir;
        const QString file = dir.filePath(Project::kFileName);
        auto project = bigProject(file);
        QVERIFY(project);
        QSignalSpy saved(project.get(), &Project::saved);
        QSignalSpy failed(project.get(), &Project::saveFailed);
        project->setLabel(2, -1);
        QCoreApplication::processEvents();  // an autosave starts
        // Save As into a "folder" that is a file: it fails after the autosave has written.
        QFile blocker(dir.filePath("not-a-folder"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        QVERIFY(!project->saveAs(dir.filePath("not-a-folder/p.json")));
        QCOMPARE(failed.count(), 1);
        QCoreApplication::processEvents();  // the autosave's queued result arrives: stale
        QCOMPARE(saved.count(), 0);
        QVERIFY(!project->lastSaveError().isEmpty());
        QCOMPARE(project->filePath(), QFileInfo(file).absoluteFilePath());
    }

    void anExplicitSaveWaitsForTheAutosave() {
        QTemporaryDir dir;
        const QString file = dir.filePath(Project::kFileName);
        auto project = bigProject(file);
        QVERIFY(project);
        project->setLabel(3, -1);
        QCoreApplication::processEvents();
        project->setLabel(4, -1);
        QString error;
        QVERIFY2(project->save(&error), qPrintable(error));
        QCOMPARE(labelsIn(file), labelsOf(*project));
    }

    void flushWritesNothingWhenTheAutosaveHasWrittenEverything() {
        QTemporaryDir dir;
        const QString file = dir.filePath(Project::kFileName);
        auto project = bigProject(file);
        QVERIFY(project);
        QVERIFY(project->isSaved());
        project->setLabel(0, -1);
        QVERIFY(!project->isSaved());
        QSignalSpy saved(project.get(), &Project::saved);
        QVERIFY(saved.wait(10000));  // the autosave has written the edit
        QVERIFY(project->isSaved());
        // Replaced by other content: a flush that wrote would put the project back.
        QVERIFY(QFile::remove(file));
        QFile other(file);
        QVERIFY(other.open(QIODevice::WriteOnly) && other.write("written by someone else") > 0);
        other.close();
        QString error;
        QVERIFY2(project->flush(&error), qPrintable(error));
        QCOMPARE(saved.count(), 1);
        QFile check(file);
        QVERIFY(check.open(QIODevice::ReadOnly));
        QCOMPARE(check.readAll(), QByteArray("written by someone else"));
    }

    void flushWritesWhatTheFileDoesNotHold() {
        QTemporaryDir dir;
        const QString file = dir.filePath(Project::kFileName);
        auto project = bigProject(file);
        QVERIFY(project);
        // An edit the autosave has not written: its event-loop turn has not come yet.
        project->setLabel(1, -1);
        QString error;
        QVERIFY2(project->flush(&error), qPrintable(error));
        QVERIFY(project->isSaved());
        QCOMPARE(labelsIn(file), labelsOf(*project));
        // An edit made while the autosave writes.
        project->setLabel(2, -1);
        QCoreApplication::processEvents();  // an autosave starts...
        project->setLabel(3, -1);           // ...and this edit comes during it
        QVERIFY2(project->flush(&error), qPrintable(error));
        QCOMPARE(labelsIn(file), labelsOf(*project));
        // Autosave off.
        project->setAutosaveEnabled(false);
        project->setLabel(4, -1);
        QCoreApplication::processEvents();
        QVERIFY(!project->isSaved());
        QVERIFY2(project->flush(&error), qPrintable(error));
        QCOMPARE(labelsIn(file), labelsOf(*project));
        // The file deleted behind the app's back.
        QVERIFY(QFile::remove(file));
        QVERIFY2(project->flush(&error), qPrintable(error));
        QCOMPARE(labelsIn(file), labelsOf(*project));
    }

    void flushRetriesAFailedAutosave() {
        QTemporaryDir dir;
        const QString file = dir.filePath("sub/" + QString(Project::kFileName));
        auto project = bigProject(file);
        QVERIFY(project);
        // The project's folder becomes a file: the next autosave fails.
        QVERIFY(QDir(dir.filePath("sub")).removeRecursively());
        QFile blocker(dir.filePath("sub"));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        QSignalSpy failed(project.get(), &Project::saveFailed);
        project->setLabel(5, -1);
        QVERIFY(failed.wait(10000));
        QVERIFY(!project->isSaved());
        QString error;
        QVERIFY(!project->flush(&error));
        QVERIFY(!error.isEmpty());
        // The folder is back: the flush writes what the failed autosave could not.
        QVERIFY(QFile::remove(dir.filePath("sub")));
        QVERIFY(QDir().mkpath(dir.filePath("sub")));
        QVERIFY2(project->flush(&error), qPrintable(error));
        QCOMPARE(labelsIn(file), labelsOf(*project));
        QVERIFY(project->isSaved());
    }

    void loadingAndClearingLeaveNothingToSave() {
        QTemporaryDir dir;
        const QString file = dir.filePath(Project::kFileName);
        auto project = bigProject(file);
        QVERIFY(project);
        project->setLabel(6, -1);
        QCoreApplication::processEvents();  // an autosave starts, of the old project
        project->clear();
        QVERIFY(project->isSaved());
        Project other;
        other.load(file);
        QVERIFY(other.isSaved());
        other.setSettings(other.settings());
        other.renameClass(0, "renamed");
        QVERIFY(!other.isSaved());
        project->waitForAutosave();
        QCoreApplication::processEvents();  // the old project's save reports, stale
        QVERIFY(project->isSaved());
    }
};

QTEST_GUILESS_MAIN(TestProjectAutosave)
#include "TestProjectAutosave.moc"
