// SPDX-License-Identifier: MIT
// transferlab-cli download: builds an image-folder dataset from Google Open Images.
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>

#include "CliSupport.h"
#include "Commands.h"
#include "openimages/OpenImagesClassCatalog.h"
#include "openimages/OpenImagesDownloadJob.h"
#include "openimages/OpenImagesMetadataFiles.h"
#include "openimages/OpenImagesRequest.h"

using namespace tl;

namespace {

struct Options {
    QCommandLineOption classes{"classes", "Comma-separated class names (or /m/ label IDs).",
                               "NAMES"};
    QCommandLineOption negative{"negative",
                                "Comma-separated classes pooled into one negative class.", "NAMES"};
    QCommandLineOption negativeName{"negative-name",
                                    "Folder of the negative class (default not_<class>).", "NAME"};
    QCommandLineOption limit{"limit", "Images per class (default 150).", "N", "150"};
    QCommandLineOption split{"split", "train, validation or test (default train).", "SPLIT",
                             "train"};
    QCommandLineOption out{"out", "Output folder (one sub-folder per class).", "DIR"};
    QCommandLineOption seed{"seed", "Sampling seed: same seed, same images (default 0).", "S", "0"};
    QCommandLineOption boxes{"boxes", "Select by bounding boxes instead of image-level labels."};
    QCommandLineOption jobs{"jobs", "Parallel image downloads (default 8).", "N", "8"};
    QCommandLineOption timeout{"timeout",
                               "Seconds without data, or under 1 KiB/s, before a retry "
                               "(default 20; each try also ends after 2 minutes).",
                               "SECONDS", "20"};
    QCommandLineOption retries{"retries", "Retries per image after the first try (default 3).", "N",
                               "3"};
    QCommandLineOption baseUrl{"base-url",
                               QString("Image server (env %1, default %2).")
                                   .arg(openimages::kImageBaseUrlEnv, openimages::kImageBaseUrl),
                               "URL"};
    QCommandLineOption metadataUrl{
        "metadata-url",
        QString("Metadata CSV server (env %1, default %2).")
            .arg(openimages::kMetadataUrlEnv, openimages::kMetadataBaseUrl),
        "URL"};
    QCommandLineOption cache{
        "cache",
        QString("Metadata cache folder (env %1, default %2).")
            .arg(openimages::kCacheEnv, QDir::toNativeSeparators(openimages::cacheDir())),
        "DIR"};
    QCommandLineOption data{"data", "Folder with the metadata CSVs already downloaded.", "DIR"};
    QCommandLineOption noImageMetadata{
        "no-image-metadata",
        "Do not download the image metadata CSV (author credits) unless already present."};
    QCommandLineOption listClasses{"list-classes",
                                   "List classes whose name contains PATTERN, then exit."};
};

QStringList splitNames(const QString& value) {
    QStringList names;
    for (const QString& name : value.split(',', Qt::SkipEmptyParts)) {
        if (!name.trimmed().isEmpty()) {
            names.append(name.trimmed());
        }
    }
    return names;
}

int fail(QTextStream& err, const QString& message, int code = 1) {
    err << "transferlab-cli download: " << message << "\n";
    return code;
}

bool parseInt(const QString& text, int minimum, int* value) {
    bool ok = false;
    *value = text.toInt(&ok);
    return ok && *value >= minimum;
}

int listClasses(const QCommandLineParser& parser, const Options& o, QTextStream& out,
                QTextStream& err) {
    const bool boxes = parser.isSet(o.boxes);
    OpenImagesMetadataFiles files(parser.value(o.data), openimages::cacheDir(parser.value(o.cache)),
                                  openimages::metadataBaseUrl(parser.value(o.metadataUrl)),
                                  OpenImagesRequest().metadataHttp);
    const QString fileName =
        boxes ? openimages::kBoxableClassDescriptionsFile : openimages::kClassDescriptionsFile;
    // Names and MIDs are the same in both lists: a local boxable list beats a download.
    QString error;
    QString path = files.locate(fileName);
    if (path.isEmpty() && !boxes) {
        path = files.locate(openimages::kBoxableClassDescriptionsFile);
    }
    if (path.isEmpty()) {
        err << "Downloading " << fileName << " into " << QDir::toNativeSeparators(files.cacheDir())
            << "\n";
        err.flush();
        path = files.fetch(fileName, &error);
    }
    if (path.isEmpty()) {
        return fail(err, error);
    }
    OpenImagesClassCatalog catalog;
    if (!catalog.load(path, &error)) {
        return fail(err, error);
    }
    const QString pattern = parser.positionalArguments().join(' ');
    const QList<OpenImagesClass> matches = catalog.search(pattern);
    for (const OpenImagesClass& entry : matches) {
        out << entry.labelId << "\t" << entry.displayName << "\n";
    }
    out.flush();
    if (matches.isEmpty()) {
        const QStringList close = catalog.suggestions(pattern);
        return fail(err, close.isEmpty() ? QString("no class matches \"%1\"").arg(pattern)
                                         : QString("no class matches \"%1\"; did you mean: %2?")
                                               .arg(pattern, close.join(", ")));
    }
    err << matches.size() << " of " << catalog.size() << " classes\n";
    return 0;
}

bool buildRequest(const QCommandLineParser& parser, const Options& o, OpenImagesRequest* request,
                  QString* error) {
    request->classes = splitNames(parser.value(o.classes));
    request->negativeClasses = splitNames(parser.value(o.negative));
    request->negativeFolder = parser.value(o.negativeName);
    request->outputDir = parser.value(o.out);
    request->cacheDir = parser.value(o.cache);
    request->dataDir = parser.value(o.data);
    request->imageBaseUrl = parser.value(o.baseUrl);
    request->metadataBaseUrl = parser.value(o.metadataUrl);
    request->fetchImageMetadata = !parser.isSet(o.noImageMetadata);
    request->labelSource = parser.isSet(o.boxes) ? OpenImagesLabelSource::BoundingBoxes
                                                 : OpenImagesLabelSource::ImageLabels;
    if (request->classes.isEmpty()) {
        *error = "--classes is required (or --list-classes)";
        return false;
    }
    if (request->outputDir.isEmpty()) {
        *error = "--out is required";
        return false;
    }
    if (!openimages::parseSplit(parser.value(o.split), &request->split)) {
        *error =
            QString("unknown split \"%1\" (train, validation or test)").arg(parser.value(o.split));
        return false;
    }
    int timeoutSeconds = 0;
    int retries = 0;
    bool seedOk = false;
    request->seed = parser.value(o.seed).toULongLong(&seedOk);
    if (!parseInt(parser.value(o.limit), 1, &request->limitPerClass) ||
        !parseInt(parser.value(o.jobs), 1, &request->concurrentDownloads) ||
        !parseInt(parser.value(o.timeout), 1, &timeoutSeconds) ||
        !parseInt(parser.value(o.retries), 0, &retries) || !seedOk) {
        *error = "--limit, --jobs, --timeout, --retries and --seed take non-negative numbers";
        return false;
    }
    request->imageHttp.idleTimeoutMs = timeoutSeconds * 1000;
    request->imageHttp.rateWindowMs = timeoutSeconds * 1000;
    request->imageHttp.maxAttempts = retries + 1;
    request->metadataHttp.idleTimeoutMs = std::max(timeoutSeconds, 60) * 1000;
    request->metadataHttp.rateWindowMs = std::max(timeoutSeconds, 60) * 1000;
    return true;
}

void printSummary(const OpenImagesDownloadJob& job, QTextStream& out) {
    const OpenImagesDownloadSummary& summary = job.summary();
    const OpenImagesRequest& request = job.request();
    out << "Open Images " << openimages::splitName(request.split) << " split, seed " << request.seed
        << ": " << QDir::toNativeSeparators(request.outputDir) << "\n";
    int notFound = 0;
    int corrupt = 0;
    for (const OpenImagesClassReport& report : summary.classes) {
        out << "  " << report.folder.leftJustified(16) << " " << report.present() << " images ("
            << report.downloaded << " downloaded, " << report.alreadyPresent
            << " already present) from " << report.name << ", " << report.eligible
            << " available\n";
        notFound += report.notFound;
        corrupt += report.corrupt;
    }
    out << "Skipped: " << notFound << " not found, " << corrupt << " corrupt, " << summary.failed()
        << " failed; " << QString::number(summary.bytesDownloaded / 1048576.0, 'f', 1)
        << " MB downloaded\n";
    if (summary.invalidIds > 0) {
        out << "Ignored: " << summary.invalidIds
            << " label rows with a malformed ImageID (not 8-32 lower-case hex digits)\n";
    }
    if (!summary.attributionPath.isEmpty()) {
        out << "Attribution: " << QDir::toNativeSeparators(summary.attributionPath)
            << (summary.attributionHasAuthors ? "" : " (without author credits)") << "\n";
    }
}

}  // namespace

