// SPDX-License-Identifier: MIT
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

#include "CliSupport.h"
#include "Commands.h"
#include "ProgressReporter.h"
#include "inspection/SuggestionJob.h"
#include "training/TrainedModel.h"

int runSuggestCommand(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument("model", "A model folder saved by train.", "MODEL_DIR");
    parser.addPositionalArgument("folder", "Unlabeled photos (a folder or files).", "FOLDER");
    const QCommandLineOption countOption("count", "How many photos to suggest (default 20).", "N",
                                         "20");
    const QCommandLineOption cacheOption("cache", "Feature cache folder (default: user cache).",
                                         "DIR");
    const QCommandLineOption noCacheOption("no-cache", "Do not read or write the feature cache.");
    const QCommandLineOption jsonOption("json", "Print JSON.");
    const QCommandLineOption threadsOption("threads", "CPU threads (default: all cores).", "N",
                                           "0");
    parser.addOptions({countOption, cacheOption, noCacheOption, jsonOption, threadsOption});
    int exitCode = 0;
    if (!cli::parse(parser, args,
                    "transferlab-cli suggest MODEL_DIR FOLDER [--count N] [--json]\n"
                    "Which unlabeled photos to label first: those the model is least sure about, "
                    "from different parts of the collection.",
                    &exitCode)) {
        return exitCode;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2) {
        return cli::fail("suggest needs MODEL_DIR and FOLDER", 2);
    }
    const int count = parser.value(countOption).toInt();
    if (count < 1) {
        return cli::fail("--count must be at least 1", 2);
    }
    cli::configureThreads(parser.value(threadsOption).toInt());
    try {
        auto model = std::make_shared<const tl::TrainedModel>(
            tl::TrainedModel::load(cli::toPath(positional.first())));
        const auto pool = cli::collectImages(positional.mid(1));
        if (pool.empty()) {
            return cli::fail("no images found in " + positional.mid(1).join(", "));
        }
        tl::TrainingSettings settings = model->settings;
        settings.featureCache = !parser.isSet(noCacheOption);
        settings.cacheDirectory =
            parser.isSet(cacheOption) ? parser.value(cacheOption).toStdString() : std::string();
        tl::SuggestionJob job(model, pool, count, settings);
        cli::ProgressReporter progress;
        progress.watch(job);
        if (!cli::executeCancellable(job)) {
            return cli::fail(job.errorMessage());
        }
        cli::printSkipped(job.skipped());
        if (parser.isSet(jsonOption)) {
            QJsonArray results;
            for (const auto& suggestion : job.suggestions()) {
                results.append(
                    QJsonObject{{"image", cli::toQString(job.poolPaths()[suggestion.index])},
                                {"score", suggestion.score}});
            }
            cli::printJson(QJsonDocument(results));
        } else {
            QTextStream out(stdout);
            for (const auto& suggestion : job.suggestions()) {
                out << QString::number(suggestion.score, 'f', 3) << "\t"
                    << QString::fromStdString(model->classNames[suggestion.predicted]) << "?\t"
                    << cli::toQString(job.poolPaths()[suggestion.index]) << "\n";
            }
        }
        return job.suggestions().empty() ? 1 : 0;
    } catch (const std::exception& error) {
        return cli::fail(error);
    }
}
