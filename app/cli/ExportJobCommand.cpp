// SPDX-License-Identifier: MIT
#include <QTextStream>

#include <optional>

#include "CliSupport.h"
#include "Commands.h"
#include "ProgressReporter.h"
#include "backbones/BackboneLoader.h"
#include "export/TrainingPackage.h"
#include "training/TrainedModel.h"

namespace {

struct ExportJobOptions {
    QCommandLineOption backbone{"backbone", "Backbone: catalogue name or file/folder.",
                                "NAME|PATH"};
    QCommandLineOption out{"out",
                           "Folder to write the package to (new, empty or an earlier "
                           "package).",
                           "JOB_DIR"};
    QCommandLineOption epochs{"epochs", "Training epochs (default 50; 10 with --recipe).", "N"};
    QCommandLineOption recipe{"recipe", "Exactly the published Keras recipe (10 epochs)."};
    QCommandLineOption seed{"seed", "Seed of the split and the training (default 42).", "S", "42"};
    QCommandLineOption valSplit{"val-split", "Validation fraction (default 0.2).", "F", "0.2"};
    QCommandLineOption size{"size", "Input size in pixels (default 160).", "N", "160"};
    QCommandLineOption lr{"learning-rate", "Adam learning rate (default 0.001).", "LR", "0.001"};
    QCommandLineOption batch{"batch-size", "Global batch size (default 32).", "N", "32"};
    QCommandLineOption dropout{"dropout", "Dropout before each dense layer (default 0.2).", "P",
                               "0.2"};
    QCommandLineOption hidden{"hidden", "Hidden dense layers, e.g. 128,64.", "UNITS", ""};
    QCommandLineOption patience{"early-stopping", "Stop after N epochs without val_loss gain.", "N",
                                "0"};
    QCommandLineOption classWeights{"class-weights", "Weight the loss by inverse class frequency."};
    QCommandLineOption threads{"threads", "CPU threads (default: all cores).", "N", "0"};
    QCommandLineOption settingsFrom{
        "settings-from",
        "Replay the recipe a trained model used, the automatic recipe's choice included: its "
        "backbone (unless --backbone), input size, head, training settings, seed and split.",
        "MODEL_DIR"};

    // The options that --settings-from replaces.
    std::vector<const QCommandLineOption*> recipeOptions() const {
        return {&epochs, &recipe,  &seed,   &valSplit, &size,        &lr,
                &batch,  &dropout, &hidden, &patience, &classWeights};
    }
};

tl::TrainingSettings settingsFrom(const QCommandLineParser& parser, const ExportJobOptions& o) {
    tl::TrainingSettings settings = parser.isSet(o.recipe) ? tl::TrainingSettings::recipe()
                                                           : tl::TrainingSettings::recommended();
    settings.backbone = parser.value(o.backbone).toStdString();
    if (parser.isSet(o.epochs)) {
        settings.epochs = parser.value(o.epochs).toInt();
    }
    settings.seed = parser.value(o.seed).toULongLong();
    settings.validationFraction = parser.value(o.valSplit).toDouble();
    settings.inputSize = parser.value(o.size).toInt();
    settings.learningRate = parser.value(o.lr).toDouble();
    settings.batchSize = parser.value(o.batch).toInt();
    settings.dropout = parser.value(o.dropout).toDouble();
    for (const auto& units : parser.value(o.hidden).split(',', Qt::SkipEmptyParts)) {
        settings.hiddenUnits.push_back(units.toLongLong());
    }
    settings.earlyStoppingPatience = parser.value(o.patience).toInt();
    settings.classWeights = parser.isSet(o.classWeights);
    return settings;
}

QString settingsProblem(const tl::TrainingSettings& s) {
    if (s.epochs < 1)
        return "--epochs must be at least 1";
    if (s.batchSize < 1)
        return "--batch-size must be at least 1";
    if (s.inputSize < 32)
        return "--size must be at least 32";
    if (s.validationFraction < 0 || s.validationFraction >= 1)
        return "--val-split must be in [0, 1)";
    if (s.learningRate <= 0)
        return "--learning-rate must be positive";
    if (s.dropout < 0 || s.dropout >= 1)
        return "--dropout must be in [0, 1)";
    for (int64_t units : s.hiddenUnits) {
        if (units < 1)
            return "--hidden needs positive layer sizes";
    }
    return {};
}

// The settings `model` was trained with, as a plain run: what the automatic recipe chose
// (input size, head, epochs) rather than "choose again".
tl::TrainingSettings replayedSettings(const tl::TrainedModel& model) {
    tl::TrainingSettings settings = model.settings;
    settings.automatic = false;
    settings.inputSize = model.backbone->spec().inputSize;
    return settings;
}

}  // namespace

