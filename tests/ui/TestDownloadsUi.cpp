// SPDX-License-Identifier: MIT
#include <QBuffer>
#include <QComboBox>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

#include "FixtureHttpServer.h"
#include "TestPaths.h"
#include "backbones/BackboneCatalog.h"
#include "models/ProjectImporter.h"
#include "models/TrainingController.h"
#include "project/Project.h"
#include "widgets/MainWindow.h"
#include "widgets/OpenImagesDialog.h"
#include "widgets/TrainPage.h"

using namespace tl;
using tl::test::FixtureHttpServer;

namespace {

// A miniature Open Images: 6 alpacas, 6 goats, 6 bears, served as the real files are named.
const QByteArray kClassList =
    "LabelName,DisplayName\n"
    "/m/0pcr,Alpaca\n"
    "/m/03fwl,Goat\n"
    "/m/01dws,Bear\n";

QString imageId(int index) {
    return QStringLiteral("%1").arg(0xa1b2c3d400000000ULL + quint64(index) * 7919, 16, 16,
                                    QChar('0'));
}

QString labelOf(int index) {
    return index < 6    ? QStringLiteral("/m/0pcr")
           : index < 12 ? QStringLiteral("/m/03fwl")
                        : QStringLiteral("/m/01dws");
}

constexpr int kImages = 18;

QByteArray labelsCsv() {
    QStringList rows;
    for (int i = 0; i < kImages; ++i) {
        rows.push_back(imageId(i) + ",verification," + labelOf(i) + ",1\n");
    }
    rows.sort();  // the real file is sorted by ImageID
    return "ImageID,Source,LabelName,Confidence\n" + rows.join(QString()).toLatin1();
}

QByteArray jpeg(int index) {
    QImage image(32, 24, QImage::Format_RGB32);
    image.fill(QColor(index * 13 % 255, 90, 200));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPG");
    return bytes;
}

HttpDownloadOptions fastHttp() {
    HttpDownloadOptions options;
    options.maxAttempts = 2;
    options.initialBackoffMs = 10;
    options.maxBackoffMs = 40;
    options.idleTimeoutMs = 2000;
    return options;
}

}  // namespace

// The download dialogs and the Train page's backbone list, against a local HTTP server and
// an empty backbone store.
class TestDownloadsUi : public QObject {
    Q_OBJECT

    QTemporaryDir storeDir_;

    OpenImagesRequest requestTemplate(const FixtureHttpServer& server, const QString& cache) {
        OpenImagesRequest request;
        request.cacheDir = cache;
        request.imageBaseUrl = server.url("/images/").toString();
        request.metadataBaseUrl = server.url("/meta/").toString();
        request.fetchImageMetadata = false;
        request.concurrentDownloads = 2;
        request.imageHttp = fastHttp();
        request.metadataHttp = fastHttp();
        return request;
    }

private slots:
    void initTestCase() {
        qputenv("TRANSFERLAB_NO_DIALOGS", "1");
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(storeDir_.isValid());
        // An empty store that cannot download: catalogue backbones are "not downloaded".
        qputenv("TRANSFERLAB_BACKBONE_DIR", storeDir_.filePath("backbones").toUtf8());
        qputenv("KERAS_HOME", storeDir_.filePath("keras").toUtf8());
        qputenv("TRANSFERLAB_OFFLINE", "1");
    }

