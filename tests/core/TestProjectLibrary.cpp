// SPDX-License-Identifier: MIT
// The desktop app's project files outside the widgets: the project library, start-page
// summaries, run results, the move of 0.x autosaved projects, relinking moved photos and the
// export of labelled photos.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "TestFiles.h"
#include "project/FolderMove.h"
#include "project/LabelledPhotoExportJob.h"
#include "project/LegacyProjectMigration.h"
#include "project/PhotoRelink.h"
#include "project/Project.h"
#include "project/ProjectLibrary.h"
#include "project/ProjectSummary.h"
#include "project/RunResults.h"
#include "support/Errors.h"

using namespace tl;

namespace {

// A few small files standing for photos (the export never decodes them).
QStringList writePhotos(const QString& folder, const QString& prefix, int count) {
    QDir().mkpath(folder);
    QStringList paths;
    for (int i = 0; i < count; ++i) {
        const QString path = QDir(folder).filePath(QStringLiteral("%1_%2.jpg").arg(prefix).arg(i));
        test::writeAll(path, QByteArray("photo ") + QByteArray::number(i) + prefix.toUtf8());
        paths.push_back(QDir::cleanPath(path));
    }
    return paths;
}

Project* projectWith(const QStringList& alpacas, const QStringList& others, QObject* parent) {
    auto* project = new Project(parent);
    project->setAutosaveEnabled(false);
    project->insertClass(0, "alpaca");
    project->insertClass(1, "not alpaca");
    QVector<ProjectImage> images;
    for (const QString& path : alpacas) {
        images.push_back({path, 0, false});
    }
    for (const QString& path : others) {
        images.push_back({path, 1, false});
    }
    project->addImages(images);
    return project;
}

EvaluationReport twoClassReport(const QStringList& paths) {
    std::vector<ImagePrediction> predictions;
    for (int i = 0; i < paths.size(); ++i) {
        ImagePrediction p;
        p.path = paths[i].toStdString();
        p.trueLabel = i % 2;
        p.predictedLabel = i == 0 ? 1 : i % 2;  // one mistake
        p.probabilities =
            p.predictedLabel == 0 ? std::vector<double>{0.9, 0.1} : std::vector<double>{0.2, 0.8};
        predictions.push_back(p);
    }
    return EvaluationReport::compute({"alpaca", "not alpaca"}, predictions);
}

}  // namespace

class TestProjectLibrary : public QObject {
    Q_OBJECT
private slots:
    void newFoldersAreUniqueAndNamed() {
        QTemporaryDir tmp;
        const ProjectLibrary library(tmp.filePath("TransferLab"));
        const QString first = library.newProjectFolder("alpaca");
        QCOMPARE(QFileInfo(first).fileName(), QStringLiteral("alpaca"));
        QVERIFY(QDir().mkpath(first));
        QCOMPARE(QFileInfo(library.newProjectFolder("alpaca")).fileName(),
                 QStringLiteral("alpaca 2"));
        QCOMPARE(QFileInfo(library.newProjectFolder("a/b:c")).fileName(), QStringLiteral("a_b_c"));
        QCOMPARE(QFileInfo(library.newProjectFolder("..")).fileName(), QStringLiteral("Project"));
        QCOMPARE(ProjectLibrary::displayName(ProjectLibrary::projectFile(first)),
                 QStringLiteral("alpaca"));
    }

    void findsTheProjectOfADatasetFolder() {
        QTemporaryDir tmp;
        const ProjectLibrary library(tmp.filePath("library"));
        const QString dataset = tmp.filePath("photos/alpaca-set");
        writePhotos(dataset + "/alpaca", "a", 2);
        Project project;
        project.setAutosaveEnabled(false);
        project.addDatasetRoot(dataset);
        const QString folder = library.newProjectFolder("alpaca-set");
        QVERIFY(project.saveAs(ProjectLibrary::projectFile(folder)));
        QCOMPARE(library.projectFiles(), QStringList{ProjectLibrary::projectFile(folder)});
        QCOMPARE(library.projectForDataset(dataset), ProjectLibrary::projectFile(folder));
        QCOMPARE(library.projectForDataset(dataset + "/"), ProjectLibrary::projectFile(folder));
        QVERIFY(library.projectForDataset(tmp.filePath("photos")).isEmpty());
    }

