// SPDX-License-Identifier: MIT
#include "CliSupport.h"
#include "Commands.h"
#include "TrainingRun.h"
#include "support/Errors.h"
#include "training/ModelFolder.h"

namespace {

struct TrainOptions {
    QCommandLineOption backbone{
        "backbone", "Backbone: catalogue name or file/folder (default mobilenet_v2_1.0_224).",
        "NAME|PATH"};
    QCommandLineOption out{"out", "Folder to save the trained model in.", "MODEL_DIR"};
    QCommandLineOption automatic{"auto",
                                 "The automatic recipe (the default without head or size "
                                 "options): chooses the input size, epochs, head, augmented "
                                 "views and test-time augmentation by cross-validation."};
    QCommandLineOption epochs{"epochs", "Training epochs (default 50; 10 with --recipe).", "N"};
    QCommandLineOption recipe{"recipe", "Exactly the published Keras recipe (10 epochs)."};
    QCommandLineOption augment{"augment", "Random flip + rotation augmentation (Keras recipe)."};
    QCommandLineOption views{"views", "Augmented views per image to precompute (default 8).", "K",
                             "8"};
    QCommandLineOption seed{"seed", "Seed of the split and the training (default 42).", "S", "42"};
    QCommandLineOption valSplit{"val-split", "Validation fraction (default 0.2).", "F", "0.2"};
    QCommandLineOption size{
        "size", "Input size in pixels (default: the backbone's training size; 160 with --recipe).",
        "N"};
    QCommandLineOption lr{"learning-rate", "Adam learning rate (default 0.001).", "LR", "0.001"};
    QCommandLineOption batch{"batch-size", "Batch size (default 32).", "N", "32"};
    QCommandLineOption dropout{"dropout", "Dropout before the dense layer (default 0.2).", "P",
                               "0.2"};
    QCommandLineOption hidden{"hidden", "Hidden dense layers, e.g. 128,64.", "UNITS", ""};
    QCommandLineOption weightDecay{"weight-decay", "L2 on the head (decoupled, AdamW; default 0).",
                                   "L2", "0"};
    QCommandLineOption tta{"tta",
                           "Test-time augmentation of the model: off, mirror or mirror+crops "
                           "(default off; --auto measures it and keeps it only if it gains).",
                           "MODE", "off"};
    QCommandLineOption folds{"folds", "Cross-validation folds (default 5; 0 = none).", "K", "5"};
    QCommandLineOption budget{"budget",
                              "Time budget of --auto, in plain runs (default 3; extra feature "
                              "extraction counts).",
                              "F", "3"};
    QCommandLineOption noCalibration{"no-calibration",
                                     "Do not fit a temperature to the out-of-fold predictions."};
    QCommandLineOption patience{"early-stopping", "Stop after N epochs without val_loss gain.", "N",
                                "0"};
    QCommandLineOption classWeights{"class-weights", "Weight the loss by inverse class frequency."};
    QCommandLineOption fineTune{"fine-tune", "Unfreeze the last N blocks after the head trained.",
                                "N", "0"};
    QCommandLineOption fineTuneEpochs{"fine-tune-epochs", "Fine-tuning epochs (default 5).", "N",
                                      "5"};
    QCommandLineOption fineTuneLr{"fine-tune-learning-rate",
                                  "Adam learning rate of fine-tuning (default 0.00001).", "LR",
                                  "0.00001"};
    QCommandLineOption cache{"cache", "Feature cache folder (default: user cache).", "DIR"};
    QCommandLineOption noCache{"no-cache", "Do not read or write the feature cache."};
    QCommandLineOption threads{"threads", "CPU threads (default: all cores).", "N", "0"};
    QCommandLineOption json{"json", "Print a JSON summary on stdout."};
    QCommandLineOption quiet{"quiet", "No per-epoch lines."};

