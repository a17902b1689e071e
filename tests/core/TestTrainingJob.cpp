// SPDX-License-Identifier: MIT
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <QJsonDocument>
#include <QJsonObject>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "SyntheticImages.h"
#include "TestFiles.h"
#include "TestPaths.h"
#include "data/ImageDecoder.h"
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

    // Every run reports k-fold figures on its training photos and, asked to, fits a
    // temperature on their out-of-fold predictions; the model keeps both, with the test-time
    // augmentation it was trained to use.
    void crossValidatesCalibratesAndSavesIt() {
        if (!QDir(test::alpacaDatasetDir()).exists()) {
            QSKIP("the shared photos are missing");
        }
        auto settings = quickSettings("cache-alpaca");
        settings.learningRate = 1e-3;
        settings.epochs = 20;
        settings.batchSize = 32;
        settings.calibrate = true;
        settings.testTimeAugmentation = TestTimeAugmentation::Mirror;
        const QString modelDir = work_.filePath("calibrated");
        const auto photos = ImageFolderDataset::scan(toPath(test::alpacaDatasetDir()));
        TrainingJob job(photos, settings, toPath(modelDir));
        QVERIFY2(job.execute(), qPrintable(job.errorMessage()));

        const auto& cv = job.crossValidation();
        QCOMPARE(cv.folds, 5);
        QCOMPARE(cv.samples, int(photos.subset(Subset::Training).size()));
        QCOMPARE(int(cv.foldAccuracy.size()), 5);
        QVERIFY(cv.accuracyMean > 0.6 && cv.accuracyMean <= 1.0);
        QVERIFY(cv.accuracySd > 0);
        QCOMPARE(int(cv.perClassRecall.size()), 2);
        QVERIFY(cv.accuracyWithoutTestTime >= 0);  // measured with and without the mirror

        const auto& calibration = job.calibration();
        QVERIFY2(calibration.fitted, calibration.note.c_str());
        QVERIFY(calibration.temperature != 1.0);
        QVERIFY(calibration.eceBefore >= 0 && calibration.eceAfter >= 0);
        // ECE's noise floor on these ~260 photos: above 0, and well below ECE's worst.
        QVERIFY(calibration.eceAfterFloor > 0 && calibration.eceAfterFloor < 0.2);
        QCOMPARE(calibration.validationSamples, int(photos.subset(Subset::Validation).size()));
        QVERIFY(calibration.validationEceBefore >= 0 && calibration.validationEceAfter >= 0);

        // model.json: the cross_validation object exactly as documented, and the rest.
        QFile file(modelDir + "/model.json");
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
        const QJsonObject saved = json["cross_validation"].toObject();
        QCOMPARE(saved.keys(),
                 (QStringList{"accuracy_mean", "accuracy_sd", "folds", "per_class_recall"}));
        QCOMPARE(saved["folds"].toInt(), 5);
        QCOMPARE(saved["accuracy_mean"].toDouble(), cv.accuracyMean);
        QCOMPARE(saved["per_class_recall"].toObject().keys(),
                 (QStringList{"alpaca", "not_alpaca"}));
        QCOMPARE(json["head"].toObject()["temperature"].toDouble(), calibration.temperature);
        QCOMPARE(json["test_time_augmentation"].toString(), QString("mirror"));

        // Reloaded: the same temperature, test-time augmentation and probabilities as the
        // run's own validation report.
        const TrainedModel loaded = TrainedModel::load(toPath(modelDir));
        QCOMPARE(loaded.head->config().temperature, calibration.temperature);
        QCOMPARE(toString(loaded.testTimeAugmentation), std::string("mirror"));
        QCOMPARE(loaded.crossValidation.correct, cv.correct);
        QCOMPARE(loaded.calibration.eceAfter, calibration.eceAfter);
        QCOMPARE(loaded.calibration.eceAfterFloor, calibration.eceAfterFloor);
        std::vector<fs::path> paths;
        for (const auto& prediction : job.validationReport().predictions) {
            paths.push_back(fs::u8path(prediction.path));
        }
        const auto predictions = loaded.predict(paths);
        QCOMPARE(predictions.size(), paths.size());
        for (size_t i = 0; i < predictions.size(); ++i) {
            const auto& expected = job.validationReport().predictions[i];
            QVERIFY(std::abs(predictions[i].probabilities[1] - expected.probabilities[1]) < 1e-5);
        }
    }

    // Mirror test-time augmentation is the mean of the photo's and its mirror's probabilities.
    void mirrorTestTimeAugmentationAveragesThePhotoAndItsMirror() {
        const QString modelDir = work_.filePath("model-tta");
        auto settings = quickSettings("cache-tta");
        settings.epochs = 2;  // far from converged: probabilities away from 0 and 1
        settings.learningRate = 1e-3;
        TrainingJob job(dataset(), settings, toPath(modelDir));
        QVERIFY2(job.execute(), qPrintable(job.errorMessage()));
        const TrainedModel model = TrainedModel::load(toPath(modelDir));
        QTemporaryDir dir;
        // A real photo, whose mirror differs (the synthetic noise images barely do).
        const QString alpaca = test::alpacaDatasetDir() + "/alpaca/01ad3ff1d94eb557.jpg";
        const fs::path photo = toPath(QFile::exists(alpaca) ? alpaca : dataDir_ + "/blue/001.jpg");
        // The decoded input-size image, mirrored, as a lossless file of exactly that size.
        cv::Mat rgb = ImageDecoder(cv::Size(96, 96)).decode(photo);
        cv::Mat mirrored, bgr;
        cv::flip(rgb, mirrored, 1);
        cv::cvtColor(mirrored, bgr, cv::COLOR_RGB2BGR);
        const QString mirrorFile = dir.filePath("mirror.png");
        QVERIFY(cv::imwrite(mirrorFile.toStdString(), bgr));
        const auto plain =
            model.predict({photo, toPath(mirrorFile)}, nullptr, TestTimeAugmentation::Off);
        const auto averaged = model.predict({photo}, nullptr, TestTimeAugmentation::Mirror);
        const double expected = (plain[0].probabilities[1] + plain[1].probabilities[1]) / 2;
        QVERIFY(std::abs(averaged[0].probabilities[1] - expected) < 1e-5);
        QVERIFY(std::abs(plain[0].probabilities[1] - plain[1].probabilities[1]) > 1e-6);
        // Four views: still a probability distribution.
        const auto four = model.predict({photo}, nullptr, TestTimeAugmentation::MirrorAndCrops);
        QVERIFY(std::abs(four[0].probabilities[0] + four[0].probabilities[1] - 1) < 1e-5);
    }

    // The automatic recipe chooses by cross-validation on the training photos only, and the
    // job trains, reports and saves its choice.
    void automaticRecipeChoosesAndSaysWhy() {
        auto settings = TrainingSettings::automaticRecipe();
        settings.backbone = test::teachableMachineDir().toStdString();
        settings.epochs = 10;
        settings.learningRate = 1e-2;
        settings.batchSize = 8;
        settings.cacheDirectory = work_.filePath("cache-auto").toStdString();
        const QString modelDir = work_.filePath("model-auto");
        TrainingJob job(dataset(), settings, toPath(modelDir));
        QStringList log;
        connect(&job, &Job::logMessage, this, [&log](const QString& line) { log << line; });
        QVERIFY2(job.execute(), qPrintable(job.errorMessage()));
        const auto& recipe = job.automaticRecipe();
        QVERIFY(recipe.ran);
        QCOMPARE(recipe.nativeInputSize, 224);  // the Teachable Machine metadata
        QVERIFY(!recipe.trials.empty());
        QCOMPARE(recipe.trials.front().inputSize, 224);
        const int trainingPhotos = int(dataset().subset(Subset::Training).size());
        for (const auto& trial : recipe.trials) {
            QCOMPARE(trial.samples, trainingPhotos);  // the validation split is not in it
        }
        QVERIFY(recipe.chosen >= 0 && recipe.budgetSeconds > 0 && recipe.spentSeconds > 0);
        const auto& chosen = recipe.trials[recipe.chosen];
        QCOMPARE(job.settings().inputSize, chosen.inputSize);
        QCOMPARE(int(job.history().size()), chosen.epochs);
        QVERIFY(job.settings().automatic);
        QVERIFY(log.filter("Automatic recipe: chose").size() == 1);
        QCOMPARE(job.crossValidation().folds, 5);

        const TrainedModel loaded = TrainedModel::load(toPath(modelDir));
        QVERIFY(loaded.automaticRecipe.ran);
        QCOMPARE(loaded.automaticRecipe.trials.size(), recipe.trials.size());
        QCOMPARE(loaded.automaticRecipe.reason, recipe.reason);
        QCOMPARE(loaded.inputSize(), chosen.inputSize);
        QCOMPARE(loaded.backbone->spec().inputSize, chosen.inputSize);
        QCOMPARE(job.validationReport().accuracy, 1.0);
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
        // k folds would fine-tune the base k more times: the split only, and it says so.
        QVERIFY(!job.crossValidation().available());
        QVERIFY(job.crossValidation().note.find("fine-tuning") != std::string::npos);
        QVERIFY(!job.calibration().fitted);
        // The fine-tuned base differs from the original, and the saved model reproduces it.
        const TrainedModel loaded = TrainedModel::load(toPath(modelDir));
        QCOMPARE(loaded.crossValidation.folds, 0);
        QCOMPARE(loaded.crossValidation.note, job.crossValidation().note);
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
