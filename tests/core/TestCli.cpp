// SPDX-License-Identifier: MIT
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "TestPaths.h"

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out, err;
};

Run runCli(const QStringList& args, const QString& cacheHome = {}) {
    QProcess process;
    if (!cacheHome.isEmpty()) {  // keeps the demo's feature cache out of the user's
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("XDG_CACHE_HOME", cacheHome);
        process.setProcessEnvironment(environment);
    }
    process.start(tl::test::cliPath(), args);
    process.waitForFinished(300000);
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

}  // namespace

// The command-line tool end to end on the shared alpaca photos, as a user runs it.
class TestCli : public QObject {
    Q_OBJECT

    QTemporaryDir work_;
    QString backbone_;
    QString model_;

private slots:
    void initTestCase() {
        backbone_ = tl::test::teachableMachineDir();
        model_ = work_.filePath("model");
        if (!QFile::exists(backbone_ + "/model.json") ||
            !QDir(tl::test::alpacaDatasetDir()).exists()) {
            QSKIP("the shared photos or backbone are missing");
        }
    }

    void versionAndHelp() {
        const Run version = runCli({"--version"});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith("transferlab-cli "));
        const Run help = runCli({"--help"});
        QCOMPARE(help.exitCode, 0);
        for (const char* command : {"train", "predict", "evaluate", "embed", "demo"}) {
            QVERIFY2(help.out.contains(command), command);
        }
        const Run unknown = runCli({"frobnicate"});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains("unknown command"));
    }

    void embedPrintsOneVectorPerImage() {
        const QString alpaca = tl::test::alpacaDatasetDir() + "/alpaca/01ad3ff1d94eb557.jpg";
        const Run run =
            runCli({"embed", "--backbone", backbone_, "--size", "160", "--json", alpaca, alpaca});
        QCOMPARE(run.exitCode, 0);
        const QJsonArray result = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(result.size(), 2);
        QCOMPARE(result[0].toObject()["embedding"].toArray().size(), 1280);
        QCOMPARE(result[0].toObject()["embedding"], result[1].toObject()["embedding"]);
    }

    void trainPredictEvaluateOnTheSharedPhotos() {
        const Run train =
            runCli({"train", tl::test::alpacaDatasetDir(), "--backbone", backbone_, "--out", model_,
                    "--epochs", "5", "--cache", work_.filePath("cache"), "--json"});
        QVERIFY2(train.exitCode == 0, train.err.constData());
        QVERIFY(train.err.contains("Epoch 5/5 - loss: "));
        const QJsonObject summary = QJsonDocument::fromJson(train.out).object();
        QCOMPARE(summary["history"].toArray().size(), 5);
        const QJsonObject validation = summary["validation"].toObject();
        QVERIFY(validation["accuracy"].toDouble() > 0.75);
        // Every run is cross-validated on its training photos: exactly these keys.
        const QJsonObject cv = summary["cross_validation"].toObject();
        QCOMPARE(cv.keys(),
                 (QStringList{"accuracy_mean", "accuracy_sd", "folds", "per_class_recall"}));
        QCOMPARE(cv["folds"].toInt(), 5);
        QVERIFY(cv["accuracy_mean"].toDouble() > 0.7 && cv["accuracy_mean"].toDouble() <= 1);
        QVERIFY(cv["accuracy_sd"].toDouble() >= 0);
        QCOMPARE(cv["per_class_recall"].toObject().keys(), (QStringList{"alpaca", "not_alpaca"}));
        QVERIFY(train.err.contains("Cross-validated accuracy "));
        QVERIFY(summary["automatic_recipe"].isNull());  // --epochs: a custom run
        QVERIFY(summary["calibration"].toObject()["fitted"].toBool());
        QCOMPARE(validation["confusion_matrix"].toArray().size(), 2);
        QVERIFY(QFile::exists(model_ + "/model.json"));

        const Run predict =
            runCli({"predict", model_,
                    tl::test::alpacaDatasetDir() + "/alpaca/01ad3ff1d94eb557.jpg", "--json"});
        QCOMPARE(predict.exitCode, 0);
        const QJsonObject first = QJsonDocument::fromJson(predict.out).array()[0].toObject();
        const QJsonObject probabilities = first["probabilities"].toObject();
        QVERIFY(std::abs(probabilities["alpaca"].toDouble() +
                         probabilities["not_alpaca"].toDouble() - 1.0) < 1e-5);
        QVERIFY(first["label"].toString() == "alpaca" || first["label"].toString() == "not_alpaca");

        QVERIFY(predict.err.contains("Probabilities calibrated (temperature"));

        const Run evaluate = runCli({"evaluate", model_, tl::test::alpacaDatasetDir(), "--json"});
        QCOMPARE(evaluate.exitCode, 0);
        const QJsonObject report = QJsonDocument::fromJson(evaluate.out).object();
        QCOMPARE(report["images"].toInt(), 327);
        QVERIFY(report["accuracy"].toDouble() > 0.85);
        const double ece = report["expected_calibration_error"].toDouble(-1);
        QVERIFY(ece >= 0 && ece < 0.5);
        const double floor = report["expected_calibration_error_floor"].toDouble(-1);
        QVERIFY(floor > 0 && floor < 0.5);
        QCOMPARE(report["test_time_augmentation"].toString(), QString("off"));
        const Run mirrored =
            runCli({"evaluate", model_, tl::test::alpacaDatasetDir(), "--json", "--tta", "mirror"});
        QCOMPARE(mirrored.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(mirrored.out).object()["test_time_augmentation"],
                 QJsonValue("mirror"));
    }

    // Without recipe options `train` runs the automatic recipe and says what it chose.
    void automaticRecipeIsTheDefault() {
        const QString model = work_.filePath("model-auto");
        const Run train =
            runCli({"train", tl::test::alpacaDatasetDir(), "--backbone", backbone_, "--out", model,
                    "--cache", work_.filePath("cache"), "--json", "--quiet"});
        QVERIFY2(train.exitCode == 0, train.err.constData());
        const QJsonObject summary = QJsonDocument::fromJson(train.out).object();
        const QJsonObject recipe = summary["automatic_recipe"].toObject();
        QVERIFY(recipe["trials"].toArray().size() >= 2);  // 224 (the metadata's) and 160 px
        QCOMPARE(recipe["native_input_size"].toInt(), 224);
        QVERIFY(!recipe["reason"].toString().isEmpty());
        QVERIFY(recipe["spent_seconds"].toDouble() > 0);
        QVERIFY(summary["settings"].toObject()["automatic"].toBool());
        QCOMPARE(summary["cross_validation"].toObject()["folds"].toInt(), 5);
        QVERIFY(train.err.contains("Automatic recipe: tried "));
        QVERIFY(train.err.contains("Cross-validated accuracy "));
        QFile saved(model + "/model.json");
        QVERIFY(saved.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(saved.readAll()).object();
        QCOMPARE(json["automatic_recipe"].toObject()["trials"].toArray().size(),
                 recipe["trials"].toArray().size());
    }

    void demoPutsTheCrossValidatedFigureBesideThePublishedOne() {
        QTemporaryDir cacheHome;
        const Run demo = runCli({"demo", "--data", tl::test::alpacaDatasetDir(), "--backbone",
                                 backbone_, "--out", work_.filePath("demo"), "--recipe"},
                                cacheHome.path());
        QVERIFY2(demo.exitCode == 0, demo.err.constData());
        QVERIFY(demo.err.contains("This run: cross-validated accuracy "));
        QVERIFY(demo.err.contains("The published notebook: 0.98 on its validation split"));
    }

    void recipeOptionsAndAutoExcludeEachOther() {
        Run run = runCli({"train", tl::test::alpacaDatasetDir(), "--backbone", backbone_, "--auto",
                          "--size", "224"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("--auto chooses the recipe itself: drop --size"),
                 run.err.constData());
        run = runCli(
            {"train", tl::test::alpacaDatasetDir(), "--backbone", backbone_, "--auto", "--recipe"});
        QCOMPARE(run.exitCode, 2);
        run = runCli(
            {"train", tl::test::alpacaDatasetDir(), "--backbone", backbone_, "--tta", "sideways"});
        QCOMPARE(run.exitCode, 2);
        run = runCli(
            {"train", tl::test::alpacaDatasetDir(), "--backbone", backbone_, "--folds", "1"});
        QCOMPARE(run.exitCode, 2);
        run = runCli({"predict", model_, tl::test::alpacaDatasetDir(), "--tta", "sideways"});
        QCOMPARE(run.exitCode, 2);
        run = runCli({"train", tl::test::alpacaDatasetDir(), "--backbone", backbone_, "--auto",
                      "--fine-tune-learning-rate", "0.0001"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("drop --fine-tune-learning-rate"), run.err.constData());
        run = runCli({"train", tl::test::alpacaDatasetDir(), "--backbone", backbone_, "--fine-tune",
                      "1", "--fine-tune-learning-rate", "0"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("--fine-tune-learning-rate must be positive"),
                 run.err.constData());
    }

    // The hand-over to a distributed engine: a complete package, TransferLab's split in its
    // manifest, re-exported in place without touching a run's output, never over other files.
    void exportJobWritesAPackageAndNothingElse() {
        const QString job = work_.filePath("job");
        Run run = runCli({"export-job", tl::test::alpacaDatasetDir(), "--backbone", backbone_,
                          "--out", job, "--epochs", "7", "--seed", "43"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        for (const char* file :
             {"manifest.csv", "recipe.json", "backbone.pt", "train_ddp.py", "README.md"}) {
            QVERIFY2(QFile::exists(job + "/" + file), file);
        }
        QFile manifest(job + "/manifest.csv");
        QVERIFY(manifest.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = manifest.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 328);
        QCOMPARE(lines[0], QByteArray("path,relative_path,label,class,split"));
        QFile recipeFile(job + "/recipe.json");
        QVERIFY(recipeFile.open(QIODevice::ReadOnly));
        const QJsonObject recipe = QJsonDocument::fromJson(recipeFile.readAll()).object();
        QCOMPARE(recipe["format"].toString(), QStringLiteral("transferlab-training-package"));
        QCOMPARE(recipe["training"].toObject()["epochs"].toInt(), 7);
        QCOMPARE(recipe["training"].toObject()["seed"].toInt(), 43);
        const int validation = int(lines.count() - 1) - recipe["split"].toObject()["train"].toInt();
        QCOMPARE(recipe["split"].toObject()["validation"].toInt(), validation);
        int validationRows = 0;
        for (const QByteArray& line : lines.mid(1)) {
            validationRows += line.endsWith(",validation") ? 1 : 0;
        }
        QCOMPARE(validationRows, validation);

        // Again into the same package: its files are replaced, a run's output stays.
        QDir(job).mkdir("run");
        QFile result(job + "/run/results.json");
        QVERIFY(result.open(QIODevice::WriteOnly));
        result.write("{}");
        result.close();
        run = runCli(
            {"export-job", tl::test::alpacaDatasetDir(), "--backbone", backbone_, "--out", job});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY(QFile::exists(job + "/run/results.json"));

        // Never into a folder that holds something else, nor into the dataset.
        QTemporaryDir other;
        QFile mine(other.filePath("notes.txt"));
        QVERIFY(mine.open(QIODevice::WriteOnly));
        mine.write("mine");
        mine.close();
        run = runCli({"export-job", tl::test::alpacaDatasetDir(), "--backbone", backbone_, "--out",
                      other.path()});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("not a TransferLab training package"), run.err.constData());
        QCOMPARE(QDir(other.path()).entryList(QDir::Files), QStringList{"notes.txt"});
        run = runCli({"export-job", tl::test::alpacaDatasetDir(), "--backbone", backbone_, "--out",
                      tl::test::alpacaDatasetDir() + "/job"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("photo folder"), run.err.constData());
        QVERIFY(!QFile::exists(tl::test::alpacaDatasetDir() + "/job"));
    }

    // A package replays what the automatic recipe chose for a model (after
    // automaticRecipeIsTheDefault, which trains it).
    void exportJobReplaysAModelsRecipe() {
        const QString model = work_.filePath("model-auto");
        QFile modelJson(model + "/model.json");
        QVERIFY(modelJson.open(QIODevice::ReadOnly));
        const QJsonObject trained = QJsonDocument::fromJson(modelJson.readAll()).object();
        const QJsonObject chosen = trained["settings"].toObject();
        QVERIFY(chosen["automatic"].toBool());
        const QString job = work_.filePath("job-replayed");
        Run run = runCli(
            {"export-job", tl::test::alpacaDatasetDir(), "--settings-from", model, "--out", job});
        if (chosen["augmentation"].toObject()["enabled"].toBool()) {
            // The recipe chose augmented views, which packages cannot replay yet: said so.
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains("augmentation"), run.err.constData());
            QVERIFY(!QFile::exists(job + "/recipe.json"));
        } else {
            QVERIFY2(run.exitCode == 0, run.err.constData());
            QFile recipeFile(job + "/recipe.json");
            QVERIFY(recipeFile.open(QIODevice::ReadOnly));
            const QJsonObject recipe = QJsonDocument::fromJson(recipeFile.readAll()).object();
            QCOMPARE(recipe["input_size"].toInt(),
                     trained["backbone"].toObject()["input_size"].toInt());
            const QJsonObject replayed = recipe["transferlab_settings"].toObject();
            for (const char* key :
                 {"input_size", "epochs", "learning_rate", "batch_size", "dropout", "hidden_units",
                  "weight_decay", "seed", "validation_fraction", "class_weights"}) {
                QVERIFY2(replayed[key] == chosen[key], key);
            }
            QVERIFY(!replayed["automatic"].toBool());  // the choice, not "choose again"
            QCOMPARE(recipe["training"].toObject()["epochs"], chosen["epochs"]);
            QCOMPARE(recipe["backbone"].toObject()["sha256"],
                     trained["backbone"].toObject()["sha256"]);
        }
        run = runCli({"export-job", tl::test::alpacaDatasetDir(), "--settings-from", model, "--out",
                      job, "--size", "224"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("--settings-from takes the recipe from the model: drop --size"),
                 run.err.constData());
        run = runCli({"export-job", tl::test::alpacaDatasetDir(), "--settings-from",
                      tl::test::alpacaDatasetDir(), "--out", work_.filePath("job-none")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("not a TransferLab model folder"), run.err.constData());
        QVERIFY(!QFile::exists(work_.filePath("job-none")));
    }

    void badInputGivesOneLineErrors() {
        QTemporaryDir empty;
        Run run = runCli({"train", empty.path(), "--backbone", backbone_});
        QVERIFY(run.exitCode != 0);
        QCOMPARE(run.err.count('\n'), 1);

        QTemporaryDir oneClass;
        QDir(oneClass.path()).mkdir("cats");
        QFile::copy(tl::test::alpacaDatasetDir() + "/alpaca/01ad3ff1d94eb557.jpg",
                    oneClass.filePath("cats/a.jpg"));
        run = runCli({"train", oneClass.path(), "--backbone", backbone_, "--no-cache"});
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains("at least two classes"), run.err.constData());

        run = runCli({"train", tl::test::alpacaDatasetDir(), "--backbone",
                      tl::test::alpacaDatasetDir() + "/alpaca/01ad3ff1d94eb557.jpg"});
        QVERIFY(run.exitCode != 0);
        QVERIFY(!run.err.isEmpty());

        run = runCli({"predict", work_.filePath("no-such-model"), tl::test::alpacaDatasetDir()});
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains("model folder not found") && run.err.contains("no-such-model"),
                 run.err.constData());

        run = runCli({"train"});
        QCOMPARE(run.exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "TestCli.moc"
