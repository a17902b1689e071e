// SPDX-License-Identifier: MIT
// A short training run driven through the window's own objects: the progress, the curves, the
// Results page (filters that follow the confusion matrix, corrected labels) and the Test page
// (summary, order, adding a tested photo to a class) must follow it.
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include "TestImages.h"
#include "TestPaths.h"
#include "models/ConfusionMatrixModel.h"
#include "models/DatasetModel.h"
#include "models/PredictionListModel.h"
#include "models/ProjectImporter.h"
#include "models/RunProgress.h"
#include "models/TrainingController.h"
#include "project/Project.h"
#include "widgets/AugmentationPage.h"
#include "widgets/DataPage.h"
#include "widgets/MainWindow.h"
#include "widgets/ResultsPage.h"
#include "widgets/TestPage.h"
#include "widgets/TestSummaryWidget.h"
#include "widgets/TrainPage.h"
#include "widgets/TrainingSettingsForm.h"

using namespace tl;

class TestTrainingUi : public QObject {
    Q_OBJECT
    QTemporaryDir tmp_;

private slots:
    void initTestCase() {
        QVERIFY(tmp_.isValid());
        qputenv("TRANSFERLAB_NO_DIALOGS", "1");
        for (const char* name : {"XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"}) {
            qputenv(name, tmp_.filePath(QString::fromLatin1(name).toLower()).toUtf8());
        }
        qputenv("TRANSFERLAB_PROJECTS_DIR", tmp_.filePath("projects").toUtf8());
        qputenv("TRANSFERLAB_SETTINGS", tmp_.filePath("settings.ini").toUtf8());
    }

