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

void printMetrics(QTextStream& err, const tl::TrainingJob& job) {
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
    return {{"history", tl::toJson(job.history())},
            {"validation", tl::toJson(job.validationReport())},
            {"settings", tl::toJson(job.settings())},
            {"skipped", skipped},
            {"model", toQString(modelFolder)},
            {"timing", QJsonObject{{"features_seconds", job.featureSeconds()},
                                   {"training_seconds", job.trainingSeconds()},
                                   {"features_from_cache", job.cachedFeatureHits()},
                                   {"features_computed", job.computedFeatures()}}}};
}

}  // namespace

int trainAndReport(const tl::ImageFolderDataset& dataset, const tl::TrainingSettings& settings,
                   const std::filesystem::path& modelFolder, bool json, bool quiet) {
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
    return 0;
}

}  // namespace cli
