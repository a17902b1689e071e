// SPDX-License-Identifier: MIT
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "SyntheticImages.h"
#include "TestFiles.h"
#include "TestPaths.h"
#include "jobs/JobManager.h"
#include "support/ComputeThreads.h"
#include "training/TrainedModel.h"
#include "training/TrainingJob.h"

using namespace tl;
using tl::test::readAll;
using tl::test::toPath;
namespace fs = std::filesystem;

namespace {

QByteArray fileHash(const QString& path) {
    return QCryptographicHash::hash(readAll(path), QCryptographicHash::Sha256);
}

}  // namespace

class TestTrainingJob : public QObject {
    Q_OBJECT

    QTemporaryDir work_;
    QString dataDir_;

    TrainingSettings quickSettings(const QString& cacheName) const {
        TrainingSettings settings;
        settings.backbone = test::teachableMachineDir().toStdString();
        settings.inputSize = 96;
        settings.epochs = 15;
        settings.learningRate = 1e-2;
        settings.batchSize = 8;
        settings.cacheDirectory = work_.filePath(cacheName).toStdString();
        return settings;
    }

    ImageFolderDataset dataset() const { return ImageFolderDataset::scan(toPath(dataDir_)); }

private slots:
    void initTestCase() {
        ComputeThreads::configure(2);
        if (!QFile::exists(test::teachableMachineModelJson())) {
            QSKIP("the shared Teachable Machine backbone is missing");
        }
        dataDir_ = work_.filePath("colours");
        test::writeColourDataset(dataDir_, 12);
    }

    void learnsASeparableTaskPerfectly() {
        TrainingJob job(dataset(), quickSettings("cache-learn"));
        QSignalSpy epochs(&job, &TrainingJob::epochFinished);
        QSignalSpy batches(&job, &TrainingJob::batchFinished);
        QVERIFY2(job.execute(), qPrintable(job.errorMessage()));
        QCOMPARE(int(job.history().size()), 15);
        QCOMPARE(epochs.count(), 15);
        QVERIFY(batches.count() >= 15 * 2);
        QCOMPARE(job.history().back().accuracy, 1.0);
        QCOMPARE(job.validationReport().accuracy, 1.0);
        QVERIFY(job.history().back().loss < job.history().front().loss);
        const auto& report = job.validationReport();
        QCOMPARE(report.classNames, (std::vector<std::string>{"blue", "red"}));
        QVERIFY(report.misclassified().empty());
        QCOMPARE(report.confusion[0][1] + report.confusion[1][0], 0);
        QVERIFY(!report.predictions.empty());
    }

    void cacheReuseSkipsTheBackbone() {
        const auto settings = quickSettings("cache-reuse");
        TrainingJob first(dataset(), settings);
        QVERIFY(first.execute());
        QCOMPARE(first.computedFeatures(), 24);
        QCOMPARE(first.cachedFeatureHits(), 0);

        TrainingJob second(dataset(), settings);
        QVERIFY(second.execute());
        QCOMPARE(second.computedFeatures(), 0);
        QCOMPARE(second.cachedFeatureHits(), 24);
        // Same features, same seed: the same history.
        QCOMPARE(second.history().back().loss, first.history().back().loss);

        // An edited photo recomputes only itself.
        test::writeJpeg(dataDir_ + "/red/000.jpg", test::colouredNoise({220, 10, 10}, 64, 999));
        TrainingJob third(dataset(), settings);
        QVERIFY(third.execute());
        QCOMPARE(third.computedFeatures(), 1);
        QCOMPARE(third.cachedFeatureHits(), 23);
    }

    void savedModelReloadsAndPredictsTheSame() {
        const QString modelDir = work_.filePath("model");
        TrainingJob job(dataset(), quickSettings("cache-save"), toPath(modelDir));
        QVERIFY2(job.execute(), qPrintable(job.errorMessage()));
        QVERIFY(QFile::exists(modelDir + "/model.json"));
        QVERIFY(QFile::exists(modelDir + "/head.pt"));

        const TrainedModel loaded = TrainedModel::load(toPath(modelDir));
        QCOMPARE(loaded.classNames, job.validationReport().classNames);
        QCOMPARE(loaded.history.size(), job.history().size());
        std::vector<fs::path> paths;
        for (const auto& prediction : job.validationReport().predictions) {
            paths.push_back(fs::u8path(prediction.path));
        }
        const auto predictions = loaded.predict(paths);
        QCOMPARE(predictions.size(), paths.size());
        for (size_t i = 0; i < predictions.size(); ++i) {
            const auto& expected = job.validationReport().predictions[i];
            QCOMPARE(predictions[i].predictedLabel, expected.predictedLabel);
            for (size_t c = 0; c < expected.probabilities.size(); ++c) {
                QVERIFY(std::abs(predictions[i].probabilities[c] - expected.probabilities[c]) <
                        1e-5);
            }
        }
    }