    void trainFromTheWindow() {
        if (!QFileInfo::exists(test::teachableMachineModelJson())) {
            QSKIP("shared Teachable Machine backbone not found");
        }
        const QString dataset = tmp_.filePath("colors");
        test::writeColorImages(dataset, "blue", QColor(20, 40, 220), 12, 48);
        test::writeColorImages(dataset, "red", QColor(220, 30, 30), 12, 48);
        const QString unseen = tmp_.filePath("unseen");
        test::writeColorImages(unseen, "red", QColor(230, 20, 40), 3, 48);

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

        // A new project trains with the automatic recipe: the form says so and greys what the
        // recipe chooses.
        TrainingSettingsForm* form = window.trainPage()->settingsForm();
        QVERIFY(window.project()->settings().automatic);
        QVERIFY(form->isAutomatic());
        QVERIFY(!form->epochsSpin()->isEnabled());
        QVERIFY(!form->testTimeCombo()->isEnabled());
        QVERIFY(form->epochsSpin()->toolTip().contains("cross-validation"));
        QVERIFY(form->validationSpin()->isEnabled());
        // Custom gives the fields back, and the project keeps the choice.
        form->recipeCombo()->setCurrentIndex(1);
        QVERIFY(!form->isAutomatic());
        QVERIFY(!window.project()->settings().automatic);
        QVERIFY(form->epochsSpin()->isEnabled());
        QVERIFY(form->learningRateSpin()->isEnabled());
        QVERIFY(!form->epochsSpin()->toolTip().contains("cross-validation"));

        // A short custom run (the automatic recipe would choose its own epochs and size).
        TrainingSettings settings = window.project()->settings();
        settings.automatic = false;
        settings.backbone = test::teachableMachineDir().toStdString();
        settings.epochs = 3;
        settings.batchSize = 8;
        settings.inputSize = 96;
        window.project()->setSettings(settings);

        TrainingController* training = window.trainingController();
        QStringList counts;
        connect(training->progress(), &RunProgress::changed, this, [&] {
            const QString count = training->progress()->countText();
            if (!count.isEmpty() && (counts.isEmpty() || counts.last() != count)) {
                counts << count;
            }
        });
        QSignalSpy finished(training, &TrainingController::finished);
        window.trainPage()->startTraining();
        QVERIFY(training->isRunning());
        QVERIFY(!window.trainPage()->trainButton()->isEnabled());
        QVERIFY(!window.trainPage()->backboneCombo()->isEnabled());  // locked during the run
        QVERIFY(finished.wait(120000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        // One progress model: photos while extracting, then the epochs of the setting.
        QVERIFY2(counts.contains("24 of 24 photos"), qPrintable(counts.join(" | ")));
        QVERIFY2(counts.contains("Epoch 3 of 3"), qPrintable(counts.join(" | ")));
        for (const QString& count : counts) {
            QVERIFY2(!count.contains("of 4") && !count.contains("of 6"), qPrintable(count));
        }
        QVERIFY(window.trainPage()->estimateLabel()->text().startsWith("Took"));

        QCOMPARE(window.trainPage()->epochPointCount(), 3);
        QVERIFY(window.trainPage()->batchPointCount() >= 3);
        QVERIFY(window.trainPage()->trainButton()->isEnabled());
        QVERIFY(window.trainPage()->backboneCombo()->isEnabled());
        QCOMPARE(window.project()->runs().size(), 1);
        QVERIFY(QFileInfo::exists(window.project()->runs()[0].resultsFile));
        // Cross-validated figures reach the controller and the run record (runs compare by them).
        const CrossValidationSummary& cv = window.trainingController()->crossValidation();
        QCOMPARE(cv.folds, 5);
        QCOMPARE(window.project()->runs().front().crossValidationFolds, 5);
        QCOMPARE(window.project()->runs().front().crossValidatedAccuracy, cv.accuracyMean);
        QVERIFY(!window.trainingController()->calibration().note.empty());  // too few photos
        ResultsPage* results = window.resultsPage();
        QCOMPARE(results->confusionModel()->rowCount(), 2);
        // The Results page shows the k-fold figure beside the validation split's.
        const QString meanText = QString::number(cv.accuracyMean * 100, 'f', 1) + "% ± " +
                                 QString::number(cv.accuracySd * 100, 'f', 1) + "%";
        QVERIFY(results->crossValidationLabel()->isVisibleTo(results));
        const QString cvText = results->crossValidationLabel()->text();
        QVERIFY2(cvText.contains("k-fold cross-validated: " + meanText), qPrintable(cvText));
        QVERIFY2(cvText.contains("(5 folds)"), qPrintable(cvText));
        QVERIFY2(!cvText.contains("Automatic recipe"), qPrintable(cvText));  // a custom run
        // The Train page's run list compares runs by it.
        const QString runText = window.trainPage()->runList()->item(0)->text();
        QVERIFY2(runText.contains(meanText + " cross-validated"), qPrintable(runText));
        QVERIFY2(runText.contains("current model"), qPrintable(runText));
        QVERIFY(training->report().accuracy > 0.8);

        // A confusion-matrix cell sets the selectors to what the gallery shows.
        const EvaluationReport& report = training->report();
        results->confusionView()->setCurrentIndex(results->confusionModel()->index(1, 1));
        emit results->confusionView()->clicked(results->confusionModel()->index(1, 1));
        QCOMPARE(results->classSelector()->currentText(), QStringLiteral("red"));
        QCOMPARE(results->showSelector()->currentText(), QStringLiteral("Correct"));
        QCOMPARE(results->galleryModel()->rowCount(), report.confusion[1][1]);
        emit results->confusionView()->clicked(results->confusionModel()->index(0, 1));
        QCOMPARE(results->classSelector()->currentText(), QStringLiteral("blue"));
        QVERIFY(results->showSelector()->currentText().startsWith("False negatives"));
        QCOMPARE(results->galleryModel()->rowCount(), report.confusion[0][1]);

        // Fixing a label: the photo is marked, the page says the results predate the edit.
        results->showCell(1, 1);
        QListView* gallery = results->galleryView();
        QVERIFY(!results->relabelButton()->isEnabled());  // nothing selected
        gallery->setCurrentIndex(gallery->model()->index(0, 0));
        QVERIFY(results->relabelButton()->isEnabled());
        const QString fixed =
            gallery->model()->index(0, 0).data(PredictionListModel::PathRole).toString();
        const int row = window.project()->rowOf(fixed);
        window.dataPage()->selectPath(fixed);
        window.dataPage()->relabelSelected(0);
        QCOMPARE(window.project()->image(row).label, 0);
        QTRY_VERIFY(results->staleBanner()->isVisibleTo(results));
        QVERIFY(results->staleBanner()->text().contains("before your last label change"));
        QVERIFY(gallery->model()->index(0, 0).data(PredictionListModel::CorrectedRole).toBool());
        QVERIFY(results->galleryTitle()->text().contains("corrected"));
        QVERIFY(results->retrainButton()->isEnabled());
        window.undoStack()->undo();
        QTRY_VERIFY(!results->staleBanner()->isVisibleTo(results));

        // The Test page classifies new photos with the model just trained.
        TestPage* test = window.testPage();
        // With test-time augmentation chosen here rather than the model's default (off).
        QVERIFY(test->testTimeSelector()->itemText(0).startsWith("Model's default"));
        test->testTimeSelector()->setCurrentIndex(
            test->testTimeSelector()->findData(int(TestTimeAugmentation::Mirror)));
        QSignalSpy rows(test->model(), &QAbstractItemModel::rowsInserted);
        test->classify({dataset + "/red", unseen + "/red"});
        QVERIFY(rows.wait(30000));
        PredictionListModel* tested = test->model();
        QCOMPARE(tested->rowCount(), 15);
        QCOMPARE(tested->index(0).data(PredictionListModel::PredictedLabelRole).toInt(), 1);
        QVERIFY(test->summary()->isVisibleTo(test));
        QVERIFY2(test->summary()->countsLabel()->text().contains("15 photo"),
                 qPrintable(test->summary()->countsLabel()->text()));
        test->orderSelector()->setCurrentIndex(2);  // least confident first
        const double first = tested->index(0).data(PredictionListModel::ConfidenceRole).toDouble();
        const double last = tested->index(tested->rowCount() - 1)
                                .data(PredictionListModel::ConfidenceRole)
                                .toDouble();
        QVERIFY(first <= last);
        QString error;
        QVERIFY(test->exportCsv(tmp_.filePath("out.csv"), &error));
        QFile csv(tmp_.filePath("out.csv"));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().count('\n'), 16);

        // Add to class: a photo from outside joins the project by reference, where it is.
        const QString outside = QDir::cleanPath(unseen + "/red/red_000.png");
        const int outsideRow = tested->rowOfPath(outside);
        QVERIFY(outsideRow >= 0);
        test->view()->setCurrentIndex(tested->index(outsideRow));
        test->addSelectedToClass(1);
        QCOMPARE(window.project()->imageCount(), 25);
        QCOMPARE(window.project()->image(window.project()->rowOf(outside)).label, 1);
        QVERIFY(QFileInfo::exists(outside));
        QCOMPARE(QDir(unseen + "/red").entryList(QDir::Files).size(), 3);  // nothing written there
        QCOMPARE(
            tested->index(outsideRow).data(PredictionListModel::CurrentClassNameRole).toString(),
            QStringLiteral("red"));
        window.undoStack()->undo();
        QCOMPARE(window.project()->imageCount(), 24);
    }
};

QTEST_MAIN(TestTrainingUi)
#include "TestTrainingUi.moc"
