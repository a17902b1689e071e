// SPDX-License-Identifier: MIT
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

#include <optional>

#include "CliSupport.h"
#include "Commands.h"
#include "ProgressReporter.h"
#include "training/JsonConversions.h"
#include "training/TrainedModel.h"

int runPredictCommand(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument("model", "A model folder saved by train.", "MODEL_DIR");
    parser.addPositionalArgument("images", "Image files or folders.", "IMAGE_OR_FOLDER...");
    const QCommandLineOption jsonOption("json", "Print JSON.");
    const QCommandLineOption threadsOption("threads", "CPU threads (default: all cores).", "N",
                                           "0");
    parser.addOptions({jsonOption, threadsOption});
    cli::addTestTimeAugmentationOption(parser);
    cli::addImageLimitOptions(parser);
    int exitCode = 0;
    if (!cli::parse(parser, args,
                    "transferlab-cli predict MODEL_DIR IMAGE_OR_FOLDER... [--json] [--tta MODE]\n"
                    "Prints the predicted label and class probabilities of each image "
                    "(calibrated when the model has a temperature).",
                    &exitCode)) {
        return exitCode;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2) {
        return cli::fail("predict needs MODEL_DIR and at least one image or folder", 2);
    }
    QString usageError;
    std::optional<tl::TestTimeAugmentation> tta;
    if (!cli::applyImageLimits(parser, &usageError) ||
        !cli::readTestTimeAugmentation(parser, &tta, &usageError)) {
        return cli::fail(usageError, 2);
    }
    cli::configureThreads(parser.value(threadsOption).toInt());
    try {
        const tl::TrainedModel model = tl::TrainedModel::load(cli::toPath(positional.first()));
        const tl::TestTimeAugmentation mode = tta.value_or(model.testTimeAugmentation);
        cli::printPredictionMode(model.head->config().temperature, mode);
        std::vector<tl::SkippedFile> skipped;
        const auto images = cli::collectImages(positional.mid(1), &skipped);
        if (images.empty()) {
            cli::printSkipped(skipped);
            return cli::fail("no images found in " + positional.mid(1).join(", "));
        }
        cli::ProgressReporter progress;
        progress.phase("Classifying");
        const auto predictions = model.predict(images, &skipped, mode, progress.counter("views"));
        progress.finish();
        cli::printSkipped(skipped);
        if (parser.isSet(jsonOption)) {
            QJsonArray results;
            for (const auto& prediction : predictions) {
                results.append(tl::toJson(prediction, model.classNames));
            }
            cli::printJson(QJsonDocument(results));
        } else {
            QTextStream out(stdout);
            for (const auto& prediction : predictions) {
                // Quoted when needed: a newline in a file name must not split the line.
                out << cli::quotedForLine(QString::fromStdString(prediction.path)) << "\t"
                    << cli::quotedForLine(
                           QString::fromStdString(model.classNames[prediction.predictedLabel]))
                    << "\t"
                    << QString::number(prediction.probabilities[prediction.predictedLabel], 'f', 4)
                    << "\n";
            }
        }
        return predictions.empty() ? 1 : 0;
    } catch (const std::exception& error) {
        return cli::fail(error);
    }
}