    void summaryReadsCountsAndAccuracy() {
        QTemporaryDir tmp;
        const QStringList alpacas = writePhotos(tmp.filePath("p/alpaca"), "a", 3);
        const QStringList others = writePhotos(tmp.filePath("p/other"), "o", 2);
        std::unique_ptr<Project> project(projectWith(alpacas, others, nullptr));
        project->setExcluded(0, true);
        project->addImages({{tmp.filePath("p/loose.jpg"), -1, false}});
        TrainingRunRecord run;
        run.name = "Run 1";
        run.validationAccuracy = 0.875;
        project->addRun(run);
        QVERIFY(project->saveAs(tmp.filePath("library/p/transferlab-project.json")));

        const ProjectSummary summary = ProjectSummary::read(project->filePath());
        QVERIFY2(summary.isReadable(), qPrintable(summary.error));
        QCOMPARE(summary.name, QStringLiteral("p"));
        QCOMPARE(summary.classNames, QStringList({"alpaca", "not alpaca"}));
        QCOMPARE(summary.countPerClass, QVector<int>({2, 2}));
        QCOMPARE(summary.unlabeledCount, 1);
        QCOMPARE(summary.photoCount, 6);
        QCOMPARE(summary.accuracy, 0.875);
        QCOMPARE(summary.samplePhotos.size(), 2);
        QCOMPARE(summary.samplePhotos.first(), alpacas[1]);  // the first not excluded

        test::writeAll(tmp.filePath("broken.json"), "{ not json");
        QVERIFY(!ProjectSummary::read(tmp.filePath("broken.json")).isReadable());
        QVERIFY(!ProjectSummary::read(tmp.filePath("missing.json")).isReadable());
    }

    void runResultsRoundTripAndTellEdits() {
        QTemporaryDir tmp;
        const QStringList alpacas = writePhotos(tmp.filePath("alpaca"), "a", 2);
        const QStringList others = writePhotos(tmp.filePath("other"), "o", 2);
        std::unique_ptr<Project> project(projectWith(alpacas, others, nullptr));
        RunResults results;
        results.report = twoClassReport({alpacas[0], others[0], alpacas[1], others[1]});
        results.report.loss = 0.25;
        results.labelsAtTraining = RunResults::labelsOf(*project);
        const QString file = tmp.filePath("results/run.json");
        results.save(file);

        const RunResults loaded = RunResults::load(file);
        QCOMPARE(loaded.report.predictions.size(), std::size_t(4));
        QCOMPARE(loaded.report.accuracy, results.report.accuracy);
        QCOMPARE(loaded.report.confusion, results.report.confusion);
        QCOMPARE(loaded.report.loss, 0.25);
        QCOMPARE(loaded.labelsAtTraining.size(), 4);
        QVERIFY(loaded.changedPhotos(*project).isEmpty());

        // A relabel, an exclusion and a new labelled photo are changes since the run.
        project->setLabel(project->rowOf(alpacas[0]), 1);
        project->setExcluded(project->rowOf(others[1]), true);
        project->addImages({{tmp.filePath("new.jpg"), 0, false}});
        QStringList changed = loaded.changedPhotos(*project);
        changed.sort();
        QStringList expected{alpacas[0], others[1], QDir::cleanPath(tmp.filePath("new.jpg"))};
        expected.sort();
        QCOMPARE(changed, expected);
    }

