// SPDX-License-Identifier: MIT
#include <QJsonObject>
#include <QTextStream>

#include <optional>

#include "CliSupport.h"
#include "Commands.h"
#include "ProgressReporter.h"
#include "training/JsonConversions.h"
#include "training/TrainedModel.h"

namespace {

struct CalibrationError {
    double value = 0;
    double floor = 0;  // a perfectly calibrated model's, with the same confidences
};

// Expected calibration error of the report's predictions (15 equal-width bins, top label),
// and its noise floor on this many photos.
CalibrationError calibrationError(const tl::EvaluationReport& report) {
    std::vector<std::vector<double>> probabilities;
    std::vector<int> labels;
    for (const auto& prediction : report.predictions) {
        if (prediction.trueLabel >= 0) {
            probabilities.push_back(prediction.probabilities);
            labels.push_back(prediction.trueLabel);
        }
    }
    return {tl::CalibrationReport::expectedCalibrationError(probabilities, labels),
            tl::CalibrationReport::eceFloor(probabilities)};
}

}  // namespace

int runEvaluateCommand(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument("model", "A model folder saved by train.", "MODEL_DIR");
    parser.addPositionalArgument("data", "Folder with one sub-folder of images per class.",
                                 "DATA_DIR");
    const QCommandLineOption jsonOption("json", "Print JSON.");
    const QCommandLineOption threadsOption("threads", "CPU threads (default: all cores).", "N",
                                           "0");
    parser.addOptions({jsonOption, threadsOption});
    cli::addTestTimeAugmentationOption(parser);
    cli::addImageLimitOptions(parser);
    int exitCode = 0;
    if (!cli::parse(
            parser, args,
            "transferlab-cli evaluate MODEL_DIR DATA_DIR [--json] [--tta MODE]\n"
            "Accuracy, per-class precision/recall, confusion matrix and expected calibration "
            "error on a labelled folder.",
            &exitCode)) {
        return exitCode;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        return cli::fail("evaluate needs MODEL_DIR and DATA_DIR", 2);
    }
    QString usageError;
    std::optional<tl::TestTimeAugmentation> tta;
    if (!cli::applyImageLimits(parser, &usageError) ||
        !cli::readTestTimeAugmentation(parser, &tta, &usageError)) {
        return cli::fail(usageError, 2);
    }
    cli::configureThreads(parser.value(threadsOption).toInt());
    try {
        const tl::TrainedModel model = tl::TrainedModel::load(cli::toPath(positional[0]));
        const auto dataset = tl::ImageFolderDataset::scan(cli::toPath(positional[1]), {0.0, 0});
        std::vector<tl::SkippedFile> skipped = dataset.skipped();
        const tl::TestTimeAugmentation mode = tta.value_or(model.testTimeAugmentation);
        cli::printPredictionMode(model.head->config().temperature, mode);
        cli::ProgressReporter progress;
        progress.phase("Classifying");
        const auto report = model.evaluate(dataset, &skipped, mode, progress.counter("views"));
        progress.finish();
        cli::printSkipped(skipped);
        const CalibrationError ece = calibrationError(report);
        if (parser.isSet(jsonOption)) {
            QJsonObject json = tl::toJson(report);
            json.insert("expected_calibration_error", ece.value);
            json.insert("expected_calibration_error_floor", ece.floor);
            json.insert("test_time_augmentation", QString::fromStdString(tl::toString(mode)));
            json.insert("temperature", model.head->config().temperature);
            cli::printJson(QJsonDocument(json));
            return 0;
        }
        QTextStream out(stdout);
        out << "accuracy " << QString::number(report.accuracy, 'f', 4) << " on "
            << report.predictions.size() << " images; expected calibration error "
            << QString::number(ece.value, 'f', 4)
            << " (a perfectly calibrated model: " << QString::number(ece.floor, 'f', 4) << ")\n";
        for (size_t c = 0; c < report.classNames.size(); ++c) {
            out << QString::fromStdString(report.classNames[c]).leftJustified(20) << " precision "
                << QString::number(report.precision[c], 'f', 4) << "  recall "
                << QString::number(report.recall[c], 'f', 4) << "  confusion";
            for (int count : report.confusion[c]) {
                out << " " << count;
            }
            out << "\n";
        }
        return 0;
    } catch (const std::exception& error) {
        return cli::fail(error);
    }
}
