// SPDX-License-Identifier: MIT
// The desktop app keeps the user's work: projects in the library, reopened after a restart
// with their model and results, actions enabled only when they can work, the window fits a
// small screen, quitting during training asks, and 0.x folders are moved once.
#include <QAction>
#include <QCheckBox>
#include <QDirIterator>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "AppIdentity.h"
#include "TestFiles.h"
#include "TestImages.h"
#include "TestPaths.h"
#include "TestUiHelpers.h"
#include "models/ConfusionMatrixModel.h"
#include "models/Preferences.h"
#include "models/ProjectImporter.h"
#include "models/TrainingController.h"
#include "project/Project.h"
#include "project/ProjectLibrary.h"
#include "widgets/DataPage.h"
#include "widgets/MainWindow.h"
#include "widgets/ResultsPage.h"
#include "widgets/StartPage.h"
#include "widgets/TestPage.h"
#include "widgets/TrainPage.h"
#include "widgets/TrainingSettingsForm.h"

using namespace tl;

class TestProjectLifecycleUi : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;
    QString dataset_;

    // Opens the dataset folder in `window` and waits for the import.
    void openDataset(MainWindow& window) {
        QSignalSpy imported(window.importer(), &ProjectImporter::imported);
        QVERIFY(window.openPath(dataset_));
        if (window.project()->imageCount() == 0) {
            QVERIFY(imported.wait(10000));
        }
    }

    // Every entry under `folder` (hidden ones too) with its size and modification time: what
    // "nothing written inside the photos' folder" is checked against.
    static QStringList folderListing(const QString& folder) {
        QStringList entries;
        QDirIterator it(folder,
                        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QFileInfo info(it.next());
            entries.push_back(QStringLiteral("%1 %2 %3")
                                  .arg(QDir(folder).relativeFilePath(info.filePath()))
                                  .arg(info.isDir() ? -1 : info.size())
                                  .arg(info.lastModified().toMSecsSinceEpoch()));
        }
        entries.sort();
        return entries;
    }

    void useSmallTraining(MainWindow& window, int epochs) {
        TrainingSettings settings = window.project()->settings();
        settings.automatic = false;  // exactly these epochs, not the automatic recipe's
        settings.backbone = test::teachableMachineDir().toStdString();
        settings.epochs = epochs;
        settings.batchSize = 4;
        settings.inputSize = 96;
        window.project()->setSettings(settings);
    }

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        // Every folder and setting of this test in its own place.
        for (const char* name : {"XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"}) {
            qputenv(name, tmp_.filePath(QString::fromLatin1(name).toLower()).toUtf8());
        }
        qputenv("TRANSFERLAB_PROJECTS_DIR", tmp_.filePath("Documents/TransferLab").toUtf8());
        qputenv("TRANSFERLAB_SETTINGS", tmp_.filePath("settings.ini").toUtf8());
        qputenv("TRANSFERLAB_BACKBONE_DIR", tmp_.filePath("backbones").toUtf8());
        qputenv("TRANSFERLAB_OFFLINE", "1");
        qputenv("TRANSFERLAB_NO_DIALOGS", "1");
        app::setApplicationIdentity();
        dataset_ = tmp_.filePath("photos/colors");
        test::writeColorImages(dataset_, "blue", QColor(20, 40, 220), 8, 32);
        test::writeColorImages(dataset_, "red", QColor(220, 30, 30), 8, 32);
    }

    void init() {
        // Fresh settings and library for each test, as on a first launch.
        qputenv("TRANSFERLAB_SETTINGS",
                tmp_.filePath(QStringLiteral("%1.ini").arg(QTest::currentTestFunction())).toUtf8());
        QDir(tmp_.filePath("Documents")).removeRecursively();
    }

    void oldFoldersMoveOnceAndOnlyOurs() {
        const QString data = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
        QCOMPARE(QFileInfo(data).fileName(), QStringLiteral("TransferLab"));
        QVERIFY(!data.contains("TransferLab/TransferLab"));
        const QString old = data + "/TransferLab";
        QVERIFY(QDir().mkpath(old + "/backbones"));
        test::writeAll(old + "/backbones/weights.h5", "weights");
        test::writeAll(old + "/mine.txt", "not TransferLab's");
        const QString oldCache =
            QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + "/TransferLab";
        QVERIFY(QDir().mkpath(oldCache + "/features/ab"));
        test::writeAll(oldCache + "/features/ab/ab12.f32", "features");

        const app::LegacyFolderMigration result = app::migrateLegacyFolders();
        QVERIFY2(result.problems.isEmpty(), qPrintable(result.problems.join('\n')));
        QVERIFY(QFileInfo::exists(data + "/backbones/weights.h5"));
        QVERIFY(QFileInfo::exists(QStandardPaths::writableLocation(QStandardPaths::CacheLocation) +
                                  "/features/ab/ab12.f32"));
        QVERIFY(QFileInfo::exists(old + "/mine.txt"));  // not ours: stays
        QVERIFY(!QFileInfo::exists(oldCache));          // emptied, so removed
        QCOMPARE(app::legacyFolderMap().value(QDir::cleanPath(old)), QDir::cleanPath(data));
        QVERIFY(app::migrateLegacyFolders().moved.isEmpty());  // once
        QDir(data + "/backbones").removeRecursively();
    }

    void reopensTheLastProjectAfterARestart() {
        QString file;
        {
            MainWindow window;
            window.startUp();
            QVERIFY(window.isShowingStartPage());
            QCOMPARE(window.windowTitle(), QStringLiteral("TransferLab"));
            openDataset(window);
            QVERIFY(!window.isShowingStartPage());
            file = window.project()->filePath();
            // A visible project folder named after the photos' folder, not a hashed file.
            QCOMPARE(file, ProjectLibrary(tmp_.filePath("Documents/TransferLab"))
                               .projectFile(tmp_.filePath("Documents/TransferLab/colors")));
            QCOMPARE(window.windowTitle(), QStringLiteral("colors — TransferLab"));
            window.close();
        }
        {
            MainWindow window;
            window.startUp();
            QVERIFY(!window.isShowingStartPage());
            QCOMPARE(window.project()->filePath(), file);
            QCOMPARE(window.project()->imageCount(), 16);
            // The same folder opened again is the same project: listed once.
            QVERIFY(window.openPath(dataset_));
            QCOMPARE(window.project()->filePath(), file);
            QCOMPARE(Preferences().recentProjects(), QStringList{file});
            window.close();
        }
        Preferences().setReopenLastProject(false);
        MainWindow window;
        window.startUp();
        QVERIFY(window.isShowingStartPage());
        QTRY_VERIFY_WITH_TIMEOUT(
            !window.startPage()->isLoading() && window.startPage()->recentList()->count() == 1,
            5000);
        const QString entry = window.startPage()->recentList()->item(0)->text();
        QVERIFY2(entry.startsWith("colors") && entry.contains("blue 8") && entry.contains("red 8"),
                 qPrintable(entry));
        QVERIFY(!window.startPage()->reopenCheck()->isChecked());
    }

    void tryTheExampleUsesTheLocalCopyOnce() {
        // $TRANSFERLAB_EXAMPLE_PHOTOS: a folder of class sub-folders used instead of the
        // Open Images download (README, "Environment (desktop app)").
        const QString example = tmp_.filePath("example-photos");
        QDir(example).removeRecursively();
        test::writeColorImages(example, "alpaca", QColor(200, 170, 120), 3, 24);
        test::writeColorImages(example, "goat", QColor(90, 90, 90), 4, 24);
        const QStringList before = folderListing(example);
        QCOMPARE(before.size(), 2 + 7);  // two class folders, seven photos
        qputenv("TRANSFERLAB_EXAMPLE_PHOTOS", QDir::toNativeSeparators(example).toUtf8());
        const auto unsetExample = qScopeGuard([] { qunsetenv("TRANSFERLAB_EXAMPLE_PHOTOS"); });

        const QString libraryFolder = tmp_.filePath("Documents/TransferLab");
        MainWindow window;
        window.startUp();
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.isShowingStartPage());
        QPushButton* tryIt = window.startPage()->exampleButton();
        QVERIFY(tryIt->isVisible() && tryIt->isEnabled());

        // As the user does: click "Try the Example" on the start page.
        QSignalSpy imported(window.importer(), &ProjectImporter::imported);
        QTest::mouseClick(tryIt, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(imported.size() == 1, 10000);
        QVERIFY(!window.importer()->isBusy());
        QVERIFY(!window.isShowingStartPage());
        Project* project = window.project();
        QCOMPARE(project->classNames(), QStringList({"alpaca", "goat"}));
        QCOMPARE(project->imageCount(), 7);
        QCOMPARE(project->countPerClass(), QVector<int>({3, 4}));
        QCOMPARE(project->unlabeledCount(), 0);
        // A project in the library under a human name, not in (or named after) the photos' folder.
        const QString file = project->filePath();
        QCOMPARE(file, ProjectLibrary::projectFile(libraryFolder + "/Alpaca example"));
        QCOMPARE(project->name(), QStringLiteral("Alpaca example"));
        QCOMPARE(window.windowTitle(), QStringLiteral("Alpaca example — TransferLab"));
        QCOMPARE(ProjectLibrary(libraryFolder).projectFiles(), QStringList{file});
        // The photos are used where they are: not copied into the project, nothing written
        // beside them (QTRY: an autosave is due on the next event-loop turn).
        for (const ProjectImage& image : project->images()) {
            QVERIFY2(image.path.startsWith(QDir::cleanPath(example) + "/"), qPrintable(image.path));
        }
        QTRY_VERIFY_WITH_TIMEOUT(ProjectLibrary(libraryFolder).projectForDataset(example) == file,
                                 5000);
        QDirIterator inProject(project->folder(), {"*.png"}, QDir::Files,
                               QDirIterator::Subdirectories);
        QVERIFY2(!inProject.hasNext(), qPrintable(inProject.hasNext() ? inProject.next() : ""));
        QCOMPARE(folderListing(example), before);

        // Trying it again from the start page reopens that project, as opening the same photo
        // folder twice does ("each project once"): no "Alpaca example 2" with the same photos.
        window.closeProject();
        QVERIFY(window.isShowingStartPage());
        QTest::mouseClick(tryIt, Qt::LeftButton);
        // An import, had one started, is under way from the click on: wait for it to end.
        QTRY_VERIFY_WITH_TIMEOUT(!window.isShowingStartPage() && !window.importer()->isBusy(),
                                 10000);
        QCOMPARE(imported.size(), 1);
        QCOMPARE(window.project()->filePath(), file);
        QCOMPARE(window.project()->imageCount(), 7);
        QCOMPARE(window.project()->classNames(), QStringList({"alpaca", "goat"}));
        QCOMPARE(ProjectLibrary(libraryFolder).projectFiles(), QStringList{file});
        QCOMPARE(Preferences().recentProjects(), QStringList{file});
        QCOMPARE(folderListing(example), before);
    }

    void actionsNeedWhatTheyWorkOn() {
        MainWindow window;
        window.startUp();
        window.show();
        QVERIFY(!window.trainAction()->isEnabled());
        QVERIFY(!window.exportModelAction()->isEnabled());
        QVERIFY(!window.exportPhotosAction()->isEnabled());

        QVERIFY(!window.newProject("empty").isEmpty());
        QCOMPARE(window.pages()->currentWidget(), window.dataPage());
        QVERIFY(!window.trainAction()->isEnabled());
        QVERIFY(!window.trainPage()->trainButton()->isEnabled());
        QVERIFY(window.trainPage()->trainButton()->toolTip().startsWith("Add photos"));
        QVERIFY(!window.exportModelAction()->isEnabled());
        QVERIFY(!window.exportPhotosAction()->isEnabled());
        QVERIFY(!window.excludeAction()->isEnabled());
        QVERIFY(!window.deleteClassAction()->isEnabled());
        QVERIFY(!window.resultsPage()->retrainButton()->isEnabled());
        QVERIFY(!window.resultsPage()->relabelButton()->isEnabled());
        // Train with no photos says so, before anything about a backbone.
        window.trainPage()->startTraining();
        QVERIFY(window.trainPage()->messageLabel()->text().startsWith("Add photos"));
        QVERIFY(!window.trainingController()->isRunning());

        QSignalSpy imported(window.importer(), &ProjectImporter::imported);
        window.importer()->importPaths({dataset_});
        QVERIFY(imported.wait(10000));
        QVERIFY(window.trainAction()->isEnabled());
        QVERIFY(window.trainPage()->trainButton()->isEnabled());
        QVERIFY(window.exportPhotosAction()->isEnabled());
        QVERIFY(!window.exportModelAction()->isEnabled());  // still no model
        QListView* grid = window.dataPage()->grid();
        grid->setCurrentIndex(grid->model()->index(0, 0));
        QVERIFY(window.excludeAction()->isEnabled());
        QListView* classes = window.dataPage()->classView();
        classes->setCurrentIndex(classes->model()->index(0, 0));
        QVERIFY(window.deleteClassAction()->isEnabled());
        window.closeProject();
        QVERIFY(window.isShowingStartPage());
        QVERIFY(!window.trainAction()->isEnabled());
    }

    void fitsASmallScreen() {
        MainWindow window;
        openDataset(window);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (int page = 0; page < window.pages()->count(); ++page) {
            window.pages()->setCurrentIndex(page);
            const QSize minimum = window.minimumSizeHint().expandedTo(window.minimumSize());
            QVERIFY2(minimum.width() <= 1000 && minimum.height() <= 650,
                     qPrintable(QStringLiteral("page %1 needs %2x%3")
                                    .arg(page)
                                    .arg(minimum.width())
                                    .arg(minimum.height())));
        }
        window.resize(1000, 650);
        QTRY_COMPARE(window.size(), QSize(1000, 650));
    }

    void restoresTheModelAndAsksBeforeQuittingDuringTraining() {
        if (!QFileInfo::exists(test::teachableMachineModelJson())) {
            QSKIP("shared Teachable Machine backbone not found");
        }
        QString modelFolder;
        {
            MainWindow window;
            openDataset(window);
            useSmallTraining(window, 4);
            QSignalSpy finished(window.trainingController(), &TrainingController::finished);
            window.trainPage()->startTraining();
            QVERIFY(finished.wait(120000));
            QVERIFY2(finished.first().at(0).toBool(),
                     qPrintable(finished.first().at(1).toString()));
            modelFolder = window.trainingController()->modelFolder();
            QVERIFY(modelFolder.startsWith(QDir(window.project()->folder()).filePath("models/")));
            QVERIFY(window.exportModelAction()->isEnabled());
            window.close();
        }
        MainWindow window;
        window.startUp();
        window.show();
        TrainingController* training = window.trainingController();
        // Results at once, the model shortly after (loaded off the UI thread).
        QVERIFY(window.resultsPage()->hasResults());
        QCOMPARE(window.resultsPage()->confusionModel()->rowCount(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(training->modelState(), TrainingController::ModelState::Ready,
                                  30000);
        QCOMPARE(training->modelFolder(), modelFolder);
        QVERIFY(window.testPage()->modelLabel()->text().contains("Run 1"));
        QVERIFY(window.exportModelAction()->isEnabled());
        QCOMPARE(window.trainPage()->epochPointCount(), 4);  // the run's curves are back
        QVERIFY(window.trainPage()->runList()->item(0)->font().bold());

        // Quitting while a long run trains asks; "Keep Training" goes on.
        useSmallTraining(window, 20000);
        window.trainPage()->startTraining();
        QVERIFY(training->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(training->hasModelSoFar(), 60000);
        QStringList offered;
        test::answerNextDialog([&offered](QWidget* dialog) {
            offered = test::buttonTexts(dialog);
            test::clickButton(dialog, "Keep Training");
        });
        QVERIFY(!window.close());
        QVERIFY(offered.contains("Keep the Best Model and Quit"));
        QVERIFY(offered.contains("Stop and Quit"));
        QVERIFY(training->isRunning());
        QVERIFY(window.isVisible());
        // Settings cannot change under a run.
        QVERIFY(!window.trainPage()->settingsForm()->epochsSpin()->isEnabled());
        // "Keep the best model and quit": the run ends early, is saved, then the window closes.
        QSignalSpy finished(training, &TrainingController::finished);
        test::answerNextDialog(
            [](QWidget* dialog) { test::clickButton(dialog, "Keep the Best Model and Quit"); });
        QVERIFY(!window.close());
        QVERIFY(finished.wait(60000));
        QVERIFY(finished.first().at(0).toBool());
        QCOMPARE(window.project()->runs().size(), 2);
        QVERIFY(window.project()->runs()[1].history.size() < 20000);
        QVERIFY(QFileInfo::exists(window.project()->runs()[1].modelFolder + "/model.json"));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 5000);
    }

    void stopAndQuitKeepsThePreviousModel() {
        if (!QFileInfo::exists(test::teachableMachineModelJson())) {
            QSKIP("shared Teachable Machine backbone not found");
        }
        MainWindow window;
        openDataset(window);
        window.show();
        useSmallTraining(window, 20000);
        window.trainPage()->startTraining();
        QVERIFY(window.trainingController()->isRunning());
        test::answerNextDialog([](QWidget* dialog) { test::clickButton(dialog, "Stop and Quit"); });
        QVERIFY(window.close());
        QVERIFY(window.project()->runs().isEmpty());
    }
};

QTEST_MAIN(TestProjectLifecycleUi)
#include "TestProjectLifecycleUi.moc"