    void addTo(QCommandLineParser& parser) const {
        parser.addOptions({backbone, out,    automatic,   epochs,        recipe,   augment,
                           views,    seed,   valSplit,    size,          lr,       batch,
                           dropout,  hidden, weightDecay, tta,           patience, classWeights,
                           fineTune, folds,  budget,      noCalibration, cache,    noCache,
                           threads,  json,   quiet});
        parser.addOption(fineTuneEpochs);
        parser.addOption(fineTuneLr);
    }
    // Options that fix part of the recipe: with any of them the run is custom (recommended
    // settings plus these), and --auto refuses them.
    std::vector<const QCommandLineOption*> recipeOptions() const {
        return {&epochs,   &augment,      &views,    &size,           &lr,
                &batch,    &dropout,      &hidden,   &weightDecay,    &tta,
                &patience, &classWeights, &fineTune, &fineTuneEpochs, &fineTuneLr};
    }
};

tl::TrainingSettings settingsFrom(const QCommandLineParser& parser, const TrainOptions& o) {
    // The published recipe, a custom run (recommended + options) or the automatic recipe.
    const bool custom = !cli::givenOptions(parser, o.recipeOptions()).isEmpty();
    tl::TrainingSettings settings = parser.isSet(o.recipe) ? tl::TrainingSettings::recipe()
                                    : custom               ? tl::TrainingSettings::recommended()
                                             : tl::TrainingSettings::automaticRecipe();
    settings.backbone = parser.value(o.backbone).toStdString();
    if (parser.isSet(o.epochs)) {
        settings.epochs = parser.value(o.epochs).toInt();
    }
    settings.seed = parser.value(o.seed).toULongLong();
    settings.validationFraction = parser.value(o.valSplit).toDouble();
    if (parser.isSet(o.size)) {
        settings.inputSize = parser.value(o.size).toInt();
    }
    settings.learningRate = parser.value(o.lr).toDouble();
    settings.batchSize = parser.value(o.batch).toInt();
    settings.dropout = parser.value(o.dropout).toDouble();
    for (const auto& units : parser.value(o.hidden).split(',', Qt::SkipEmptyParts)) {
        settings.hiddenUnits.push_back(units.toLongLong());
    }
    settings.augmentation.enabled = parser.isSet(o.augment);
    settings.augmentation.viewsPerImage = parser.value(o.views).toInt();
    settings.earlyStoppingPatience = parser.value(o.patience).toInt();
    settings.classWeights = parser.isSet(o.classWeights);
    settings.fineTuneBlocks = parser.value(o.fineTune).toInt();
    settings.fineTuneEpochs = parser.value(o.fineTuneEpochs).toInt();
    settings.fineTuneLearningRate = parser.value(o.fineTuneLr).toDouble();
    settings.weightDecay = parser.value(o.weightDecay).toDouble();
    settings.testTimeAugmentation =
        tl::testTimeAugmentationFromString(parser.value(o.tta).toStdString())
            .value_or(tl::TestTimeAugmentation::Off);
    settings.crossValidationFolds = parser.value(o.folds).toInt();
    settings.automaticBudget = parser.value(o.budget).toDouble();
    if (parser.isSet(o.noCalibration)) {
        settings.calibrate = false;
    }
    settings.featureCache = !parser.isSet(o.noCache);
    if (parser.isSet(o.cache)) {
        settings.cacheDirectory = parser.value(o.cache).toStdString();
    }
    return settings;
}

QString optionProblem(const QCommandLineParser& parser, const TrainOptions& o) {
    const QString given = cli::givenOptions(parser, o.recipeOptions());
    if (parser.isSet(o.automatic) && parser.isSet(o.recipe)) {
        return "--auto and --recipe exclude each other";
    }
    if (parser.isSet(o.automatic) && !given.isEmpty()) {
        return "--auto chooses the recipe itself: drop " + given + " or --auto";
    }
    if (!tl::testTimeAugmentationFromString(parser.value(o.tta).toStdString())) {
        return "--tta must be off, mirror or mirror+crops";
    }
    return {};
}

QString settingsProblem(const tl::TrainingSettings& s) {
    if (s.epochs < 1)
        return "--epochs must be at least 1";
    if (s.batchSize < 1)
        return "--batch-size must be at least 1";
    if (s.inputSize != 0 && s.inputSize < 32)  // 0: the backbone's training size
        return "--size must be at least 32";
    if (s.validationFraction < 0 || s.validationFraction >= 1)
        return "--val-split must be in [0, 1)";
    if (s.learningRate <= 0)
        return "--learning-rate must be positive";
    if (s.fineTuneLearningRate <= 0)
        return "--fine-tune-learning-rate must be positive";
    if (s.dropout < 0 || s.dropout >= 1)
        return "--dropout must be in [0, 1)";
    if (s.weightDecay < 0)
        return "--weight-decay must not be negative";
    if (s.crossValidationFolds < 0 || s.crossValidationFolds == 1 || s.crossValidationFolds > 20)
        return "--folds must be 0 (none) or 2 to 20";
    if (s.automatic && s.crossValidationFolds < 2)
        return "the automatic recipe chooses by cross-validation: --folds must be at least 2";
    if (!(s.automaticBudget >= 1 && s.automaticBudget <= 100))
        return "--budget must be between 1 and 100 plain runs";
    return {};
}

}  // namespace

int runTrainCommand(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument("data", "Folder with one sub-folder of images per class.",
                                 "DATA_DIR");
    TrainOptions o;
    o.addTo(parser);
    cli::addImageLimitOptions(parser);
    int exitCode = 0;
    if (!cli::parse(
            parser, args,
            "transferlab-cli train DATA_DIR [--backbone NAME|PATH] --out MODEL_DIR [options]\n"
            "Trains a classifier on a frozen ImageNet backbone (the Keras transfer-learning "
            "recipe) and saves it. Without recipe options the automatic recipe chooses the "
            "settings by cross-validation (--auto); --recipe is the published recipe exactly; "
            "options such as --size or --epochs give a custom run. Every run reports k-fold "
            "cross-validated accuracy beside the validation split.",
            &exitCode)) {
        return exitCode;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        return cli::fail("train needs DATA_DIR (see train --help)", 2);
    }
    if (const QString problem = optionProblem(parser, o); !problem.isEmpty()) {
        return cli::fail(problem, 2);
    }
    tl::TrainingSettings settings = settingsFrom(parser, o);
    if (const QString problem = settingsProblem(settings); !problem.isEmpty()) {
        return cli::fail(problem, 2);
    }
    QString limitError;
    if (!cli::applyImageLimits(parser, &limitError)) {
        return cli::fail(limitError, 2);
    }
    cli::configureThreads(parser.value(o.threads).toInt());
    try {
        const auto data = cli::toPath(positional.first());
        const auto out =
            parser.isSet(o.out) ? cli::toPath(parser.value(o.out)) : std::filesystem::path();
        if (!out.empty()) {
            tl::ModelFolder(out).checkReplaceable({data});  // before any work starts
        }
        const auto dataset =
            tl::ImageFolderDataset::scan(data, {settings.validationFraction, settings.seed});
        return cli::trainAndReport(dataset, settings, out, parser.isSet(o.json),
                                   parser.isSet(o.quiet));
    } catch (const std::exception& error) {
        return cli::fail(error);
    }
}
