// SPDX-License-Identifier: MIT
#include <QDateTime>
#include <QFile>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QUndoStack>
#include <QUrl>
#include <QtTest>

#include "TestFiles.h"
#include "TestImages.h"
#include "TestPaths.h"
#include "backbones/BackboneStore.h"
#include "commands/AddClassCommand.h"
#include "commands/DeleteClassCommand.h"
#include "commands/MergeClassesCommand.h"
#include "commands/RelabelCommand.h"
#include "commands/RelinkPhotosCommand.h"
#include "commands/RenameClassCommand.h"
#include "commands/SetExcludedCommand.h"
#include "jobs/JobManager.h"
#include "models/BackboneChoiceList.h"
#include "models/ClassListModel.h"
#include "models/DatasetFilterModel.h"
#include "models/DatasetModel.h"
#include "models/PredictionListModel.h"
#include "models/PredictionSummary.h"
#include "models/Preferences.h"
#include "models/ProjectImporter.h"
#include "models/ResultsGalleryFilter.h"
#include "models/RunProgress.h"
#include "models/ThumbnailCache.h"
#include "models/TrainingController.h"
#include "models/UserMessages.h"
#include "project/Project.h"
#include "project/ProjectImport.h"

using namespace tl;

namespace {

ImagePrediction prediction(const QString& path, int truth, int predicted,
                           std::vector<double> probabilities) {
    ImagePrediction p;
    p.path = path.toStdString();
    p.trueLabel = truth;
    p.predictedLabel = predicted;
    p.probabilities = std::move(probabilities);
    return p;
}

// Three classes, each cell of the confusion matrix filled: true/predicted pairs.
EvaluationReport threeClassReport() {
    std::vector<ImagePrediction> items;
    const int pairs[][2] = {{0, 0}, {0, 0}, {0, 1}, {0, 2}, {1, 1}, {1, 0}, {2, 2}, {2, 1}};
    int i = 0;
    for (const auto& pair : pairs) {
        std::vector<double> p(3, 0.1);
        p[pair[1]] = 0.8;
        items.push_back(prediction(QStringLiteral("/photos/%1.jpg").arg(i++), pair[0], pair[1], p));
    }
    return EvaluationReport::compute({"cat", "dog", "fox"}, items);
}

}  // namespace

