// SPDX-License-Identifier: MIT
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

#include "CliSupport.h"
#include "Commands.h"
#include "ProgressReporter.h"
#include "inspection/InspectionJob.h"
#include "inspection/NearDuplicateFinder.h"

namespace {

struct InspectOptions {
    QCommandLineOption backbone{"backbone", "Backbone: catalogue name or file/folder.",
                                "NAME|PATH"};
    QCommandLineOption size{"size", "Input size in pixels (default 160).", "N", "160"};
    QCommandLineOption folds{"folds", "Cross-validation folds (default 5).", "K", "5"};
    QCommandLineOption seed{"seed", "Seed of the folds, the heads and the split (default 42).", "S",
                            "42"};
    QCommandLineOption threshold{
        "threshold",
        QString("Cosine similarity from which photos are near-duplicates (default %1).")
            .arg(tl::NearDuplicateFinder::kDefaultThreshold),
        "C", QString::number(tl::NearDuplicateFinder::kDefaultThreshold)};
    QCommandLineOption valSplit{"val-split", "Validation fraction of the split (default 0.2).", "F",
                                "0.2"};
    QCommandLineOption cache{"cache", "Feature cache folder (default: user cache).", "DIR"};
    QCommandLineOption noCache{"no-cache", "Do not read or write the feature cache."};
    QCommandLineOption threads{"threads", "CPU threads (default: all cores).", "N", "0"};
    QCommandLineOption json{"json", "Print one JSON object on stdout."};

    void addTo(QCommandLineParser& parser) const {
        parser.addOptions(
            {backbone, size, folds, seed, threshold, valSplit, cache, noCache, threads, json});
    }
};

QString pathOf(const tl::InspectionReport& report, std::size_t image) {
    return cli::toQString(report.images[image].path);
}

QJsonObject toJson(const tl::InspectionReport& report) {
    QJsonArray issues;
    for (const auto& issue : report.labelIssues) {
        issues.append(
            QJsonObject{{"image", pathOf(report, issue.image)},
                        {"label", QString::fromStdString(report.classNames[issue.label])},
                        {"suggested", QString::fromStdString(report.classNames[issue.suggested])},
                        {"score", issue.score}});
    }
    QJsonArray duplicates;
    for (const auto& group : report.duplicates) {
        QJsonArray images;
        for (std::size_t image : group.images) {
            images.append(pathOf(report, image));
        }
        duplicates.append(QJsonObject{{"images", images}, {"similarity", group.similarity}});
    }
    QJsonArray outliers;
    for (const auto& outlier : report.outliers) {
        outliers.append(
            QJsonObject{{"image", pathOf(report, outlier.image)}, {"score", outlier.score}});
    }
    return {{"label_issues", issues}, {"near_duplicates", duplicates}, {"outliers", outliers}};
}

void printReadable(const tl::InspectionReport& report) {
    QTextStream out(stdout);
    out << "Inspected " << report.images.size() << " photos in " << report.classNames.size()
        << " classes";
    if (report.folds > 0) {
        out << " (" << report.folds << "-fold out-of-fold accuracy "
            << QString::number(report.outOfFoldAccuracy * 100, 'f', 1) << "%)";
    }
    out << ".\n\nLikely label errors: " << report.labelIssues.size()
        << (report.labelIssues.empty() ? "\n" : ", most suspect first\n");
    for (const auto& issue : report.labelIssues) {
        out << "  " << QString::number(issue.score, 'f', 3) << "  "
            << QString::fromStdString(report.classNames[issue.label]) << " -> "
            << QString::fromStdString(report.classNames[issue.suggested])
            << (issue.confident ? "  " : " ?") << "  " << pathOf(report, issue.image) << "\n";
    }
    out << "\nNear-duplicate groups (cosine >= " << report.duplicateThreshold
        << "): " << report.duplicates.size() << "\n";
    for (const auto& group : report.duplicates) {
        out << "  " << QString::number(group.similarity, 'f', 4)
            << (group.straddlesSplit ? "  STRADDLES THE TRAINING/VALIDATION SPLIT" : "") << "\n";
        for (std::size_t image : group.images) {
            out << "      " << pathOf(report, image) << "\n";
        }
    }
    out << "\nOutliers (far from every other photo): " << report.outliers.size() << "\n";
    for (const auto& outlier : report.outliers) {
        out << "  " << QString::number(outlier.score, 'f', 2) << "  "
            << pathOf(report, outlier.image) << "\n";
    }
    if (report.labelIssues.size() > 0) {
        out << "\nScores: 0..1, above 0.5 another class is more probable than the label; '?' "
               "marks photos below confident learning's per-class threshold.\n";
    }
}

}  // namespace

