// SPDX-License-Identifier: MIT
#include <QBuffer>
#include <QComboBox>
#include <QFileDialog>
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
#include "TestFiles.h"
#include "TestImages.h"
#include "TestPaths.h"
#include "TestUiHelpers.h"
#include "backbones/BackboneCatalog.h"
#include "backbones/BackboneStore.h"
#include "models/Preferences.h"
#include "models/ProjectImporter.h"
#include "models/TrainingController.h"
#include "project/Project.h"
#include "support/DataSize.h"
#include "widgets/MainWindow.h"
#include "widgets/MissingBackboneDialog.h"
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

// The shared MobileNetV2 1.0 file holds the official weights but is not the byte-identical
// download, so it stands for a catalogue entry whose size is not pinned (the 192 px one):
// the weights do not depend on the input size.
constexpr const char* kServedEntry = "mobilenet_v2_1.0_192";

QString sharedKerasFile() {
    return test::sharedDir() + "/models/keras-mobilenet-v2-1.0-224/mobilenet_v2_1.0_224_no_top.h5";
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

    // A new project holding 16 small photos of two colours.
    void openColours(MainWindow& window) {
        const QString dataset = storeDir_.filePath("colors");
        if (!QFileInfo::exists(dataset)) {
            test::writeColorImages(dataset, "blue", QColor(20, 40, 220), 8, 32);
            test::writeColorImages(dataset, "red", QColor(220, 30, 30), 8, 32);
        }
        QSignalSpy imported(window.importer(), &ProjectImporter::imported);
        window.newProject("colours");
        window.importer()->importPaths({dataset});
        QVERIFY(imported.wait(10000));
        TrainingSettings settings = window.project()->settings();
        settings.automatic = false;  // a short custom run: these tests are about the backbone
        settings.epochs = 2;
        settings.batchSize = 8;
        window.project()->setSettings(settings);
    }

private slots:
    void initTestCase() {
        qputenv("TRANSFERLAB_NO_DIALOGS", "1");
        QVERIFY(storeDir_.isValid());
        for (const char* name : {"XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"}) {
            qputenv(name, storeDir_.filePath(QString::fromLatin1(name).toLower()).toUtf8());
        }
        qputenv("TRANSFERLAB_PROJECTS_DIR", storeDir_.filePath("projects").toUtf8());
        qputenv("TRANSFERLAB_SETTINGS", storeDir_.filePath("settings.ini").toUtf8());
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
        // In GUI words, with no advice for the command line.
        const QString error = dialog->errorLabel()->text();
        QVERIFY2(error.startsWith("No internet connection") && !error.contains("--"),
                 qPrintable(error));
        QCOMPARE(window.project()->classCount(), 0);
    }

    void trainChecksPhotosBeforeTheBackbone() {
        MainWindow window;
        window.newProject("no photos");
        QVERIFY(!TrainPage::isBackboneAvailable(
            QString::fromStdString(window.project()->settings().backbone)));
        bool dialogShown = false;
        connect(window.trainPage(), &TrainPage::missingBackboneDialogOpened, this,
                [&dialogShown] { dialogShown = true; });
        window.trainPage()->startTraining();
        QVERIFY(!dialogShown);
        QVERIFY(window.trainPage()->messageLabel()->text().startsWith("Add photos"));
    }

    void missingBackboneDialogOffersTheWaysOut() {
        // The dialog itself: what it offers follows what is possible.
        MissingBackboneDialog::Options options;
        options.backboneLabel = "MobileNetV2 1.0, 224 px";
        options.canDownload = true;
        options.downloadBytes = 14536120;
        {
            MissingBackboneDialog dialog(options);
            QCOMPARE(dialog.downloadButton()->text(),
                     QStringLiteral("Download (about %1)").arg(formatDataSize(14536120)));
            QCOMPARE(dialog.chooseFileButton()->text(), QStringLiteral("Choose a File…"));
            QVERIFY(!dialog.bundledButton());
            QVERIFY(dialog.downloadButton()->isDefault());
            dialog.chooseFileButton()->click();
            QCOMPARE(dialog.choice(), MissingBackboneDialog::Choice::ChooseFile);
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
        }
        options.bundledReference = "mobilenet_v2_1.0_224";
        options.bundledLabel = "MobileNetV2 1.0, 224 px";
        options.canDownload = false;
        {
            MissingBackboneDialog dialog(options);
            QVERIFY(!dialog.downloadButton());
            QVERIFY(dialog.bundledButton() && dialog.bundledButton()->isDefault());
            dialog.bundledButton()->click();
            QCOMPARE(dialog.choice(), MissingBackboneDialog::Choice::UseBundled);
            MissingBackboneDialog cancelled(options);
            cancelled.cancelButton()->click();
            QCOMPARE(cancelled.choice(), MissingBackboneDialog::Choice::Cancel);
            QCOMPARE(cancelled.result(), int(QDialog::Rejected));
        }

        // From Train: offline with an empty store, the dialog appears once; Cancel does nothing.
        MainWindow window;
        openColours(window);
        test::EnvironmentGuard environment;
        environment.unset("TRANSFERLAB_NO_DIALOGS");
        QStringList offered;
        test::answerNextDialog([&offered](QWidget* dialog) {
            offered = test::buttonTexts(dialog);
            qobject_cast<MissingBackboneDialog*>(dialog)->cancelButton()->click();
        });
        window.trainPage()->startTraining();
        QVERIFY2(offered.contains("Choose a File…") && offered.contains("Cancel"),
                 qPrintable(offered.join(", ")));
        QVERIFY(std::any_of(offered.begin(), offered.end(),
                            [](const QString& text) { return text.startsWith("Download"); }));
        QVERIFY(!offered.contains("Use the Bundled Backbone"));  // none installed here
        QVERIFY(!window.trainingController()->isRunning());
        QVERIFY(!window.trainPage()->isDownloadingBackbone());
    }

    void downloadFromTheDialogThenTrain() {
        if (!QFileInfo::exists(sharedKerasFile())) {
            QSKIP("shared Keras MobileNetV2 1.0 file not found");
        }
        const BackboneCatalogEntry* entry = BackboneCatalog::builtIn().find(kServedEntry);
        QVERIFY(entry && entry->sizeBytes < 0);
        FixtureHttpServer server;
        server.setBody("/" + entry->path, test::readAll(sharedKerasFile()));
        QTemporaryDir store;
        test::EnvironmentGuard environment;
        environment.set("TRANSFERLAB_BACKBONE_DIR", store.path().toUtf8());
        environment.set("TRANSFERLAB_BACKBONE_BASE_URL", server.url("/").toString().toUtf8());
        environment.unset("TRANSFERLAB_OFFLINE");
        MainWindow window;
        openColours(window);
        window.trainPage()->selectBackbone(entry->name);
        QCOMPARE(window.project()->settings().inputSize, 192);  // the backbone's own size
        environment.unset("TRANSFERLAB_NO_DIALOGS");
        QString offeredDownload;
        test::answerNextDialog([&offeredDownload](QWidget* dialog) {
            QPushButton* download = qobject_cast<MissingBackboneDialog*>(dialog)->downloadButton();
            offeredDownload = download->text();
            download->click();
        });
        QSignalSpy downloaded(window.trainPage(), &TrainPage::backboneDownloadFinished);
        QSignalSpy trained(window.trainingController(), &TrainingController::finished);
        window.trainPage()->startTraining();
        QVERIFY(downloaded.wait(60000));
        QCOMPARE(offeredDownload, QStringLiteral("Download"));  // no size known in advance
        QVERIFY2(downloaded.first().at(0).toBool(),
                 qPrintable(downloaded.first().at(1).toString()));
        QVERIFY(trained.wait(180000));
        QVERIFY2(trained.first().at(0).toBool(), qPrintable(trained.first().at(1).toString()));
        QVERIFY(BackboneStore().stored(entry->name).has_value());
        QCOMPARE(server.requestCount("/" + entry->path) >= 1, true);
        // New projects start with it, at its size.
        window.newProject("next");
        QCOMPARE(QString::fromStdString(window.project()->settings().backbone), entry->name);
        QCOMPARE(window.project()->settings().inputSize, 192);
    }

    void useTheBundledBackbone() {
        if (!QFileInfo::exists(sharedKerasFile())) {
            QSKIP("shared Keras MobileNetV2 1.0 file not found");
        }
        const BackboneCatalogEntry* bundled = BackboneCatalog::builtIn().find(kServedEntry);
        // What a package installs beside the program (BackboneStore::bundled() looks there).
        const QString beside = QCoreApplication::applicationDirPath() + "/backbones";
        QVERIFY(!QFileInfo::exists(beside));
        QVERIFY(QDir().mkpath(beside));
        QVERIFY(QFile::copy(sharedKerasFile(), beside + "/" + bundled->fileName()));
        struct RemoveAtEnd {
            QString folder;
            ~RemoveAtEnd() { QDir(folder).removeRecursively(); }
        } removeAtEnd{beside};
        QTemporaryDir store;
        test::EnvironmentGuard environment;
        environment.set("TRANSFERLAB_BACKBONE_DIR", store.path().toUtf8());
        MainWindow window;
        openColours(window);
        window.trainPage()->selectBackbone("mobilenet_v2_0.35_96");  // not here, not bundled
        environment.unset("TRANSFERLAB_NO_DIALOGS");
        QString offered;
        test::answerNextDialog([&offered](QWidget* dialog) {
            QPushButton* use = qobject_cast<MissingBackboneDialog*>(dialog)->bundledButton();
            QVERIFY(use);
            offered = use->toolTip();
            use->click();
        });
        QSignalSpy trained(window.trainingController(), &TrainingController::finished);
        window.trainPage()->startTraining();
        QVERIFY(trained.wait(180000));
        QVERIFY2(trained.first().at(0).toBool(), qPrintable(trained.first().at(1).toString()));
        QCOMPARE(offered, QStringLiteral("MobileNetV2 1.0, 192 px"));
        QCOMPARE(window.trainPage()->currentBackbone(), bundled->name);
        window.newProject("next");
        QCOMPARE(QString::fromStdString(window.project()->settings().backbone), bundled->name);
    }

    void chooseAFileFromTheDialogThenTrain() {
        if (!QFileInfo::exists(test::teachableMachineModelJson())) {
            QSKIP("shared Teachable Machine backbone not found");
        }
        QTemporaryDir store;
        test::EnvironmentGuard environment;
        environment.set("TRANSFERLAB_BACKBONE_DIR", store.path().toUtf8());
        MainWindow window;
        openColours(window);
        environment.unset("TRANSFERLAB_NO_DIALOGS");
        test::answerNextDialog([](QWidget* dialog) {
            qobject_cast<MissingBackboneDialog*>(dialog)->chooseFileButton()->click();
            test::answerNextDialog([](QWidget* files) {
                auto* chooser = qobject_cast<QFileDialog*>(files);
                QVERIFY(chooser);
                // Let the file dialog settle (it lists its folder in the background) first.
                QTimer::singleShot(200, chooser, [chooser] {
                    // As a user types it: selectFile() leaves the name field alone while it
                    // has the focus.
                    auto* name = chooser->findChild<QLineEdit*>("fileNameEdit");
                    QVERIFY(name);
                    name->setText(test::teachableMachineModelJson());
                    QCOMPARE(chooser->selectedFiles(),
                             QStringList{test::teachableMachineModelJson()});
                    static_cast<QDialog*>(chooser)->done(QDialog::Accepted);
                });
            });
        });
        QSignalSpy trained(window.trainingController(), &TrainingController::finished);
        window.trainPage()->startTraining();
        QVERIFY2(trained.wait(180000),
                 qPrintable(window.trainPage()->backboneStatus()->text() + " / " +
                            window.trainPage()->messageLabel()->text()));
        QVERIFY2(trained.first().at(0).toBool(), qPrintable(trained.first().at(1).toString()));
        const QString imported = window.trainPage()->currentBackbone();
        QCOMPARE(imported, QStringLiteral("teachable-machine-mobilenet-v2-0.35"));
        QVERIFY(window.trainPage()->phaseLabel()->text().startsWith("Done"));
        window.newProject("next");
        QCOMPARE(QString::fromStdString(window.project()->settings().backbone), imported);
    }

    void importBackboneIntoStore() {
        if (!QFileInfo::exists(test::teachableMachineModelJson())) {
            QSKIP("shared Teachable Machine backbone not found");
        }
        MainWindow window;
        window.newProject("import");
        TrainPage* page = window.trainPage();
        page->importBackbone(test::teachableMachineDir());
        QTRY_VERIFY_WITH_TIMEOUT(page->backboneCombo()->isEnabled(), 30000);
        const QString text = page->backboneCombo()->currentText();
        // What it is and its size, and "imported" said once.
        QVERIFY2(text.startsWith("MobileNetV2 0.35, 224 px") && text.count("imported") == 1,
                 qPrintable(text + " / " + page->backboneStatus()->text()));
        QCOMPARE(QString::fromStdString(window.project()->settings().backbone),
                 page->currentBackbone());
        QCOMPARE(window.project()->settings().inputSize, 224);
        QCOMPARE(page->phaseLabel()->text(), QStringLiteral("Ready"));
        QVERIFY(page->backboneStatus()->styleSheet().isEmpty());  // no stale error
    }
};

QTEST_MAIN(TestDownloadsUi)
#include "TestDownloadsUi.moc"
