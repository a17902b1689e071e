// SPDX-License-Identifier: MIT
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "TestImages.h"
#include "TestPaths.h"
#include "models/ConfusionMatrixModel.h"
#include "models/DatasetModel.h"
#include "models/PredictionListModel.h"
#include "models/ProjectImporter.h"
#include "models/TrainingController.h"
#include "project/Project.h"
#include "widgets/AugmentationPage.h"
#include "widgets/DataPage.h"
#include "widgets/MainWindow.h"
#include "widgets/ResultsPage.h"
#include "widgets/TestPage.h"
#include "widgets/TrainPage.h"

using namespace tl;

// A short training run driven through the window's own objects: the plot and the results
// gallery must follow it.
class TestTrainingUi : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() {
        qputenv("TRANSFERLAB_NO_DIALOGS", "1");
        QStandardPaths::setTestModeEnabled(true);
    }

    void trainFromTheWindow() {
        if (!QFileInfo::exists(test::teachableMachineModelJson())) {
            QSKIP("shared Teachable Machine backbone not found");
        }
        QTemporaryDir tmp;
        const QString dataset = tmp.filePath("colors");
        test::writeColorImages(dataset, "blue", QColor(20, 40, 220), 12, 48);
        test::writeColorImages(dataset, "red", QColor(220, 30, 30), 12, 48);

        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QSignalSpy imported(window.importer(), &ProjectImporter::imported);
        QVERIFY(window.openPath(dataset));
        QVERIFY(imported.wait(10000));
        QCOMPARE(window.project()->imageCount(), 24);

        // The augmentation preview renders through the trainer's Augmenter.
        window.dataPage()->grid()->setCurrentIndex(window.dataPage()->grid()->model()->index(0, 0));
        QTRY_VERIFY_WITH_TIMEOUT(
            window.augmentationPage()->isIdle() &&
                window.augmentationPage()->variants().size() == AugmentationPage::kViews,
            10000);

        TrainingSettings settings = window.project()->settings();
        settings.backbone = test::teachableMachineDir().toStdString();
        settings.epochs = 3;
        settings.batchSize = 8;
        settings.inputSize = 96;
        window.project()->setSettings(settings);

        QSignalSpy finished(window.trainingController(), &TrainingController::finished);
        window.trainPage()->startTraining();
        QVERIFY(window.trainingController()->isRunning());
        QVERIFY(!window.trainPage()->trainButton()->isEnabled());
        QVERIFY(finished.wait(120000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));

        QCOMPARE(window.trainPage()->epochPointCount(), 3);
        QVERIFY(window.trainPage()->batchPointCount() >= 3);
        QVERIFY(window.trainPage()->trainButton()->isEnabled());
        QCOMPARE(window.project()->runs().size(), 1);
        // Cross-validated figures reach the controller and the run record (runs compare by them).
        const CrossValidationSummary& cv = window.trainingController()->crossValidation();
        QCOMPARE(cv.folds, 5);
        QCOMPARE(window.project()->runs().front().crossValidationFolds, 5);
        QCOMPARE(window.project()->runs().front().crossValidatedAccuracy, cv.accuracyMean);
        QVERIFY(!window.trainingController()->calibration().note.empty());  // too few photos
        QCOMPARE(window.resultsPage()->confusionModel()->rowCount(), 2);
        QVERIFY(window.trainingController()->report().accuracy > 0.8);
        // The gallery holds the mistakes (none are expected on red vs blue) and a cell click
        // shows its photos.
        const EvaluationReport& report = window.trainingController()->report();
        QCOMPARE(window.resultsPage()->galleryModel()->rowCount(),
                 static_cast<int>(report.falseNegatives(0).size()));
        window.resultsPage()->showCell(0, 0);
        QCOMPARE(window.resultsPage()->galleryModel()->rowCount(), report.confusion[0][0]);
        QVERIFY(window.resultsPage()->galleryModel()->rowCount() > 0);

        // The Test page classifies new photos with the model just trained.
        QSignalSpy rows(window.testPage()->model(), &QAbstractItemModel::rowsInserted);
        window.testPage()->classify({dataset + "/red"});
        QVERIFY(rows.wait(30000));
        PredictionListModel* tested = window.testPage()->model();
        QCOMPARE(tested->rowCount(), 12);
        QCOMPARE(tested->index(0).data(PredictionListModel::PredictedLabelRole).toInt(), 1);
        QString error;
        QVERIFY(window.testPage()->exportCsv(tmp.filePath("out.csv"), &error));
        QFile csv(tmp.filePath("out.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().count('\n'), 13);
    }
};

QTEST_MAIN(TestTrainingUi)
#include "TestTrainingUi.moc"