    void cancelIsPromptAndKeepsThePreviousModel() {
        const QString modelDir = work_.filePath("kept-model");
        TrainingJob first(dataset(), quickSettings("cache-cancel"), toPath(modelDir));
        QVERIFY(first.execute());
        const QByteArray before = fileHash(modelDir + "/model.json");

        auto settings = quickSettings("cache-cancel");
        settings.epochs = 100000;
        settings.batchSize = 1;
        auto owned = std::make_unique<TrainingJob>(dataset(), settings, toPath(modelDir));
        QSignalSpy epochs(owned.get(), &TrainingJob::epochFinished);
        JobStatus status = JobStatus::Ready;
        connect(owned.get(), &Job::finished, this,
                [&status, job = owned.get()] { status = job->status(); });
        JobManager manager;
        Job* job = manager.submit(std::move(owned));
        QVERIFY(epochs.wait(60000));
        QElapsedTimer timer;
        timer.start();
        job->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(manager.isIdle(), 5000);
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(status, JobStatus::Canceled);
        QCOMPARE(fileHash(modelDir + "/model.json"), before);
        // No half-written folders beside the model.
        const QStringList leftovers =
            QDir(work_.path()).entryList({".kept-model*"}, QDir::Dirs | QDir::Hidden);
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(',')));
    }

    void skipsCorruptImagesAndGoesOn() {
        QTemporaryDir dir;
        test::writeColourDataset(dir.path(), 6);
        QFile corrupt(dir.filePath("red/broken.jpg"));
        QVERIFY(corrupt.open(QIODevice::WriteOnly));
        corrupt.write(QByteArray("\xFF\xD8\xFF\xE0", 4) + QByteArray(300, 'x'));
        corrupt.close();
        auto settings = quickSettings("cache-corrupt");
        settings.validationFraction = 0.0;
        TrainingJob job(ImageFolderDataset::scan(toPath(dir.path()), {0.0, 42}), settings);
        QVERIFY2(job.execute(), qPrintable(job.errorMessage()));
        QCOMPARE(int(job.skipped().size()), 1);
        QVERIFY(job.skipped().front().path.u8string().find("broken.jpg") != std::string::npos);
        QCOMPARE(job.computedFeatures() + job.cachedFeatureHits(), 12);
    }

    void refusesASingleClass() {
        QTemporaryDir dir;
        test::writeColourDataset(dir.path(), 4);
        QDir(dir.filePath("blue")).removeRecursively();
        TrainingJob job(ImageFolderDataset::scan(toPath(dir.path())), quickSettings("cache-one"));
        QVERIFY(!job.execute());
        QVERIFY2(job.errorMessage().contains("at least two classes"),
                 qPrintable(job.errorMessage()));
    }

    void augmentationAndFineTuningRunAndSave() {
        auto settings = quickSettings("cache-finetune");
        settings.epochs = 3;
        settings.augmentation.enabled = true;
        settings.augmentation.viewsPerImage = 3;
        settings.fineTuneBlocks = 2;
        settings.fineTuneEpochs = 2;
        settings.fineTuneLearningRate = 1e-4;
        const QString modelDir = work_.filePath("fine-tuned");
        TrainingJob job(dataset(), settings, toPath(modelDir));
        QVERIFY2(job.execute(), qPrintable(job.errorMessage()));
        QCOMPARE(int(job.history().size()), 5);
        QVERIFY(job.history().back().fineTuning);
        QVERIFY(!job.history().front().fineTuning);
        QVERIFY(QFile::exists(modelDir + "/backbone.pt"));
        // The fine-tuned base differs from the original, and the saved model reproduces it.
        const TrainedModel loaded = TrainedModel::load(toPath(modelDir));
        std::vector<fs::path> paths;
        for (const auto& prediction : job.validationReport().predictions) {
            paths.push_back(fs::u8path(prediction.path));
        }
        const auto predictions = loaded.predict(paths);
        for (size_t i = 0; i < predictions.size(); ++i) {
            const auto& expected = job.validationReport().predictions[i];
            QVERIFY(std::abs(predictions[i].probabilities[0] - expected.probabilities[0]) < 1e-4);
        }
    }
};

QTEST_GUILESS_MAIN(TestTrainingJob)
#include "TestTrainingJob.moc"