    void runResultsRejectDamagedFiles() {
        QTemporaryDir tmp;
        const QString file = tmp.filePath("r.json");
        RunResults results;
        results.report = twoClassReport({"/a.jpg", "/b.jpg"});
        results.save(file);
        QJsonObject root = QJsonDocument::fromJson(test::readAll(file)).object();
        QJsonArray predictions = root["predictions"].toArray();
        QJsonObject first = predictions[0].toObject();
        first["predicted"] = 7;  // no such class
        predictions[0] = first;
        root["predictions"] = predictions;
        test::writeAll(file, QJsonDocument(root).toJson());
        try {
            RunResults::load(file);
            QFAIL("a prediction out of range was accepted");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::CorruptFile);
        }
        test::writeAll(file, R"({"format":"something-else"})");
        try {
            RunResults::load(file);
            QFAIL("another format was accepted");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::UnsupportedFormat);
        }
    }

    void projectKeepsRunsModelsAndTheCurrentRun() {
        QTemporaryDir tmp;
        Project project;
        project.setAutosaveEnabled(false);
        QVERIFY(project.saveAs(tmp.filePath("p/transferlab-project.json")));
        for (int i = 0; i < 2; ++i) {
            TrainingRunRecord run;
            run.name = QStringLiteral("Run %1").arg(i + 1);
            run.modelFolder = tmp.filePath(QStringLiteral("p/models/m%1").arg(i));
            run.resultsFile = tmp.filePath(QStringLiteral("p/results/m%1.json").arg(i));
            run.inputSize = 224;
            project.addRun(run);
        }
        QCOMPARE(project.currentRun(), 1);
        project.setCurrentRun(0);
        QVERIFY(project.save());
        // Paths inside the project folder are stored relative: the folder can move.
        QVERIFY(!QString::fromUtf8(test::readAll(project.filePath())).contains(tmp.path()));
        QVERIFY(QDir().rename(tmp.filePath("p"), tmp.filePath("moved")));
        Project reloaded;
        reloaded.load(tmp.filePath("moved/transferlab-project.json"));
        QCOMPARE(reloaded.runs().size(), 2);
        QCOMPARE(reloaded.currentRun(), 0);
        QCOMPARE(reloaded.runs()[1].modelFolder, QDir::cleanPath(tmp.filePath("moved/models/m1")));
        QCOMPARE(reloaded.runs()[1].resultsFile,
                 QDir::cleanPath(tmp.filePath("moved/results/m1.json")));
        QCOMPARE(reloaded.runs()[1].inputSize, 224);
        QCOMPARE(reloaded.name(), QStringLiteral("moved"));
    }

    void legacyAutosavedProjectsMoveIntoTheLibrary() {
        QTemporaryDir tmp;
        // A 0.x data folder: an autosave file, its model, and an unrelated file of the user's.
        const QString oldData = tmp.filePath("old/TransferLab/TransferLab");
        const QString newData = tmp.filePath("old/TransferLab");
        const QString dataset = tmp.filePath("photos/alpaca-set");
        const QStringList alpacas = writePhotos(dataset + "/alpaca", "a", 2);
        QVERIFY(QDir().mkpath(newData + "/autosave/models/20240101-120000"));
        test::writeAll(newData + "/autosave/models/20240101-120000/model.json", "{}");
        test::writeAll(newData + "/autosave/notes.txt", "mine");
        const QJsonObject project{
            {"format", "transferlab-project"},
            {"version", 1},
            {"classes", QJsonArray{"alpaca"}},
            {"datasetRoots", QJsonArray{dataset}},
            {"images", QJsonArray{QJsonObject{{"path", alpacas[0]}, {"label", 0}},
                                  QJsonObject{{"path", alpacas[1]}, {"label", 0}}}},
            {"runs", QJsonArray{QJsonObject{
                         {"name", "Run 1"},
                         {"modelFolder", oldData + "/autosave/models/20240101-120000"}}}}};
        test::writeAll(newData + "/autosave/alpaca-set-0123456789abcdef.json",
                       QJsonDocument(project).toJson());
        test::writeAll(newData + "/autosave/other.json", R"({"format":"not ours"})");

        const ProjectLibrary library(tmp.filePath("Documents/TransferLab"));
        const auto result =
            LegacyProjectMigration::run(newData + "/autosave", library, {{oldData, newData}});
        QVERIFY2(result.problems.isEmpty(), qPrintable(result.problems.join('\n')));
        const QString moved =
            tmp.filePath("Documents/TransferLab/alpaca-set/transferlab-project.json");
        QCOMPARE(result.projectFiles.value(
                     QDir::cleanPath(newData + "/autosave/alpaca-set-0123456789abcdef.json")),
                 moved);
        QCOMPARE(result.datasetFolders.value(QDir::cleanPath(dataset)), moved);
        Project reopened;
        reopened.load(moved);
        QCOMPARE(reopened.imageCount(), 2);
        QCOMPARE(reopened.runs().size(), 1);
        QCOMPARE(reopened.runs()[0].modelFolder,
                 QDir::cleanPath(
                     tmp.filePath("Documents/TransferLab/alpaca-set/models/20240101-120000")));
        QVERIFY(QFileInfo::exists(reopened.runs()[0].modelFolder + "/model.json"));
        // Only TransferLab's own files moved; the rest stayed, and so did the folder.
        QVERIFY(!QFileInfo::exists(newData + "/autosave/alpaca-set-0123456789abcdef.json"));
        QVERIFY(QFileInfo::exists(newData + "/autosave/notes.txt"));
        QVERIFY(QFileInfo::exists(newData + "/autosave/other.json"));
        // Running again finds nothing more to move.
        QVERIFY(LegacyProjectMigration::run(newData + "/autosave", library).projectFiles.isEmpty());
    }

    void foldersMoveWholeOrNotAtAll() {
        QTemporaryDir tmp;
        writePhotos(tmp.filePath("from/sub"), "x", 3);
        QString error;
        QVERIFY(moveFileOrFolder(tmp.filePath("from"), tmp.filePath("to/here"), &error));
        QCOMPARE(QDir(tmp.filePath("to/here/sub")).entryList(QDir::Files).size(), 3);
        QVERIFY(!QFileInfo::exists(tmp.filePath("from")));
        // Never over something that exists.
        writePhotos(tmp.filePath("again"), "y", 1);
        QVERIFY(!moveFileOrFolder(tmp.filePath("again"), tmp.filePath("to/here"), &error));
        QVERIFY(QFileInfo::exists(tmp.filePath("again/y_0.jpg")));
    }

    void movedPhotosAreFoundByTheEndOfTheirPath() {
        QTemporaryDir tmp;
        const QStringList old = {tmp.filePath("old/set/alpaca/a_0.jpg"),
                                 tmp.filePath("old/set/other/o_0.jpg"),
                                 tmp.filePath("old/set/other/gone.jpg")};
        writePhotos(tmp.filePath("usb/set/alpaca"), "a", 1);
        writePhotos(tmp.filePath("usb/set/other"), "o", 1);
        // A same-named file higher up must not win over the whole relative path.
        writePhotos(tmp.filePath("usb/set"), "a", 1);
        const QHash<QString, QString> found = findMovedPhotos(old, tmp.filePath("usb/set"));
        QCOMPARE(found.size(), 2);
        QCOMPARE(found.value(old[0]), QDir::cleanPath(tmp.filePath("usb/set/alpaca/a_0.jpg")));
        QCOMPARE(found.value(old[1]), QDir::cleanPath(tmp.filePath("usb/set/other/o_0.jpg")));

        std::unique_ptr<Project> project(projectWith({old[0]}, {old[1], old[2]}, nullptr));
        project->addDatasetRoot(tmp.filePath("old/set"));
        project->relinkImages(found);
        QCOMPARE(project->image(0).path, found.value(old[0]));
        QCOMPARE(project->rowOf(found.value(old[1])), 1);
        QCOMPARE(project->image(2).path, QDir::cleanPath(old[2]));
        QCOMPARE(project->image(1).label, 1);
        QCOMPARE(project->datasetRoots().first(), QDir::cleanPath(tmp.filePath("usb/set")));
    }

    void exportsLabelledPhotosAsFoldersOrCsv() {
        QTemporaryDir tmp;
        const QStringList alpacas = writePhotos(tmp.filePath("a1"), "same", 2);
        const QStringList more = writePhotos(tmp.filePath("a2"), "same", 1);  // same file name
        const QStringList others = writePhotos(tmp.filePath("o"), "o", 2);
        std::unique_ptr<Project> project(projectWith(alpacas + more, others, nullptr));
        project->setExcluded(project->rowOf(others[0]), true);
        project->addImages({{tmp.filePath("o/o_1.jpg") + "x", -1, false}});  // unlabeled
        const auto photos = LabelledPhotoExportJob::photosOf(*project);
        QCOMPARE(photos.size(), 4);

        for (const PhotoExportMode mode : {PhotoExportMode::Copies, PhotoExportMode::HardLinks}) {
            const QString out = tmp.filePath(mode == PhotoExportMode::Copies ? "copies" : "links");
            LabelledPhotoExportJob job(photos, out, mode);
            QVERIFY2(job.execute(), qPrintable(job.errorMessage()));
            QCOMPARE(job.summary().written, 4);
            QCOMPARE(QDir(out + "/alpaca").entryList(QDir::Files).size(), 3);
            QVERIFY(QFileInfo::exists(out + "/alpaca/same_0 (2).jpg"));
            QCOMPARE(QDir(out + "/not alpaca").entryList(QDir::Files), QStringList{"o_1.jpg"});
            QCOMPARE(test::readAll(out + "/not alpaca/o_1.jpg"), test::readAll(others[1]));
            if (mode == PhotoExportMode::HardLinks) {
                QCOMPARE(job.summary().linked, 4);  // same file system
            }
            QVERIFY(!QFileInfo::exists(tmp.filePath(".links.partial")));
        }

        // Only into something new: an existing folder with files is refused, untouched.
        writePhotos(tmp.filePath("busy"), "keep", 1);
        LabelledPhotoExportJob refused(photos, tmp.filePath("busy"), PhotoExportMode::Copies);
        QVERIFY(!refused.execute());
        QCOMPARE(refused.error().kind, ErrorKind::UnsafeDestination);
        QCOMPARE(QDir(tmp.filePath("busy")).entryList(QDir::Files), QStringList{"keep_0.jpg"});

        LabelledPhotoExportJob csv(photos, tmp.filePath("labels.csv"), PhotoExportMode::LabelsCsv);
        QVERIFY(csv.execute());
        const QStringList lines = QString::fromUtf8(test::readAll(tmp.filePath("labels.csv")))
                                      .split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines.first(), QStringLiteral("path,label"));
        QVERIFY(lines.last().endsWith(",not alpaca"));
        LabelledPhotoExportJob again(photos, tmp.filePath("labels.csv"),
                                     PhotoExportMode::LabelsCsv);
        QVERIFY(!again.execute());
        QCOMPARE(again.error().kind, ErrorKind::UnsafeDestination);
    }

    void exportIsCanceledWithoutLeftovers() {
        QTemporaryDir tmp;
        const QStringList alpacas = writePhotos(tmp.filePath("a"), "a", 50);
        std::unique_ptr<Project> project(projectWith(alpacas, {}, nullptr));
        LabelledPhotoExportJob job(LabelledPhotoExportJob::photosOf(*project), tmp.filePath("out"),
                                   PhotoExportMode::Copies);
        int seen = 0;
        connect(&job, &Job::progressChanged, &job, [&] {
            if (++seen == 10) {
                job.cancel();
            }
        });
        QVERIFY(!job.execute());
        QVERIFY(job.wasCanceled());
        QVERIFY(!QFileInfo::exists(tmp.filePath("out")));
        QVERIFY(!QFileInfo::exists(tmp.filePath(".out.partial")));
    }
};

QTEST_GUILESS_MAIN(TestProjectLibrary)
#include "TestProjectLibrary.moc"
