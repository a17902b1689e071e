// SPDX-License-Identifier: MIT
// The desktop app's side of issue 10: the GUI import and the thumbnails neither hang on a FIFO
// named x.jpg nor decode a decompression bomb, class names follow the one class-name rule, and
// the image limits are a setting.
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "HostileFiles.h"
#include "data/ImageLimits.h"
#include "models/ClassListModel.h"
#include "models/ImageLimitsSettings.h"
#include "models/Preferences.h"
#include "models/ThumbnailCache.h"
#include "project/Project.h"
#include "project/ProjectImport.h"

using namespace tl;
using namespace tl::test;

class TestUiHostileInputs : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    // Thumbnails of `paths`, waiting for all of them.
    QList<QImage> thumbnailsOf(const QStringList& paths) {
        ThumbnailCache thumbnails(48);
        thumbnails.setDiskCacheFolder({});
        QSignalSpy ready(&thumbnails, &ThumbnailCache::thumbnailReady);
        for (const QString& path : paths) {
            thumbnails.thumbnail(path);
        }
        while (ready.size() < paths.size() && ready.wait(10000)) {
        }
        QList<QImage> images;
        for (const QString& path : paths) {
            images.append(thumbnails.thumbnail(path));
        }
        return images;
    }

private slots:
    void initTestCase() {
        QCoreApplication::setOrganizationName("TransferLabTest");
        QCoreApplication::setApplicationName("TestUiHostileInputs");
        // The app's settings file (Preferences), private to this test.
        qputenv("TRANSFERLAB_SETTINGS", dir_.filePath("settings.ini").toUtf8());
    }

    // Finding 5b: importing a folder with a FIFO named x.jpg finishes and reports it.
    void importReportsSpecialFilesWithoutHanging() {
        const QString data = dir_.filePath("import");
        hostile::write(data + "/cats/a.jpg", hostile::jpeg(32));
        hostile::write(data + "/dogs/b.jpg", hostile::jpeg(32, 2));
        hostile::makeFifo(data + "/cats/fifo.jpg");
        QFile::link("/dev/zero", data + "/dogs/zero.jpg");
        const ProjectImport import = ProjectImport::collect({data});
        QCOMPARE(import.files.size(), 2);
        QStringList reasons;
        for (const auto& [path, reason] : import.skipped) {
            reasons << QFileInfo(path).fileName() + ": " + reason;
        }
        QVERIFY2(reasons.join('\n').contains("fifo.jpg: is a named pipe") &&
                     reasons.join('\n').contains("zero.jpg: is a device"),
                 qPrintable(reasons.join('\n')));

        // A folder of loose photos, and the FIFO dropped by itself.
        const QString loose = dir_.filePath("loose");
        hostile::write(loose + "/c.jpg", hostile::jpeg(32));
        hostile::makeFifo(loose + "/pipe.jpg");
        for (const QStringList& paths : {QStringList{loose}, QStringList{loose + "/pipe.jpg"}}) {
            const ProjectImport dropped = ProjectImport::collect(paths);
            QCOMPARE(dropped.skipped.size(), 1);
            QVERIFY(dropped.skipped.first().first.endsWith("pipe.jpg"));
            QVERIFY2(dropped.skipped.first().second.contains("named pipe"),
                     qPrintable(dropped.skipped.first().second));
        }
    }

    // Finding 6: thumbnails respect the pixel limit and open only regular files.
    void thumbnailsRespectTheLimits() {
        hostile::write(dir_.filePath("bomb.png"), hostile::pngBomb(30000, 30000));
        hostile::write(dir_.filePath("ok.jpg"), hostile::jpeg(64));
        hostile::makeFifo(dir_.filePath("thumb-fifo.jpg"));
        const QList<QImage> images = thumbnailsOf(
            {dir_.filePath("bomb.png"), dir_.filePath("ok.jpg"), dir_.filePath("thumb-fifo.jpg")});
        QCOMPARE(images.size(), 3);
        for (const QImage& image : images) {
            QVERIFY(!image.isNull());
            QVERIFY(image.width() <= 48);
        }
        // The bomb and the FIFO get the red placeholder; the photo is a photo.
        QCOMPARE(images[0].pixelColor(2, 2), QColor(90, 40, 40));
        QCOMPARE(images[2].pixelColor(2, 2), QColor(90, 40, 40));
        QVERIFY(images[1].pixelColor(2, 2) != QColor(90, 40, 40));

        ImageLimits tight;
        tight.maxPixels = 1000;
        ImageLimits::setCurrent(tight);
        const QImage limited = thumbnailsOf({dir_.filePath("ok.jpg")}).first();
        ImageLimits::setCurrent(ImageLimits());
        QCOMPARE(limited.pixelColor(2, 2), QColor(90, 40, 40));
    }

    // Finding 9: the class-name rule holds for classes renamed in the GUI.
    void renamingRefusesUnsafeClassNames() {
        Project project;
        project.setAutosaveEnabled(false);
        QUndoStack stack;
        project.insertClass(0, "cats");
        ClassListModel model(&project, &stack);
        int row = -1;
        for (int r = 0; r < model.rowCount(); ++r) {
            if (model.labelOf(r) == 0) {
                row = r;
            }
        }
        QVERIFY(row >= 0);
        for (const QString& bad :
             {QString("../evil"), QString(".hidden"), QString("a/b"), QString("two\nlines")}) {
            QVERIFY2(!model.setData(model.index(row), bad, Qt::EditRole), qPrintable(bad));
        }
        QCOMPARE(project.classNames(), QStringList{"cats"});
        QVERIFY(model.setData(model.index(row), "big cats", Qt::EditRole));
        QCOMPARE(project.classNames(), QStringList{"big cats"});
    }

    // Finding 6: the limits are a setting of the app, applied process-wide.
    void imageLimitsAreASetting() {
        QCOMPARE(ImageLimitsSettings::load(), ImageLimits());
        ImageLimits chosen;
        chosen.maxPixels = 24'000'000;
        chosen.maxFileBytes = 64ull << 20;
        chosen.keepDamagedJpegs = true;
        ImageLimitsSettings::save(chosen);
        QCOMPARE(ImageLimits::current(), chosen);
        ImageLimits::setCurrent(ImageLimits());
        ImageLimitsSettings::apply();
        QCOMPARE(ImageLimits::current(), chosen);
        Preferences().settings().setValue("images/maxMegapixels", "lots");
        QCOMPARE(ImageLimitsSettings::load().maxPixels, ImageLimits::kDefaultMaxPixels);
        ImageLimits::setCurrent(ImageLimits());
    }
};

QTEST_MAIN(TestUiHostileInputs)
#include "TestUiHostileInputs.moc"