    void openImagesDialogImportsClasses() {
        FixtureHttpServer server;
        QVERIFY(server.isListening());
        server.setBody("/meta/oidv6-class-descriptions.csv", kClassList);
        server.setBody("/meta/oidv6-train-annotations-human-imagelabels.csv", labelsCsv());
        for (int i = 0; i < kImages; ++i) {
            server.setBody("/images/train/" + imageId(i) + ".jpg", jpeg(i));
        }
        QTemporaryDir tmp;
        MainWindow window;
        QVERIFY(window.project()->saveAs(tmp.filePath("project.json")));
        OpenImagesDialog* dialog = window.showOpenImagesDialog();
        QCOMPARE(QDir::cleanPath(dialog->defaultOutputFolder()),
                 QDir::cleanPath(tmp.filePath("open-images")));
        dialog->setRequestTemplate(requestTemplate(server, tmp.filePath("cache")));

        // An unknown class fails in the dialog, with suggestions.
        dialog->classesEdit()->setText("Alpacca");
        QSignalSpy finished(dialog, &OpenImagesDialog::downloadFinished);
        QTest::mouseClick(dialog->downloadButton(), Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QVERIFY(!finished.last().at(0).toBool());
        QVERIFY(dialog->errorLabel()->isVisibleTo(dialog));
        QVERIFY2(dialog->errorLabel()->text().contains("Alpaca"),
                 qPrintable(dialog->errorLabel()->text()));
        QVERIFY(dialog->downloadButton()->isEnabled());

        // Alpacas against goats and bears: two classes arrive in the project.
        dialog->classesEdit()->setText("alpaca");
        dialog->negativesEdit()->setText("Goat, bear");
        dialog->limitSpin()->setValue(4);
        dialog->seedSpin()->setValue(3);
        QSignalSpy imported(window.importer(), &ProjectImporter::imported);
        QTest::mouseClick(dialog->downloadButton(), Qt::LeftButton);
        QVERIFY(dialog->isRunning());
        QVERIFY(dialog->cancelButton()->isEnabled());
        QVERIFY(finished.wait(30000));
        QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
        QVERIFY(!dialog->errorLabel()->isVisibleTo(dialog));
        QVERIFY(imported.wait(10000));
        Project* project = window.project();
        QVERIFY(project->classIndex("alpaca") >= 0);
        QVERIFY(project->classIndex("not_alpaca") >= 0);
        QCOMPARE(project->imageCount(), 8);
        QVERIFY(QFileInfo(tmp.filePath("open-images/alpaca")).isDir());
    }

    void openImagesDialogReportsOffline() {
        FixtureHttpServer server;  // serves nothing: every file answers 404
        QTemporaryDir tmp;
        MainWindow window;
        OpenImagesDialog* dialog = window.showOpenImagesDialog();
        OpenImagesRequest request = requestTemplate(server, tmp.filePath("cache"));
        request.metadataBaseUrl = QStringLiteral("http://127.0.0.1:1/");  // refused
        dialog->setRequestTemplate(request);
        dialog->classesEdit()->setText("Alpaca");
        dialog->folderEdit()->setText(tmp.filePath("out"));
        QSignalSpy finished(dialog, &OpenImagesDialog::downloadFinished);
        dialog->startDownload();
        QVERIFY(finished.wait(30000));
        QVERIFY(!finished.last().at(0).toBool());
        QVERIFY(dialog->errorLabel()->isVisibleTo(dialog));
        QVERIFY(!dialog->errorLabel()->text().isEmpty());
        QCOMPARE(window.project()->classCount(), 0);
    }

    void trainPageListsCatalogueAndReportsOffline() {
        MainWindow window;
        TrainPage* page = window.trainPage();
        QComboBox* combo = page->backboneCombo();
        const BackboneCatalogEntry& entry = BackboneCatalog::builtIn().defaultEntry();
        const int row = combo->findData(entry.name);
        QVERIFY(row >= 0);
        QVERIFY2(combo->itemText(row).contains("not downloaded"), qPrintable(combo->itemText(row)));
        QCOMPARE(combo->itemText(combo->count() - 1), QStringLiteral("Import from file…"));
        // A fresh project trains on the default catalogue backbone.
        QCOMPARE(page->currentBackbone(), entry.name);

        // Offline: Train first tries to fetch it, and says which file to place where.
        QSignalSpy downloaded(page, &TrainPage::backboneDownloadFinished);
        page->startTraining();
        QVERIFY(downloaded.wait(20000));
        QVERIFY(!downloaded.first().at(0).toBool());
        QCOMPARE(QString::fromStdString(window.project()->settings().backbone), entry.name);
        QVERIFY(!window.trainingController()->isRunning());
        QVERIFY(page->trainButton()->isEnabled());
        const QString message = page->backboneStatus()->text();
        QVERIFY2(message.contains(entry.fileName()), qPrintable(message));
        QVERIFY2(message.contains("Import from file"), qPrintable(message));

        // Local folders are offered as they are and chosen without a download.
        window.setBackboneChoices({"/nowhere/model-folder"});
        QVERIFY(combo->findData("/nowhere/model-folder") >= 0);
        page->selectBackbone("/nowhere/model-folder");
        QCOMPARE(QString::fromStdString(window.project()->settings().backbone),
                 QStringLiteral("/nowhere/model-folder"));
    }

    void importBackboneIntoStore() {
        if (!QFileInfo::exists(test::teachableMachineModelJson())) {
            QSKIP("shared Teachable Machine backbone not found");
        }
        MainWindow window;
        TrainPage* page = window.trainPage();
        page->importBackbone(test::teachableMachineDir());
        QTRY_VERIFY_WITH_TIMEOUT(page->backboneCombo()->isEnabled(), 30000);
        const int row = page->backboneCombo()->currentIndex();
        QVERIFY2(page->backboneCombo()->itemText(row).contains("imported"),
                 qPrintable(page->backboneCombo()->itemText(row) + " / " +
                            page->backboneStatus()->text()));
        QCOMPARE(QString::fromStdString(window.project()->settings().backbone),
                 page->currentBackbone());
    }
};

QTEST_MAIN(TestDownloadsUi)
#include "TestDownloadsUi.moc"