int runInspectCommand(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument("data", "Folder with one sub-folder of images per class.",
                                 "DATA_DIR");
    InspectOptions o;
    o.addTo(parser);
    int exitCode = 0;
    if (!cli::parse(parser, args,
                    "transferlab-cli inspect DATA_DIR --backbone NAME|PATH [--size N] [--folds K] "
                    "[--seed S] [--json]\n"
                    "Finds likely label errors (out-of-fold predictions of every photo), "
                    "near-duplicates (and those that straddle the training/validation split) and "
                    "outliers.",
                    &exitCode)) {
        return exitCode;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || !parser.isSet(o.backbone)) {
        return cli::fail("inspect needs DATA_DIR and --backbone (see inspect --help)", 2);
    }
    tl::InspectionRequest request;
    request.settings.backbone = parser.value(o.backbone).toStdString();
    request.settings.inputSize = parser.value(o.size).toInt();
    request.settings.seed = parser.value(o.seed).toULongLong();
    request.settings.featureCache = !parser.isSet(o.noCache);
    if (parser.isSet(o.cache)) {
        request.settings.cacheDirectory = parser.value(o.cache).toStdString();
    }
    request.folds = parser.value(o.folds).toInt();
    request.duplicateThreshold = parser.value(o.threshold).toDouble();
    const double validationFraction = parser.value(o.valSplit).toDouble();
    if (request.settings.inputSize < 32) {
        return cli::fail("--size must be at least 32", 2);
    }
    if (request.folds < 2) {
        return cli::fail("--folds must be at least 2", 2);
    }
    if (!(request.duplicateThreshold > 0 && request.duplicateThreshold <= 1)) {
        return cli::fail("--threshold must be in (0, 1]", 2);
    }
    if (!(validationFraction >= 0 && validationFraction < 1)) {
        return cli::fail("--val-split must be in [0, 1)", 2);
    }
    cli::configureThreads(parser.value(o.threads).toInt());
    try {
        const auto dataset = tl::ImageFolderDataset::scan(
            cli::toPath(positional.first()), {validationFraction, request.settings.seed, {}});
        cli::printSkipped(dataset.skipped());
        request.classNames = dataset.classNames();
        for (const auto& image : dataset.images()) {
            request.images.push_back({image.path, image.label, image.subset});
        }
        tl::InspectionJob job(std::move(request));
        cli::ProgressReporter progress;
        progress.watch(job);
        if (!cli::executeCancellable(job)) {
            return cli::fail(job.errorMessage());
        }
        const tl::InspectionReport& report = job.report();
        cli::printSkipped(report.skipped);
        if (const std::size_t straddling = report.straddlingGroups(); straddling > 0) {
            QTextStream(stderr) << "transferlab-cli: warning: " << straddling
                                << " near-duplicate group(s) straddle the training/validation "
                                   "split: validation accuracy is optimistic\n";
        }
        if (parser.isSet(o.json)) {
            cli::printJson(QJsonDocument(toJson(report)));
        } else {
            printReadable(report);
        }
        return 0;
    } catch (const std::exception& error) {
        return cli::fail(error);
    }
}