int runDownloadCommand(const QStringList& args) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Download labelled photos from Google Open Images into an image-folder dataset:\n"
        "one sub-folder per class plus attribution.csv (the photos are CC BY 2.0).\n\n"
        "  transferlab-cli download --classes Alpaca --negative Goat,Bear,Giraffe \\\n"
        "      --limit 150 --out alpaca-data\n"
        "  transferlab-cli download --list-classes bear");
    parser.addHelpOption();
    const Options o;
    parser.addOptions({o.classes, o.negative, o.negativeName, o.limit, o.split, o.out, o.seed,
                       o.boxes, o.jobs, o.timeout, o.retries, o.baseUrl, o.metadataUrl, o.cache,
                       o.data, o.noImageMetadata, o.listClasses});
    parser.addPositionalArgument("PATTERN", "With --list-classes: part of a class name.",
                                 "[PATTERN]");
    if (!parser.parse(args)) {
        return fail(err, parser.errorText(), 2);
    }
    if (parser.isSet("help")) {
        out << parser.helpText();
        return 0;
    }
    if (parser.isSet(o.listClasses)) {
        return listClasses(parser, o, out, err);
    }
    if (!parser.positionalArguments().isEmpty()) {
        return fail(err, "unexpected argument " + parser.positionalArguments().first(), 2);
    }
    OpenImagesRequest request;
    QString error;
    if (!buildRequest(parser, o, &request, &error)) {
        return fail(err, error, 2);
    }

    OpenImagesDownloadJob job(request);
    QElapsedTimer sinceLine;
    sinceLine.start();
    QObject::connect(&job, &Job::phaseChanged, [&](const QString&, const QString& text) {
        err << "[" << text << "]\n";
        err.flush();
    });
    QObject::connect(&job, &Job::logMessage, [&](const QString& line) {
        err << "  " << line << "\n";
        err.flush();
    });
    QObject::connect(&job, &Job::progressChanged, [&](double fraction, const QString& detail) {
        if (sinceLine.elapsed() >= 1000 || fraction >= 1.0) {
            sinceLine.restart();
            err << "  " << QString::number(fraction * 100, 'f', 0) << "% " << detail << "\n";
            err.flush();
        }
    });
    // Ctrl-C cancels cleanly: .part files are kept for a resume.
    const bool ok = cli::executeCancellable(job);
    if (!ok) {
        if (!job.summary().classes.isEmpty()) {
            printSummary(job, out);
        }
        return fail(err, job.errorMessage());
    }
    printSummary(job, out);
    // Spares replace failed images; only a class left short by network failures is an error.
    int missing = 0;
    for (const OpenImagesClassReport& report : job.summary().classes) {
        missing += std::max(0, report.wanted - report.present());
    }
    if (missing > 0 && job.summary().failed() > 0) {
        return fail(err, QString("%1 images failed to download; run the same command again "
                                 "to resume")
                             .arg(job.summary().failed()));
    }
    return 0;
}
