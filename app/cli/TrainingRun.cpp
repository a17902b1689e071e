// SPDX-License-Identifier: MIT
#include "TrainingRun.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

#include "CliSupport.h"
#include "ProgressReporter.h"
#include "training/JsonConversions.h"
#include "training/TrainingJob.h"

namespace cli {

namespace {

QString percentOrDash(double value, int digits = 4) {
    return value >= 0 ? QString::number(value, 'f', digits) : QStringLiteral("-");
}

void printAutomaticRecipe(QTextStream& err, const tl::AutoRecipeReport& recipe, double factor) {
    if (!recipe.ran) {
        for (const auto& line : recipe.skipped) {
            err << "Automatic recipe: " << QString::fromStdString(line) << "\n";
        }
        return;
    }
    err << QString(
               "Automatic recipe: tried %1 configurations; cost %2 s of a %3 s budget (%4 x "
               "a plain run from scratch of about %5 s; features are charged as if computed); "
               "%6 s in this run\n")
               .arg(recipe.trials.size())
               .arg(recipe.costSeconds, 0, 'f', 1)
               .arg(recipe.budgetSeconds, 0, 'f', 1)
               .arg(factor, 0, 'g', 3)
               .arg(recipe.plainRunSeconds, 0, 'f', 1)
               .arg(recipe.spentSeconds, 0, 'f', 1);
    err << "  chose " << QString::fromStdString(recipe.reason) << "\n";
    for (const auto& line : recipe.skipped) {
        err << "  " << QString::fromStdString(line) << "\n";
    }
}

void printCrossValidation(QTextStream& err, const tl::TrainingJob& job) {
    const auto& cv = job.crossValidation();
    const auto& names = job.validationReport().classNames;
    if (!cv.available()) {
        err << "Cross-validation: none (" << QString::fromStdString(cv.note) << ")\n";
        return;
    }
    err << QString(
               "Cross-validated accuracy %1 ± %2 (%3 folds of the training photos, %4 of %5 "
               "right out of fold%6)\n")
               .arg(cv.accuracyMean, 0, 'f', 4)
               .arg(cv.accuracySd, 0, 'f', 4)
               .arg(cv.folds)
               .arg(cv.correct)
               .arg(cv.samples)
               .arg(cv.accuracyWithoutTestTime >= 0
                        ? QString("; with test-time augmentation, %1 without")
                              .arg(cv.accuracyWithoutTestTime, 0, 'f', 4)
                        : QString());
    for (size_t c = 0; c < cv.perClassRecall.size() && c < names.size(); ++c) {
        err << "  " << QString::fromStdString(names[c]).leftJustified(16) << " recall "
            << QString::number(cv.perClassRecall[c], 'f', 3) << " (cross-validated)\n";
    }
}

void printCalibration(QTextStream& err, const tl::CalibrationReport& calibration) {
    if (!calibration.fitted) {
        err << "Calibration: " << QString::fromStdString(calibration.note)
            << "; expected calibration error out of fold " << percentOrDash(calibration.eceBefore)
            << ", validation split " << percentOrDash(calibration.validationEceBefore) << "\n";
        return;
    }
    err << QString(
               "Calibration: temperature %1; expected calibration error (%2 bins) out of "
               "fold %3 -> %4 (perfectly calibrated on these photos: %5), validation split "
               "%6 -> %7\n")
               .arg(calibration.temperature, 0, 'f', 3)
               .arg(tl::CalibrationReport::kBins)
               .arg(percentOrDash(calibration.eceBefore), percentOrDash(calibration.eceAfter),
                    percentOrDash(calibration.eceAfterFloor),
                    percentOrDash(calibration.validationEceBefore),
                    percentOrDash(calibration.validationEceAfter));
}

void printMetrics(QTextStream& err, const tl::TrainingJob& job) {
    printAutomaticRecipe(err, job.automaticRecipe(), job.settings().automaticBudget);
    printCrossValidation(err, job);
    const auto& report = job.validationReport();
    err << QString(
               "Validation accuracy %1 on %2 images (features %3 s, %4 from the cache; "
               "training %5 s)\n")
               .arg(report.accuracy, 0, 'f', 4)
               .arg(report.predictions.size())
               .arg(job.featureSeconds(), 0, 'f', 2)
               .arg(job.cachedFeatureHits())
               .arg(job.trainingSeconds(), 0, 'f', 2);
    for (size_t c = 0; c < report.classNames.size(); ++c) {
        err << "  " << QString::fromStdString(report.classNames[c]).leftJustified(16)
            << " precision " << QString::number(report.precision[c], 'f', 3) << "  recall "
            << QString::number(report.recall[c], 'f', 3) << "\n";
    }
    printCalibration(err, job.calibration());
    const auto wrong = report.misclassified();
    if (!wrong.empty()) {
        err << "Misclassified (most confident first):\n";
    }
    for (const auto& prediction : wrong) {
        err << "  " << QString::fromStdString(prediction.path) << "  true "
            << QString::fromStdString(report.classNames[prediction.trueLabel]) << ", predicted "
            << QString::fromStdString(report.classNames[prediction.predictedLabel]) << " ("
            << QString::number(prediction.probabilities[prediction.predictedLabel], 'f', 3)
            << ")\n";
    }
}

QJsonObject summaryJson(const tl::TrainingJob& job, const std::filesystem::path& modelFolder) {
    QJsonArray skipped;
    for (const auto& file : job.skipped()) {
        skipped.append(QJsonObject{{"image", toQString(file.path)},
                                   {"reason", QString::fromStdString(file.reason)}});
    }
    const auto& classNames = job.validationReport().classNames;
    return {{"history", tl::toJson(job.history())},
            {"validation", tl::toJson(job.validationReport())},
            {"cross_validation", tl::toJson(job.crossValidation(), classNames)},
            {"cross_validation_details", tl::crossValidationDetailsJson(job.crossValidation())},
            {"calibration", tl::toJson(job.calibration())},
            {"automatic_recipe", tl::toJson(job.automaticRecipe())},
            {"test_time_augmentation",
             QString::fromStdString(tl::toString(job.settings().testTimeAugmentation))},
            {"settings", tl::toJson(job.settings())},
            {"skipped", skipped},
            {"model", toQString(modelFolder)},
            {"timing", QJsonObject{{"features_seconds", job.featureSeconds()},
                                   {"training_seconds", job.trainingSeconds()},
                                   {"cross_validation_seconds", job.crossValidationSeconds()},
                                   {"automatic_recipe_seconds", job.automaticRecipeSeconds()},
                                   {"features_from_cache", job.cachedFeatureHits()},
                                   {"features_computed", job.computedFeatures()}}}};
}

}  // namespace

int trainAndReport(const tl::ImageFolderDataset& dataset, const tl::TrainingSettings& settings,
                   const std::filesystem::path& modelFolder, bool json, bool quiet,
                   RunFigures* figures) {
    QTextStream err(stderr);
    printSkipped(dataset.skipped());
    err << "Found " << dataset.images().size() << " images in " << dataset.classNames().size()
        << " classes; " << dataset.subset(tl::Subset::Training).size() << " for training, "
        << dataset.subset(tl::Subset::Validation).size() << " for validation.\n";
    err.flush();
    tl::TrainingJob job(dataset, settings, modelFolder);
    ProgressReporter progress;
    progress.watch(job);  // first, so that it clears its bar before a log line
    QObject::connect(&job, &tl::Job::logMessage, [&](const QString& line) {
        if (!quiet) {
            err << line << "\n";
            err.flush();
        }
    });
    // Ctrl-C cancels between batches; the previous model in `modelFolder` stays as it was.
    if (!executeCancellable(job)) {
        return fail(job.errorMessage());
    }
    printSkipped(job.skipped());
    printMetrics(err, job);
    err.flush();
    if (json) {
        printJson(QJsonDocument(summaryJson(job, modelFolder)));
    }
    if (figures) {
        const auto& cv = job.crossValidation();
        figures->crossValidated = cv.available();
        figures->folds = cv.folds;
        figures->crossValidatedMean = cv.accuracyMean;
        figures->crossValidatedSd = cv.accuracySd;
        figures->validationAccuracy = job.validationReport().accuracy;
        figures->validationImages = static_cast<int>(job.validationReport().predictions.size());
    }
    return 0;
}

}  // namespace cli