int runExportJobCommand(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument("data", "Folder with one sub-folder of images per class.",
                                 "DATA_DIR");
    const ExportJobOptions o;
    parser.addOptions({o.backbone, o.out, o.epochs, o.recipe, o.seed, o.valSplit, o.size, o.lr,
                       o.batch, o.dropout, o.hidden, o.patience, o.classWeights, o.threads,
                       o.settingsFrom});
    int exitCode = 0;
    if (!cli::parse(
            parser, args,
            "transferlab-cli export-job DATA_DIR --backbone NAME|PATH --out JOB_DIR [options]\n"
            "transferlab-cli export-job DATA_DIR --settings-from MODEL_DIR --out JOB_DIR\n"
            "Writes a self-contained PyTorch training package of this dataset and recipe, for\n"
            "a cluster: manifest.csv (photos, labels, TransferLab's split), recipe.json,\n"
            "backbone.pt (TorchScript) and train_ddp.py, which trains the same head with\n"
            "DistributedDataParallel: torchrun --nproc_per_node=N JOB_DIR/train_ddp.py",
            &exitCode)) {
        return exitCode;
    }
    const QStringList positional = parser.positionalArguments();
    const bool replay = parser.isSet(o.settingsFrom);
    if (positional.size() != 1 || (!replay && !parser.isSet(o.backbone)) || !parser.isSet(o.out)) {
        return cli::fail(
            "export-job needs DATA_DIR, --backbone (or --settings-from) and --out (see "
            "export-job --help)",
            2);
    }
    if (const QString given = cli::givenOptions(parser, o.recipeOptions());
        replay && !given.isEmpty()) {
        return cli::fail("--settings-from takes the recipe from the model: drop " + given, 2);
    }
    tl::TrainingSettings settings;
    if (!replay) {
        settings = settingsFrom(parser, o);
        if (const QString problem = settingsProblem(settings); !problem.isEmpty()) {
            return cli::fail(problem, 2);
        }
    }
    cli::configureThreads(parser.value(o.threads).toInt());
    try {
        cli::ProgressReporter progress;
        std::optional<tl::LoadedBackbone> backbone;
        if (replay) {
            progress.phase("Loading the model");
            const tl::TrainedModel model =
                tl::TrainedModel::load(cli::toPath(parser.value(o.settingsFrom)));
            settings = replayedSettings(model);
            if (parser.isSet(o.backbone)) {
                settings.backbone = parser.value(o.backbone).toStdString();
            } else if (!model.backboneFineTuned) {
                backbone = tl::LoadedBackbone{model.backbone, model.backboneReference,
                                              model.backboneSha256};
            }
        }
        const auto data = cli::toPath(positional.first());
        const auto dataset =
            tl::ImageFolderDataset::scan(data, {settings.validationFraction, settings.seed});
        cli::printSkipped(dataset.skipped());
        if (!backbone) {
            progress.phase("Loading the backbone");
            backbone = tl::loadBackbone(settings.backbone, settings.inputSize);
        }
        progress.phase("Writing the package");
        const auto summary = tl::TrainingPackage::write(dataset, settings, *backbone,
                                                        cli::toPath(parser.value(o.out)));
        progress.finish();
        QTextStream(stdout) << "wrote " << cli::toQString(summary.folder) << " ("
                            << summary.trainImages << " photos for training, "
                            << summary.validationImages
                            << " for validation)\n"
                               "run it with: torchrun --nproc_per_node=2 "
                            << cli::toQString(summary.folder / "train_ddp.py") << "\n";
        return 0;
    } catch (const std::exception& error) {
        return cli::fail(error);
    }
}