// The item models, undo commands and controllers of ui/models and ui/commands, without any
// widget: this test links transferlab_models, not QtWidgets.
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
        // Settings and folders of this test only.
        qputenv("TRANSFERLAB_SETTINGS", tmp_.filePath("settings.ini").toUtf8());
        qputenv("XDG_CONFIG_HOME", tmp_.filePath("config").toUtf8());
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

    void newProjectsTrainWithTheAutomaticRecipe() {
        Project project;
        QVERIFY(project.settings().automatic);
        QVERIFY(project.settings().calibrate);
        // A custom choice is saved and read back as it was (older projects keep theirs).
        TrainingSettings custom = project.settings();
        custom.automatic = false;
        custom.epochs = 7;
        project.setSettings(custom);
        const QString file = tmp_.filePath("custom/" + QString(Project::kFileName));
        QVERIFY(project.saveAs(file));
        Project reloaded;
        reloaded.load(file);
        QVERIFY(!reloaded.settings().automatic);
        QCOMPARE(reloaded.settings().epochs, 7);
        reloaded.clear();  // what a new project starts from
        QVERIFY(reloaded.settings().automatic);
    }

    void runResultsKeepCrossValidationAndCalibration() {
        RunResults results;
        results.report = threeClassReport();
        QVERIFY(!results.hasRunDetails());
        results.crossValidation.folds = 5;
        results.crossValidation.accuracyMean = 0.931;
        results.crossValidation.accuracySd = 0.02;
        results.crossValidation.perClassRecall = {0.9, 0.95, 0.875};
        results.calibration.fitted = true;
        results.calibration.temperature = 1.5;
        results.calibration.eceBefore = 0.08;
        results.calibration.eceAfter = 0.025;
        results.calibration.eceAfterFloor = 0.021;
        results.automaticRecipe.ran = true;
        AutoRecipeTrial trial;
        trial.inputSize = 224;
        trial.epochs = 30;
        results.automaticRecipe.trials = {trial};
        results.automaticRecipe.chosen = 0;
        const QString file = tmp_.filePath("results/details.json");
        results.save(file);
        const RunResults loaded = RunResults::load(file);
        QVERIFY(loaded.hasRunDetails());
        QCOMPARE(loaded.crossValidation.folds, 5);
        QCOMPARE(loaded.crossValidation.accuracyMean, 0.931);
        QCOMPARE(loaded.crossValidation.accuracySd, 0.02);
        QVERIFY(loaded.crossValidation.perClassRecall == results.crossValidation.perClassRecall);
        QVERIFY(loaded.calibration.fitted);
        QCOMPARE(loaded.calibration.temperature, 1.5);
        QCOMPARE(loaded.calibration.eceBefore, 0.08);
        QCOMPARE(loaded.calibration.eceAfter, 0.025);
        QCOMPARE(loaded.calibration.eceAfterFloor, 0.021);
        QVERIFY(loaded.automaticRecipe.ran);
        QCOMPARE(loaded.automaticRecipe.chosen, 0);
        QCOMPARE(int(loaded.automaticRecipe.trials.size()), 1);
        QCOMPARE(loaded.automaticRecipe.trials.front().inputSize, 224);
        // A run without them, like a file written before they were kept, reads back without.
        RunResults plain;
        plain.report = threeClassReport();
        plain.save(tmp_.filePath("results/plain.json"));
        const RunResults plainLoaded = RunResults::load(tmp_.filePath("results/plain.json"));
        QVERIFY(!plainLoaded.hasRunDetails());
        QVERIFY(!plainLoaded.crossValidation.available());
        QVERIFY(!plainLoaded.automaticRecipe.ran);
    }

    void relinkPhotosUndo() {
        Project project;
        QUndoStack stack;
        fill(project, stack);
        const QString old = project.image(0).path;
        const QString moved = tmp_.filePath("moved/blue_000.png");
        QDir().mkpath(tmp_.filePath("moved"));
        QVERIFY(QFile::copy(old, moved));
        stack.push(new RelinkPhotosCommand(&project, {{old, QDir::cleanPath(moved)}}));
        QCOMPARE(project.image(0).path, QDir::cleanPath(moved));
        QCOMPARE(project.rowOf(QDir::cleanPath(moved)), 0);
        QCOMPARE(project.image(0).label, 0);
        stack.undo();
        QCOMPARE(project.image(0).path, old);
        QCOMPARE(project.rowOf(old), 0);
    }

    void galleryFilterFollowsTheConfusionMatrix() {
        const EvaluationReport report = threeClassReport();
        const QStringList names{"cat", "dog", "fox"};
        // Off the diagonal with three classes: "cat predicted as fox", one photo.
        ResultsGalleryFilter cell = ResultsGalleryFilter::forCell(0, 2, 3);
        QCOMPARE(cell.kind, ResultsGalleryFilter::Kind::PredictedAs);
        QCOMPARE(cell.select(report).size(), std::size_t(1));
        const auto options = ResultsGalleryFilter::options(names, 0);
        QVERIFY(cell.optionIndex(options) >= 0);
        QCOMPARE(options[cell.optionIndex(options)].text, QStringLiteral("Predicted as fox"));
        QCOMPARE(cell.title(names, 1), QStringLiteral("1 photo(s) of cat predicted as fox"));
        // On the diagonal: the correct ones.
        ResultsGalleryFilter diagonal = ResultsGalleryFilter::forCell(0, 0, 3);
        QCOMPARE(diagonal.kind, ResultsGalleryFilter::Kind::Correct);
        QCOMPARE(diagonal.select(report).size(), std::size_t(2));
        // False negatives and positives of dog; every mistake.
        ResultsGalleryFilter dog;
        dog.classIndex = 1;
        QCOMPARE(dog.select(report).size(), std::size_t(1));
        dog.kind = ResultsGalleryFilter::Kind::FalsePositives;
        QCOMPARE(dog.select(report).size(), std::size_t(2));
        dog.kind = ResultsGalleryFilter::Kind::AllMistakes;
        QCOMPARE(dog.select(report).size(), report.misclassified().size());
        // Two classes: the cell off the diagonal is exactly the false negatives.
        QCOMPARE(ResultsGalleryFilter::forCell(1, 0, 2).kind,
                 ResultsGalleryFilter::Kind::FalseNegatives);
        QCOMPARE(ResultsGalleryFilter::options({"a", "b"}, 0).size(), 4);
    }

    void predictionsShowCorrectionsAndSort() {
        Project project;
        QUndoStack stack;
        fill(project, stack);
        const QString blue = project.image(0).path;
        const QString red = project.image(8).path;
        PredictionListModel model(nullptr);
        model.setProject(&project);
        model.setClassNames({"blue", "red"});
        model.setPredictions(
            {prediction(blue, 0, 1, {0.3, 0.7}), prediction(red, 1, 1, {0.05, 0.95})});
        QCOMPARE(model.index(0).data(PredictionListModel::PathRole).toString(), red);  // surest
        QVERIFY(!model.index(1).data(PredictionListModel::CorrectedRole).toBool());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        stack.push(new RelabelCommand(&project, {blue}, 1));
        QVERIFY(!changed.isEmpty());
        QVERIFY(model.index(1).data(PredictionListModel::CorrectedRole).toBool());
        QCOMPARE(model.index(1).data(PredictionListModel::CurrentClassNameRole).toString(),
                 QStringLiteral("red"));
        QCOMPARE(model.correctedCount(), 1);
        stack.undo();
        QCOMPARE(model.correctedCount(), 0);
        stack.push(new SetExcludedCommand(&project, {red}, true));
        QVERIFY(model.index(0).data(PredictionListModel::ExcludedRole).toBool());
        QVERIFY(model.index(0).data(PredictionListModel::CorrectedRole).toBool());

        // The Test page's orders: as added, most or least confident first.
        PredictionListModel tested(nullptr);
        tested.setClassNames({"blue", "red"});
        tested.appendPredictions({prediction("/t/a.jpg", -1, 0, {0.6, 0.4}),
                                  prediction("/t/b.jpg", -1, 1, {0.01, 0.99})});
        tested.appendPredictions({prediction("/t/c.jpg", -1, 0, {0.8, 0.2})});
        auto paths = [&tested] {
            QStringList list;
            for (int row = 0; row < tested.rowCount(); ++row) {
                list << QFileInfo(tested.index(row).data(PredictionListModel::PathRole).toString())
                            .fileName();
            }
            return list;
        };
        QCOMPARE(paths(), QStringList({"a.jpg", "b.jpg", "c.jpg"}));
        tested.setOrder(PredictionListModel::Order::LeastConfidentFirst);
        QCOMPARE(paths(), QStringList({"a.jpg", "c.jpg", "b.jpg"}));
        tested.setOrder(PredictionListModel::Order::MostConfidentFirst);
        tested.appendPredictions({prediction("/t/d.jpg", -1, 1, {0.1, 0.9})});
        QCOMPARE(paths(), QStringList({"b.jpg", "d.jpg", "c.jpg", "a.jpg"}));
        tested.setOrder(PredictionListModel::Order::Added);
        QCOMPARE(paths(), QStringList({"a.jpg", "b.jpg", "c.jpg", "d.jpg"}));
        // A photo of the test added to the project is known as such.
        QCOMPARE(tested.index(0).data(PredictionListModel::CurrentLabelRole).toInt(),
                 PredictionListModel::kNotInProject);
    }

    void predictionSummaryCountsAndHistogram() {
        const PredictionSummary summary = PredictionSummary::of(
            {prediction("/a", -1, 0, {0.95, 0.05}), prediction("/b", -1, 0, {0.55, 0.45}),
             prediction("/c", -1, 1, {0.0, 1.0}), prediction("/d", -1, 5, {1.0})},
            2);
        QCOMPARE(summary.total, 3);  // the one with an unknown class is left out
        QCOMPARE(summary.countPerClass, QVector<int>({2, 1}));
        QCOMPARE(summary.meanConfidencePerClass[0], 0.75);
        QCOMPARE(summary.uncertain, 1);
        QCOMPARE(summary.confidenceHistogram[9], 2);  // 0.95 and 1.0
        QCOMPARE(summary.confidenceHistogram[5], 1);
    }

    void runProgressCountsPhasesAndEstimatesTheWholeRun() {
        double now = 0;
        RunProgress progress;
        progress.setClock([&now] { return now; });
        TrainingSettings settings;
        settings.epochs = 50;
        settings.fineTuneBlocks = 2;
        settings.fineTuneEpochs = 5;
        progress.start(settings, 100);
        QCOMPARE(progress.secondsLeft() > 0, true);  // an estimate from defaults already
        progress.setPhase("extracting-features");
        now = 10;
        progress.setPhaseFraction(0.5);
        QCOMPARE(progress.countText(), QStringLiteral("50 of 100 photos"));
        // Half the photos in 10 s: 10 s of extraction left, and fine-tuning's share on top.
        const double duringExtraction = progress.secondsLeft();
        QVERIFY2(duringExtraction > 10 + 5 * 0.2 * (3 * 80),
                 qPrintable(QString::number(duringExtraction)));
        now = 20;
        progress.setPhase("training");
        for (int epoch = 1; epoch <= 50; ++epoch) {
            for (int batch = 1; batch <= 3; ++batch) {
                now += 0.01;
                progress.addBatch({epoch, batch, 3, 0.5, 0.8});
            }
            EpochMetrics metrics;
            metrics.epoch = epoch;
            progress.addEpoch(metrics);
            if (epoch == 10) {
                QCOMPARE(progress.countText(), QStringLiteral("Epoch 10 of 50"));
            }
        }
        progress.setPhase("fine-tuning");
        // The head is done, fine-tuning has not begun: never "0 s left".
        QVERIFY(progress.secondsLeft() > 30);
        QVERIFY(progress.estimateText().contains("min"));
        now += 4;
        progress.addBatch({51, 1, 3, 0.4, 0.9});
        QCOMPARE(progress.countText(), QStringLiteral("Epoch 1 of 5"));
        QCOMPARE(progress.headEpochsDone(), 50);
        // 4 s per batch, 3 batches per epoch, 5 epochs, one batch done.
        QCOMPARE(progress.secondsLeft(), 14 * 4.0);
        QVERIFY(progress.overallFraction() > 0 && progress.overallFraction() < 1);
        progress.finish();
        QCOMPARE(progress.secondsLeft(), 0.0);
    }

    void backboneListShowsUsableFirstWithTheirSize() {
        if (!QFileInfo::exists(test::teachableMachineModelJson())) {
            QSKIP("shared Teachable Machine backbone not found");
        }
        QTemporaryDir storeDir;
        BackboneStore store;
        store.setDirectory(storeDir.path());
        store.setDownloadsAllowed(false);
        store.importModel(test::teachableMachineDir(), "tm");
        const QVector<BackboneChoice> choices =
            BackboneChoiceList::build(store, {test::teachableMachineDir()});
        QVERIFY(choices.size() > 3);
        QCOMPARE(choices[0].reference, QStringLiteral("tm"));
        QCOMPARE(choices[0].label, QStringLiteral("MobileNetV2 0.35, 224 px"));
        QCOMPARE(choices[0].inputSize, 224);
        QVERIFY(choices[0].usable);
        QVERIFY(!choices[0].label.contains("imported"));  // said once, in the status
        QVERIFY(choices[0].status.contains("imported"));
        QCOMPARE(choices[1].kind, BackboneChoice::Kind::Local);
        bool seenDownloadable = false;
        for (const BackboneChoice& choice : choices) {
            QVERIFY2(!seenDownloadable || !choice.usable, "usable after downloadable");
            seenDownloadable = seenDownloadable || !choice.usable;
            if (choice.kind == BackboneChoice::Kind::Catalogue) {
                QVERIFY(choice.label.endsWith(QStringLiteral(", %1 px").arg(choice.inputSize)));
            }
        }
        QVERIFY(seenDownloadable);
    }

    void guiMessagesNeverGiveCommandLineAdvice() {
        const BackboneStore store;
        const BackboneCatalogEntry& entry = store.catalog().defaultEntry();
        const QString raw = store.unavailableMessage(entry, "no network");
        QVERIFY(raw.contains("transferlab-cli"));
        const QString shown = UserMessages::describe(ErrorKind::BackboneUnavailable, raw);
        QVERIFY2(
            !shown.contains("transferlab-cli") && !shown.contains("--") && !shown.contains('\n'),
            qPrintable(shown));
        QVERIFY(shown.contains("not on this computer"));
        const QString offline = UserMessages::describe(
            ErrorKind::Network,
            "cannot reach https://example.org/x.csv: Connection refused; pass --data DIR or "
            "place the CSV files in /tmp/cache");
        QVERIFY2(!offline.contains("--data") && offline.contains("Connection refused") &&
                     offline.startsWith("No internet connection"),
                 qPrintable(offline));
        QCOMPARE(UserMessages::describe(ErrorKind::InvalidInput, "unknown class 'Alpacca'"),
                 QStringLiteral("Unknown class 'Alpacca'"));
    }

    void recentProjectsAreListedOnce() {
        Preferences preferences(tmp_.filePath("recent.ini"));
        const QString file = tmp_.filePath("lib/a/transferlab-project.json");
        QDir().mkpath(tmp_.filePath("lib/a"));
        test::writeAll(file, "{}");
        preferences.addRecentProject(file);
        preferences.addRecentProject(tmp_.filePath("lib/b/transferlab-project.json"));
        preferences.addRecentProject(tmp_.filePath("lib/a/../a/transferlab-project.json"));
        QCOMPARE(preferences.recentProjects().size(), 2);
        QCOMPARE(preferences.recentProjects().first(), QDir::cleanPath(file));
        preferences.removeRecentProject(file);
        QCOMPARE(preferences.recentProjects().size(), 1);
        QVERIFY(preferences.reopenLastProject());  // on unless turned off
    }

    void legacySettingsMoveIntoTheNewFile() {
        {
            QSettings legacy(QSettings::NativeFormat, QSettings::UserScope, "TransferLab",
                             "TransferLab");
            legacy.setValue("window/page", 3);
            legacy.setValue("recentProjects",
                            QStringList{"/data/photos/alpaca",
                                        "/old/TransferLab/TransferLab/autosave/alpaca-0123.json",
                                        "/gone/elsewhere.json"});
        }
        Preferences preferences(tmp_.filePath("migrated.ini"));
        const QHash<QString, QString> moved{
            {"/new/TransferLab/autosave/alpaca-0123.json", "/docs/TransferLab/alpaca/p.json"},
            {"/data/photos/alpaca", "/docs/TransferLab/alpaca/p.json"}};
        QVERIFY(preferences.migrateLegacySettings(moved));
        QCOMPARE(preferences.settings().value("window/page").toInt(), 3);
        QCOMPARE(preferences.recentProjects(), QStringList{"/docs/TransferLab/alpaca/p.json"});
        QSettings legacy(QSettings::NativeFormat, QSettings::UserScope, "TransferLab",
                         "TransferLab");
        QVERIFY(legacy.allKeys().isEmpty());
        QVERIFY(!preferences.migrateLegacySettings(moved));  // once
    }

    void trainingNeedsPhotosInTwoClassesFirst() {
        Project project;
        JobManager jobs;
        TrainingController controller(&project, &jobs);
        QString why;
        QVERIFY(!controller.isReady(&why));
        QVERIFY2(why.startsWith("Add photos"), qPrintable(why));
        QVERIFY(!controller.start(&why));
        QVERIFY(why.startsWith("Add photos"));
        project.insertClass(0, "a");
        project.addImages({{dataset_ + "/blue/blue_000.png", 0, false}});
        QVERIFY(!controller.isReady(&why));
        QVERIFY2(why.contains("two classes"), qPrintable(why));
        QVERIFY(!controller.isRunning());
        QCOMPARE(controller.modelState(), TrainingController::ModelState::None);
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

    void thumbnailDiskCacheStaysUnderItsLimit() {
        QTemporaryDir cache;
        // Three thumbnails from earlier sessions, oldest first, and a file that is not one. Each
        // takes ten 4 KiB blocks, so the one this session writes cannot tip the balance.
        const QStringList old{QString(40, 'a') + ".jpg", QString(40, 'b') + ".jpg",
                              QString(40, 'c') + ".jpg"};
        for (int i = 0; i < old.size(); ++i) {
            QFile file(cache.filePath(old[i]));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(10 * 4096, 'x'));
            QVERIFY(file.flush());  // a later flush would stamp the time again
            QVERIFY(file.setFileTime(QDateTime::currentDateTime().addDays(-10 + i),
                                     QFileDevice::FileModificationTime));
        }
        QFile other(cache.filePath("keep-me.jpg"));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write(QByteArray(5000, 'x'));
        other.close();

        ThumbnailCache thumbnails(48);
        thumbnails.setDiskCacheFolder(cache.path());
        thumbnails.setDiskCacheLimit(25 * 4096, 15 * 4096);
        thumbnails.thumbnail(dataset_ + "/blue/blue_000.png");  // the session's first request
        thumbnails.waitForIdle();
        QThreadPool::globalInstance()->waitForDone();
        QVERIFY(!QFile::exists(cache.filePath(old[0])));
        QVERIFY(!QFile::exists(cache.filePath(old[1])));
        QVERIFY(QFile::exists(cache.filePath(old[2])));
        QVERIFY(QFile::exists(cache.filePath("keep-me.jpg")));
    }
};

QTEST_MAIN(TestProjectModels)
#include "TestProjectModels.moc"
