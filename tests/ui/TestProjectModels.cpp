// SPDX-License-Identifier: MIT
#include <QDropEvent>
#include <QFile>
#include <QListView>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QUrl>
#include <QtTest>

#include "TestImages.h"
#include "commands/AddClassCommand.h"
#include "commands/DeleteClassCommand.h"
#include "commands/MergeClassesCommand.h"
#include "commands/RelabelCommand.h"
#include "commands/RenameClassCommand.h"
#include "commands/SetExcludedCommand.h"
#include "models/ClassListModel.h"
#include "models/DatasetFilterModel.h"
#include "models/DatasetModel.h"
#include "models/ProjectImporter.h"
#include "models/ThumbnailCache.h"
#include "project/Project.h"
#include "project/ProjectImport.h"
#include "widgets/DataPage.h"

using namespace tl;

class TestProjectModels : public QObject {
    Q_OBJECT
private:
    QTemporaryDir tmp_;
    QString dataset_;

    // A project holding the red/blue dataset, imported synchronously.
    void fill(Project& project, QUndoStack& stack) {
        auto* importer = new ProjectImporter(&project, &stack, &project);
        QSignalSpy done(importer, &ProjectImporter::imported);
        importer->importPaths({dataset_});
        QVERIFY(done.wait(10000));
    }

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        dataset_ = tmp_.filePath("colors");
        test::writeColorImages(dataset_, "blue", QColor(20, 40, 220), 6, 32);
        test::writeColorImages(dataset_, "red", QColor(220, 30, 30), 5, 32);
        QFile bad(dataset_ + "/red/broken.jpg");
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("not a jpeg at all");
    }

    void importCollectsClassesAndSkippedFiles() {
        const ProjectImport import = ProjectImport::collect({dataset_});
        QCOMPARE(import.classNames, QStringList({"blue", "red"}));
        QCOMPARE(import.files.size(), 11);
        QCOMPARE(import.skipped.size(), 1);
        QVERIFY(import.skipped.first().first.endsWith("broken.jpg"));
    }

    void datasetAndClassModels() {
        Project project;
        QUndoStack stack;
        fill(project, stack);
        QCOMPARE(project.classNames(), QStringList({"blue", "red"}));
        DatasetModel model(&project, nullptr);
        QCOMPARE(model.rowCount(), 11);
        QCOMPARE(model.index(0).data(DatasetModel::LabelRole).toInt(), 0);
        QVERIFY(model.index(0).data(Qt::DisplayRole).toString().startsWith("blue_"));

        ClassListModel classes(&project, &stack);
        QCOMPARE(classes.rowCount(), 3);  // blue, red, Unlabeled
        QCOMPARE(classes.index(0).data(ClassListModel::CountRole).toInt(), 6);
        QCOMPARE(classes.index(1).data(ClassListModel::CountRole).toInt(), 5);
        QCOMPARE(classes.index(2).data(ClassListModel::CountRole).toInt(), 0);

        DatasetFilterModel filter;
        filter.setSourceModel(&model);
        filter.setClassFilter(1);
        QCOMPARE(filter.rowCount(), 5);
        filter.setSearchText("red_000");
        QCOMPARE(filter.rowCount(), 1);
        filter.setSearchText({});
        filter.setClassFilter(DatasetFilterModel::kAllClasses);
        filter.setSide(DatasetFilterModel::Side::Validation);
        const int validation = filter.rowCount();
        filter.setSide(DatasetFilterModel::Side::Training);
        QCOMPARE(filter.rowCount() + validation, 11);

        // Relabel through the model's drop (a drag from the grid onto a class row).
        const QString path = model.index(0).data(DatasetModel::PathRole).toString();
        std::unique_ptr<QMimeData> mime(model.mimeData({model.index(0)}));
        QVERIFY(classes.dropMimeData(mime.get(), Qt::MoveAction, -1, -1, classes.index(1)));
        QCOMPARE(project.image(project.rowOf(path)).label, 1);
        QCOMPARE(classes.index(1).data(ClassListModel::CountRole).toInt(), 6);
        filter.setSide(DatasetFilterModel::Side::Any);
        filter.setClassFilter(1);
        QCOMPARE(filter.rowCount(), 6);
        stack.undo();
        QCOMPARE(project.image(project.rowOf(path)).label, 0);
        QCOMPARE(filter.rowCount(), 5);

        // Files dropped from outside onto a class are handed to the importer.
        QMimeData external;
        external.setUrls({QUrl::fromLocalFile(dataset_ + "/red")});
        QSignalSpy dropped(&classes, &ClassListModel::filesDropped);
        classes.dropMimeData(&external, Qt::CopyAction, -1, -1, classes.index(0));
        QCOMPARE(dropped.count(), 1);
        QCOMPARE(dropped.first().at(1).toInt(), 0);
    }

    void labelCommandsUndo() {
        Project project;
        QUndoStack stack;
        fill(project, stack);
        const QString a = project.image(0).path;   // blue
        const QString b = project.image(10).path;  // red

        stack.push(new RelabelCommand(&project, {a}, -1));
        QCOMPARE(project.image(0).label, -1);
        QCOMPARE(project.unlabeledCount(), 1);
        stack.push(new SetExcludedCommand(&project, {b}, true));
        QVERIFY(project.image(10).excluded);
        QCOMPARE(project.countPerClass(), QVector<int>({5, 4}));

        stack.push(new AddClassCommand(&project, "green"));
        QCOMPARE(project.classCount(), 3);
        stack.push(new RenameClassCommand(&project, 2, "teal"));
        QCOMPARE(project.classNames().last(), QString("teal"));
        stack.push(new RelabelCommand(&project, {a}, 2));
        stack.push(new DeleteClassCommand(&project, 0));  // blue goes, teal shifts to 1
        QCOMPARE(project.classNames(), QStringList({"red", "teal"}));
        QCOMPARE(project.image(0).label, 1);
        QCOMPARE(project.unlabeledCount(), 5);
        stack.undo();
        QCOMPARE(project.classNames(), QStringList({"blue", "red", "teal"}));
        QCOMPARE(project.countPerClass(), QVector<int>({5, 4, 1}));

        stack.push(new MergeClassesCommand(&project, 2, 1));  // teal into red
        QCOMPARE(project.classNames(), QStringList({"blue", "red"}));
        QCOMPARE(project.image(0).label, 1);
        stack.undo();
        QCOMPARE(project.image(0).label, 2);

        while (stack.canUndo()) {
            stack.undo();
        }
        QCOMPARE(project.imageCount(), 0);
        QCOMPARE(project.classCount(), 0);
        while (stack.canRedo()) {
            stack.redo();
        }
        // The merge replaced the undone delete on the stack: redo ends after the merge.
        QCOMPARE(project.classNames(), QStringList({"blue", "red"}));
        QCOMPARE(project.countPerClass(), QVector<int>({5, 5}));
        QCOMPARE(project.imageCount(), 11);
    }

    void autosaveAndReload() {
        const QString file = tmp_.filePath("project/" + QString(Project::kFileName));
        QUndoStack stack;
        {
            Project project;
            fill(project, stack);
            QVERIFY(project.saveAs(file));
            QSignalSpy saved(&project, &Project::saved);
            stack.push(new RelabelCommand(&project, {project.image(3).path}, 1));
            // Saved on the next event-loop turn, without an explicit save.
            QVERIFY(saved.wait(2000));
            stack.clear();
        }
        Project reloaded;
        reloaded.load(file);
        QCOMPARE(reloaded.imageCount(), 11);
        QCOMPARE(reloaded.image(3).label, 1);
        QCOMPARE(reloaded.classNames(), QStringList({"blue", "red"}));
    }

    void dropFolderOnDataPage() {
        Project project;
        QUndoStack stack;
        ProjectImporter importer(&project, &stack);
        DatasetModel model(&project, nullptr);
        DataPage page(&project, &model, &stack, &importer);
        page.resize(1000, 700);
        page.show();

        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(dataset_)});
        QSignalSpy imported(&importer, &ProjectImporter::imported);
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QApplication::sendEvent(&page, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&page, &drop);
        QVERIFY(imported.wait(10000));
        QCOMPARE(project.classNames(), QStringList({"blue", "red"}));
        QCOMPARE(project.imageCount(), 11);
        QCOMPARE(project.skipped().size(), 1);
        QCOMPARE(page.grid()->model()->rowCount(), 11);

        // Keyboard relabel: select the first photo, press 2.
        page.grid()->setCurrentIndex(page.grid()->model()->index(0, 0));
        QTest::keyClick(page.grid(), Qt::Key_2);
        QCOMPARE(project.image(0).label, 1);
        stack.undo();
        QCOMPARE(project.image(0).label, 0);

        // Loose photos dropped elsewhere go to the Unlabeled pool.
        QTemporaryDir loose;
        test::writeColorImages(loose.path(), "x", Qt::green, 2, 16);
        QMimeData mime2;
        mime2.setUrls({QUrl::fromLocalFile(loose.path() + "/x")});
        QDragEnterEvent enter2(QPoint(10, 10), Qt::CopyAction, &mime2, Qt::LeftButton,
                               Qt::NoModifier);
        QApplication::sendEvent(&page, &enter2);
        QDropEvent drop2(QPointF(10, 10), Qt::CopyAction, &mime2, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&page, &drop2);
        QVERIFY(imported.wait(10000));
        QCOMPARE(project.unlabeledCount(), 2);
    }

    void thumbnailsLoadOffThread() {
        QTemporaryDir cache;
        ThumbnailCache thumbnails(48);
        thumbnails.setDiskCacheFolder(cache.path());
        const QString path = dataset_ + "/blue/blue_000.png";
        QVERIFY(thumbnails.thumbnail(path).isNull());
        QSignalSpy ready(&thumbnails, &ThumbnailCache::thumbnailReady);
        QVERIFY(ready.wait(5000));
        const QImage thumb = thumbnails.thumbnail(path);
        QVERIFY(!thumb.isNull());
        QVERIFY(thumb.width() <= 48);
        QCOMPARE(QDir(cache.path()).entryList(QDir::Files).size(), 1);
    }
};

QTEST_MAIN(TestProjectModels)
#include "TestProjectModels.moc"
