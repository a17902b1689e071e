// SPDX-License-Identifier: MIT
// The Data page and the photo viewer: labelling shows at once, keys explain themselves,
// deleting a class asks, moved photos can be located.
#include <QDropEvent>
#include <QLabel>
#include <QListView>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "TestImages.h"
#include "TestUiHelpers.h"
#include "models/DatasetFilterModel.h"
#include "models/DatasetModel.h"
#include "models/ProjectImporter.h"
#include "project/Project.h"
#include "widgets/DataPage.h"
#include "widgets/DatasetGridView.h"
#include "widgets/ImagePreview.h"
#include "widgets/PhotoViewer.h"

using namespace tl;

class TestDataPageUi : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString dataset_;

    struct Page {
        Project project;
        QUndoStack stack;
        ProjectImporter importer{&project, &stack};
        DatasetModel model{&project, nullptr};
        DataPage page{&project, &model, &stack, &importer};
    };

    void importInto(Page& p, const QString& path) {
        QSignalSpy imported(&p.importer, &ProjectImporter::imported);
        p.importer.importPaths({path});
        QVERIFY(imported.wait(10000));
    }

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        dataset_ = tmp_.filePath("colors");
        test::writeColorImages(dataset_, "blue", QColor(20, 40, 220), 6, 32);
        test::writeColorImages(dataset_, "red", QColor(220, 30, 30), 5, 32);
    }

    void dropFolderAndLabelWithKeys() {
        Page p;
        p.page.resize(1000, 700);
        p.page.show();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(dataset_)});
        QSignalSpy imported(&p.importer, &ProjectImporter::imported);
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QApplication::sendEvent(&p.page, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&p.page, &drop);
        QVERIFY(imported.wait(10000));
        QCOMPARE(p.project.classNames(), QStringList({"blue", "red"}));
        QCOMPARE(p.page.grid()->model()->rowCount(), 11);

        // Press 2: the photo moves to red, and its band and the preview's line say so at once.
        p.page.grid()->setCurrentIndex(p.page.grid()->model()->index(0, 0));
        QCOMPARE(p.page.grid()->currentIndex().data(DatasetModel::ClassNameRole).toString(),
                 QStringLiteral("blue"));
        QTest::keyClick(p.page.grid(), Qt::Key_2);
        QCOMPARE(p.project.image(0).label, 1);
        QCOMPARE(p.model.index(0).data(DatasetModel::ClassNameRole).toString(),
                 QStringLiteral("red"));
        auto caption = [&p] {
            for (QLabel* label : p.page.preview()->findChildren<QLabel*>()) {
                if (label->text().contains("Class:")) {
                    return label->text();
                }
            }
            return QString();
        };
        QVERIFY2(caption().contains("Class: red"), qPrintable(caption()));
        p.stack.undo();
        QCOMPARE(p.project.image(0).label, 0);
        QVERIFY2(caption().contains("Class: blue"), qPrintable(caption()));
        p.stack.redo();
        QVERIFY2(caption().contains("Class: red"), qPrintable(caption()));

        // A key with no class behind it says so instead of doing nothing.
        QSignalSpy message(&p.page, &DataPage::message);
        QTest::keyClick(p.page.grid(), Qt::Key_7);
        QCOMPARE(message.size(), 1);
        QVERIFY(message.first().first().toString().contains("no class 7"));
    }

    void keysWithoutClassesExplainThemselves() {
        Page p;
        QTemporaryDir loose;
        test::writeColorImages(loose.path(), "x", Qt::green, 2, 16);
        importInto(p, loose.path() + "/x");
        QCOMPARE(p.project.unlabeledCount(), 2);
        p.page.show();
        p.page.grid()->setCurrentIndex(p.page.grid()->model()->index(0, 0));
        QSignalSpy message(&p.page, &DataPage::message);
        QTest::keyClick(p.page.grid(), Qt::Key_1);
        QCOMPARE(message.size(), 1);
        QVERIFY2(message.first().first().toString().contains("no class yet"),
                 qPrintable(message.first().first().toString()));
        QCOMPARE(p.project.image(0).label, -1);
    }

    void gridFillsTheWidth() {
        Page p;
        importInto(p, dataset_);
        p.page.resize(1400, 700);
        p.page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&p.page));
        DatasetGridView* grid = p.page.gridView();
        const int width = grid->viewport()->width();
        const int columns = width / grid->cellSize().width();
        QVERIFY(columns >= 3);
        // The columns use the whole width: less than one column's worth is left over.
        QVERIFY2(width - columns * grid->cellSize().width() <= columns,
                 qPrintable(QStringLiteral("%1 px, %2 columns of %3")
                                .arg(width)
                                .arg(columns)
                                .arg(grid->cellSize().width())));
    }

    void deletingAClassAsksFirst() {
        Page p;
        importInto(p, dataset_);
        p.page.show();
        p.page.classView()->setCurrentIndex(p.page.classView()->model()->index(0, 0));
        QCOMPARE(p.page.currentClassLabel(), 0);
        // Cancel keeps the class.
        QString question;
        test::answerNextDialog([&question](QWidget* dialog) {
            question = qobject_cast<QMessageBox*>(dialog)->informativeText();
            test::clickButton(dialog, "Cancel");
        });
        p.page.deleteClass();
        QVERIFY2(question.contains("6 photo") && question.contains("undo"), qPrintable(question));
        QCOMPARE(p.project.classCount(), 2);
        // Delete deletes, and can be undone.
        test::answerNextDialog([](QWidget* dialog) { test::clickButton(dialog, "Delete Class"); });
        QSignalSpy message(&p.page, &DataPage::message);
        p.page.deleteClass();
        QCOMPARE(p.project.classNames(), QStringList{"red"});
        QCOMPARE(p.project.unlabeledCount(), 6);
        QVERIFY(message.first().first().toString().contains("Ctrl+Z"));
        // Portrait or landscape, every photo keeps its file name under the thumbnail.
        for (int row = 0; row < p.model.rowCount(); ++row) {
            QVERIFY(!p.model.index(row).data(Qt::DisplayRole).toString().isEmpty());
        }
        p.stack.undo();
        QCOMPARE(p.project.classNames(), QStringList({"blue", "red"}));
    }

    void viewerNavigatesAndRelabels() {
        Page p;
        importInto(p, dataset_);
        p.page.resize(1000, 700);
        p.page.show();
        p.page.grid()->setCurrentIndex(p.page.grid()->model()->index(1, 0));
        p.page.openViewer();
        PhotoViewer* viewer = p.page.viewer();
        QVERIFY(viewer && viewer->isVisible());
        QCOMPARE(viewer->currentPath(), p.project.image(1).path);
        QTRY_VERIFY_WITH_TIMEOUT(!viewer->preview()->image().isNull(), 5000);
        QTest::keyClick(viewer, Qt::Key_Right);
        QCOMPARE(viewer->currentPath(), p.project.image(2).path);
        QTest::keyClick(viewer, Qt::Key_Left);
        QTest::keyClick(viewer, Qt::Key_Left);
        QCOMPARE(viewer->currentPath(), p.project.image(0).path);
        QVERIFY(viewer->labelLine()->text().contains("blue"));
        QTest::keyClick(viewer, Qt::Key_2);
        QCOMPARE(p.project.image(0).label, 1);
        QVERIFY(viewer->labelLine()->text().contains("red"));
        QTest::keyClick(viewer, Qt::Key_Delete);
        QVERIFY(p.project.image(0).excluded);
        QVERIFY(viewer->labelLine()->text().contains("excluded"));
        // An overlay can be drawn over the photo (the hook for heat maps).
        QImage overlay(8, 8, QImage::Format_ARGB32);
        overlay.fill(QColor(255, 0, 0, 128));
        viewer->preview()->setOverlay(overlay);
        viewer->close();
    }

    void missingPhotosCanBeLocated() {
        QTemporaryDir moving;
        const QString before = moving.filePath("before");
        test::writeColorImages(before, "blue", QColor(20, 40, 220), 3, 16);
        Page p;
        importInto(p, before);
        QVERIFY(QDir().rename(before, moving.filePath("after")));
        QSignalSpy checked(&p.page, &DataPage::missingPhotosChecked);
        p.page.checkMissingPhotos();
        QVERIFY(checked.wait(5000));
        QCOMPARE(checked.first().first().toInt(), 3);
        QVERIFY(p.page.missingBanner()->text().contains("3 photo"));
        QVERIFY(p.model.index(0).data(DatasetModel::MissingRole).toBool());
        p.page.locateMissingPhotos(moving.filePath("after"));
        QVERIFY(checked.wait(5000));
        QCOMPARE(checked.last().first().toInt(), 0);
        QVERIFY(p.project.image(0).path.startsWith(QDir::cleanPath(moving.filePath("after"))));
        QCOMPARE(p.project.image(0).label, 0);
        p.stack.undo();  // Locate is one undoable step
        QVERIFY(p.project.image(0).path.startsWith(QDir::cleanPath(before)));
    }
};

QTEST_MAIN(TestDataPageUi)
#include "TestDataPageUi.moc"
