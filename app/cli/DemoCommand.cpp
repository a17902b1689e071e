// SPDX-License-Identifier: MIT
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

#include "CliSupport.h"
#include "Commands.h"
#include "TrainingRun.h"
#include "backbones/BackboneCatalog.h"
#include "openimages/OpenImagesDownloadJob.h"

namespace {

struct DemoOptions {
    QCommandLineOption data{"data", "Use this folder of class sub-folders instead of downloading.",
                            "DIR"};
    QCommandLineOption backbone{"backbone",
                                "Backbone: catalogue name or file (default: the "
                                "catalogue's default, downloaded once).",
                                "NAME|PATH"};
    QCommandLineOption out{"out",
                           "Working folder for photos and the model (default transferlab-demo).",
                           "DIR", "transferlab-demo"};
    QCommandLineOption limit{"limit", "Photos per class to download (default 150).", "N", "150"};
    QCommandLineOption seed{"seed", "Seed of the photo sample, split and training (default 42).",
                            "S", "42"};
    QCommandLineOption baseUrl{"base-url", "Open Images image server (mirrors, tests).", "URL"};
    QCommandLineOption metadataUrl{"metadata-url", "Open Images metadata server.", "URL"};
    QCommandLineOption recipe{"recipe",
                              "Exactly the published Keras recipe (10 epochs) instead of the "
                              "automatic recipe."};
    QCommandLineOption json{"json", "Print a JSON summary on stdout."};
};

// The published experiment's data: 150 "Alpaca" photos against 150 of goats, bears and
// giraffes, from the Open Images training split.
QString downloadExperimentData(const QCommandLineParser& parser, const DemoOptions& o,
                               const QString& folder, QString* error) {
    tl::OpenImagesRequest request;
    request.classes = {"Alpaca"};
    request.negativeClasses = {"Goat", "Bear", "Giraffe"};
    request.negativeFolder = "not_alpaca";
    request.limitPerClass = parser.value(o.limit).toInt();
    request.seed = parser.value(o.seed).toULongLong();
    request.outputDir = folder;
    request.imageBaseUrl = parser.value(o.baseUrl);
    request.metadataBaseUrl = parser.value(o.metadataUrl);
    tl::OpenImagesDownloadJob job(request);
    QTextStream err(stderr);
    QObject::connect(&job, &tl::Job::phaseChanged, [&](const QString&, const QString& text) {
        err << "Open Images: " << text << "\n";
        err.flush();
    });
    if (!job.execute()) {
        *error = job.errorMessage();
        return {};
    }
    err << "Downloaded " << job.summary().downloaded() << " photos ("
        << job.summary().alreadyPresent() << " already there); credits in "
        << job.summary().attributionPath << "\n";
    return folder;
}

// The published notebook reports one figure: 0.98 validation accuracy on its own split with
// MobileNetV2 1.0. One split of ~60 photos moves by 1.5 points per photo, so the demo puts
// the cross-validated figure beside it.
void printComparison(const cli::RunFigures& figures) {
    QTextStream err(stderr);
    err << "\nThis run: ";
    if (figures.crossValidated) {
        err << QString("cross-validated accuracy %1 ± %2 (%3 folds), ")
                   .arg(figures.crossValidatedMean, 0, 'f', 3)
                   .arg(figures.crossValidatedSd, 0, 'f', 3)
                   .arg(figures.folds);
    }
    err << QString("validation split %1 (%2 photos).\n")
               .arg(figures.validationAccuracy, 0, 'f', 3)
               .arg(figures.validationImages);
    err << "The published notebook: 0.98 on its validation split, with MobileNetV2 1.0.\n";
}

}  // namespace

int runDemoCommand(const QStringList& args) {
    QCommandLineParser parser;
    DemoOptions o;
    parser.addOptions(
        {o.data, o.backbone, o.out, o.limit, o.seed, o.baseUrl, o.metadataUrl, o.recipe, o.json});
    int exitCode = 0;
    if (!cli::parse(
            parser, args,
            "transferlab-cli demo [--data DIR] [--backbone NAME|PATH] [--out DIR]\n"
            "The published alpaca experiment in one command: downloads 150 Alpaca and 150 "
            "Goat/Bear/Giraffe photos from Google Open Images (or uses --data), trains with "
            "the automatic recipe (--recipe: the published one) and prints the history, "
            "cross-validated and validation metrics, and the misclassified photos.",
            &exitCode)) {
        return exitCode;
    }
    cli::configureThreads(0);
    const QString workFolder = QFileInfo(parser.value(o.out)).absoluteFilePath();
    QString dataFolder = parser.value(o.data);
    if (dataFolder.isEmpty()) {
        QString error;
        dataFolder = downloadExperimentData(parser, o, workFolder + "/data", &error);
        if (dataFolder.isEmpty()) {
            return cli::fail("cannot download the demo photos (" + error +
                             "). Offline? Pass --data DIR with a folder of class sub-folders, e.g. "
                             "--data ../shared/datasets/alpaca");
        }
    }
    tl::TrainingSettings settings = parser.isSet(o.recipe)
                                        ? tl::TrainingSettings::recipe()
                                        : tl::TrainingSettings::automaticRecipe();
    settings.seed = parser.value(o.seed).toULongLong();
    settings.backbone = parser.isSet(o.backbone)
                            ? parser.value(o.backbone).toStdString()
                            : tl::BackboneCatalog::builtIn().defaultEntry().name.toStdString();
    try {
        const auto dataset = tl::ImageFolderDataset::scan(
            cli::toPath(dataFolder), {settings.validationFraction, settings.seed});
        const auto modelFolder = cli::toPath(workFolder + "/model");
        cli::RunFigures figures;
        const int result = cli::trainAndReport(dataset, settings, modelFolder, parser.isSet(o.json),
                                               false, &figures);
        if (result == 0) {
            printComparison(figures);
            QTextStream(stderr) << "Model saved in " << QDir::toNativeSeparators(workFolder)
                                << "/model. See it in the app: transferlab --open "
                                << QDir::toNativeSeparators(dataFolder) << "\n";
        }
        return result;
    } catch (const std::exception& error) {
        return cli::fail(error);
    }
}
