// SPDX-License-Identifier: MIT
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>

#include "CliSupport.h"
#include "Commands.h"
#include "ProgressReporter.h"
#include "inspection/GradCamJob.h"
#include "training/TrainedModel.h"

namespace {

QJsonObject toJson(const tl::Explanation& explanation, const tl::TrainedModel& model) {
    QJsonObject probabilities;
    for (std::size_t c = 0; c < explanation.probabilities.size(); ++c) {
        probabilities.insert(QString::fromStdString(model.classNames[c]),
                             explanation.probabilities[c]);
    }
    QJsonArray values;
    for (float v : explanation.heatmap.values) {
        values.append(static_cast<double>(v));
    }
    return {{"image", cli::toQString(explanation.image)},
            {"label", QString::fromStdString(model.classNames[explanation.predicted])},
            {"probabilities", probabilities},
            {"heatmap", QJsonObject{{"width", explanation.heatmap.width},
                                    {"height", explanation.heatmap.height},
                                    {"values", values}}}};
}

// Where the heat-map peaks, as fractions of the photo's width and height.
QString peakOf(const tl::Heatmap& heatmap) {
    const auto peak = std::max_element(heatmap.values.begin(), heatmap.values.end());
    if (peak == heatmap.values.end()) {
        return "-";
    }
    const auto index = static_cast<int>(peak - heatmap.values.begin());
    const double x = (index % heatmap.width + 0.5) / heatmap.width;
    const double y = (index / heatmap.width + 0.5) / heatmap.height;
    return QString("peak at x %1%, y %2%").arg(x * 100, 0, 'f', 0).arg(y * 100, 0, 'f', 0);
}

}  // namespace

int runExplainCommand(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument("model", "A model folder saved by train.", "MODEL_DIR");
    parser.addPositionalArgument("images", "Image files or folders.", "IMAGE...");
    const QCommandLineOption classOption(
        "class", "Explain this class instead of each photo's predicted one.", "NAME");
    const QCommandLineOption outOption(
        "out", "Also write <name>-cam.png heat-map overlays into this folder.", "DIR");
    const QCommandLineOption jsonOption("json", "Print JSON.");
    const QCommandLineOption threadsOption("threads", "CPU threads (default: all cores).", "N",
                                           "0");
    parser.addOptions({classOption, outOption, jsonOption, threadsOption});
    int exitCode = 0;
    if (!cli::parse(parser, args,
                    "transferlab-cli explain MODEL_DIR IMAGE... [--class NAME] [--out DIR] "
                    "[--json]\n"
                    "Grad-CAM heat-maps: which parts of each photo made the model decide.",
                    &exitCode)) {
        return exitCode;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2) {
        return cli::fail("explain needs MODEL_DIR and at least one image or folder", 2);
    }
    cli::configureThreads(parser.value(threadsOption).toInt());
    try {
        auto model = std::make_shared<const tl::TrainedModel>(
            tl::TrainedModel::load(cli::toPath(positional.first())));
        int target = -1;
        if (parser.isSet(classOption)) {
            const auto& names = model->classNames;
            const auto found =
                std::find(names.begin(), names.end(), parser.value(classOption).toStdString());
            if (found == names.end()) {
                QStringList known;
                for (const auto& name : names) {
                    known << QString::fromStdString(name);
                }
                return cli::fail("unknown class '" + parser.value(classOption) +
                                     "'; the model's classes: " + known.join(", "),
                                 2);
            }
            target = static_cast<int>(found - names.begin());
        }
        const auto images = cli::collectImages(positional.mid(1));
        if (images.empty()) {
            return cli::fail("no images found in " + positional.mid(1).join(", "));
        }
        const auto out = parser.isSet(outOption) ? cli::toPath(parser.value(outOption))
                                                 : std::filesystem::path();
        tl::GradCamJob job(model, images, target, out);
        cli::ProgressReporter progress;
        progress.watch(job);
        if (!cli::executeCancellable(job)) {
            return cli::fail(job.errorMessage());
        }
        cli::printSkipped(job.skipped());
        for (const auto& refused : job.overlayErrors()) {
            cli::fail(QString::fromStdString(refused.reason));
        }
        if (parser.isSet(jsonOption)) {
            QJsonArray results;
            for (const auto& explanation : job.explanations()) {
                results.append(toJson(explanation, *model));
            }
            cli::printJson(QJsonDocument(results));
        } else {
            QTextStream text(stdout);
            for (const auto& e : job.explanations()) {
                text << cli::toQString(e.image) << "\t"
                     << QString::fromStdString(model->classNames[e.predicted]) << "\t"
                     << QString::number(e.probabilities[e.predicted], 'f', 4) << "\t"
                     << peakOf(e.heatmap) << " (" << e.gridWidth << "x" << e.gridHeight
                     << " grid, explaining " << QString::fromStdString(model->classNames[e.target])
                     << ")\n";
            }
            for (const auto& overlay : job.overlays()) {
                text << "wrote " << cli::toQString(overlay) << "\n";
            }
        }
        const bool complete = job.skipped().empty() && job.overlayErrors().empty();
        return job.explanations().empty() || !complete ? 1 : 0;
    } catch (const std::exception& error) {
        return cli::fail(error);
    }
}
