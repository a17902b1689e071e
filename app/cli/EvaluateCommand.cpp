// SPDX-License-Identifier: MIT
#include <QJsonObject>
#include <QTextStream>

#include "CliSupport.h"
#include "Commands.h"
#include "ProgressReporter.h"
#include "training/JsonConversions.h"
#include "training/TrainedModel.h"

int runEvaluateCommand(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument("model", "A model folder saved by train.", "MODEL_DIR");
    parser.addPositionalArgument("data", "Folder with one sub-folder of images per class.",
                                 "DATA_DIR");
    const QCommandLineOption jsonOption("json", "Print JSON.");
    const QCommandLineOption threadsOption("threads", "CPU threads (default: all cores).", "N",
                                           "0");
    parser.addOptions({jsonOption, threadsOption});
    cli::addImageLimitOptions(parser);
    int exitCode = 0;
    if (!cli::parse(
            parser, args,
            "transferlab-cli evaluate MODEL_DIR DATA_DIR [--json]\n"
            "Accuracy, per-class precision/recall and confusion matrix on a labelled folder.",
            &exitCode)) {
        return exitCode;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        return cli::fail("evaluate needs MODEL_DIR and DATA_DIR", 2);
    }
    QString limitError;
    if (!cli::applyImageLimits(parser, &limitError)) {
        return cli::fail(limitError, 2);
    }
    cli::configureThreads(parser.value(threadsOption).toInt());
    try {
        const tl::TrainedModel model = tl::TrainedModel::load(cli::toPath(positional[0]));
        const auto dataset = tl::ImageFolderDataset::scan(cli::toPath(positional[1]), {0.0, 0});
        std::vector<tl::SkippedFile> skipped = dataset.skipped();
        cli::ProgressReporter progress;
        progress.phase("Classifying");
        const auto report = model.evaluate(dataset, &skipped, progress.counter("photos"));
        progress.finish();
        cli::printSkipped(skipped);
        if (parser.isSet(jsonOption)) {
            cli::printJson(QJsonDocument(tl::toJson(report)));
            return 0;
        }
        QTextStream out(stdout);
        out << "accuracy " << QString::number(report.accuracy, 'f', 4) << " on "
            << report.predictions.size() << " images\n";
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
