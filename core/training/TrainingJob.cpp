// SPDX-License-Identifier: MIT
#include "training/TrainingJob.h"

#include "support/Errors.h"

#include <QElapsedTimer>

#include <algorithm>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <stdexcept>
#include <thread>

#include "backbones/BackboneLoader.h"
#include "backbones/NativeInputSize.h"
#include "data/Augmenter.h"
#include "data/Preprocessing.h"
#include "nn/ClassifierHead.h"
#include "training/AutoRecipe.h"
#include "training/CrossValidation.h"
#include "training/DecodedImageCache.h"
#include "training/FeatureExtractor.h"
#include "training/FeatureSource.h"
#include "training/HeadTrainer.h"
#include "training/ModelFolder.h"
#include "training/OutOfFoldViews.h"
#include "training/TemperatureScaling.h"
#include "training/TrainedModel.h"

namespace tl {

namespace fs = std::filesystem;

// Features and labels of one split, as the head trainer consumes them.
struct TrainingJob::Features {
    torch::Tensor train, validation;  // [n, views, channels]
    torch::Tensor trainLabels, validationLabels;
    std::vector<std::string> validationPaths;
    // The photos of the rows, for fine-tuning, which runs the base on them again: decoded
    // from disk as it goes (DecodedImageCache), never all held in memory.
    std::vector<fs::path> trainFiles, validationFiles;
    // Test-time views of the validation photos [m, V, channels] (mirror, crops), when the
    // model averages them.
    torch::Tensor validationViews;
};

// The automatic recipe's cross-validation of its choice, reused for the reported figures.
struct TrainingJob::AutoChoice {
    CrossValidationResult crossValidation;
    torch::Tensor outOfFoldScores;  // [n, views, classes] in the chosen prediction mode
};

namespace {

// Decoded photos fine-tuning keeps in memory at most (training and validation together).
constexpr int64_t kFineTuneImageBudget = int64_t(256) << 20;
// Why no temperature was fitted, as saved in model.json (calibrationNoteText() translates).
constexpr const char* kCalibrationOff = "calibration is off (the published recipe)";
constexpr const char* kTooFewToCalibrate = "too few training photos to fit a temperature";
constexpr const char* kNothingToCalibrate =
    "every out-of-fold prediction was right: no temperature fitted";

// Fewer photos than this give no temperature: the fit would follow noise.
constexpr int kMinimumCalibrationPhotos = 30;

double expectedCalibrationError(const torch::Tensor& probabilities, const torch::Tensor& labels) {
    return CalibrationReport::expectedCalibrationError(TemperatureScaling::rows(probabilities),
                                                       TemperatureScaling::labelsOf(labels));
}

// Temperature scaling fitted on out-of-fold scores; its effect scored on cross-fitted
// predictions (each fold's temperature fitted on the other folds).
CalibrationReport calibrationOf(const torch::Tensor& scores, const torch::Tensor& labels,
                                const std::vector<int>& foldOf, int folds, bool enabled) {
    CalibrationReport report;
    report.samples = static_cast<int>(labels.size(0));
    const torch::Tensor uncalibrated = TemperatureScaling::probabilities(scores, 1.0);
    report.eceBefore = expectedCalibrationError(uncalibrated, labels);
    const bool anyWrong = (uncalibrated.argmax(1) != labels).any().item<bool>();
    if (!enabled) {
        report.note = kCalibrationOff;
    } else if (report.samples < kMinimumCalibrationPhotos) {
        report.note = kTooFewToCalibrate;
    } else if (!anyWrong) {
        // With no mistake the likelihood keeps rising as T falls: the fit would make every
        // probability 1. Keep the network's own probabilities.
        report.note = kNothingToCalibrate;
    } else {
        report.fitted = true;
        report.temperature = TemperatureScaling::fit(scores, labels);
        const torch::Tensor crossFitted =
            TemperatureScaling::crossFittedProbabilities(scores, labels, foldOf, folds);
        report.eceAfter = expectedCalibrationError(crossFitted, labels);
        report.eceAfterFloor = CalibrationReport::eceFloor(TemperatureScaling::rows(crossFitted));
    }
    return report;
}

struct Split {
    std::vector<fs::path> paths;
    std::vector<int64_t> labels;
};

Split splitOf(const ImageFolderDataset& dataset, Subset subset) {
    Split split;
    for (const auto& image : dataset.subset(subset)) {
        split.paths.push_back(image.path);
        split.labels.push_back(image.label);
    }
    return split;
}

torch::Tensor labelsOf(const Split& split, const std::vector<size_t>& kept) {
    std::vector<int64_t> labels;
    for (size_t index : kept) {
        labels.push_back(split.labels[index]);
    }
    return torch::tensor(labels, torch::kInt64);
}

// Embeddings [n, 1, channels] of the cached photos with the (possibly fine-tuned) base.
torch::Tensor reembed(Backbone& backbone, DecodedImageCache& images, int batchSize) {
    torch::NoGradGuard noGrad;
    std::vector<torch::Tensor> parts;
    const auto count = static_cast<int64_t>(images.size());
    for (int64_t start = 0; start < count; start += batchSize) {
        std::vector<int64_t> rows(static_cast<size_t>(std::min<int64_t>(batchSize, count - start)));
        std::iota(rows.begin(), rows.end(), start);
        parts.push_back(backbone.embed(toInputBatch(images.get(rows), backbone.preprocessing())));
    }
    if (parts.empty()) {
        return torch::empty({0, 1, backbone.featureChannels()});
    }
    return torch::cat(parts, 0).unsqueeze(1);
}

std::vector<fs::path> keptPaths(const Split& split, const std::vector<size_t>& kept) {
    std::vector<fs::path> paths;
    paths.reserve(kept.size());
    for (size_t index : kept) {
        paths.push_back(split.paths[index]);
    }
    return paths;
}

}  // namespace

TrainingJob::TrainingJob(ImageFolderDataset dataset, TrainingSettings settings,
                         fs::path outputFolder, QObject* parent)
    : BackboneJob(JobWeight::Compute, parent),
      dataset_(std::move(dataset)),
      settings_(std::move(settings)),
      outputFolder_(std::move(outputFolder)) {
    qRegisterMetaType<tl::BatchMetrics>();
    qRegisterMetaType<tl::EpochMetrics>();
}

TrainingJob::~TrainingJob() = default;

void TrainingJob::run() {
    if (dataset_.classNames().size() < 2) {
        throw DatasetError("training needs at least two classes; found " +
                           std::to_string(dataset_.classNames().size()));
    }
    const auto trainingCounts = dataset_.countPerClass(Subset::Training);
    for (size_t c = 0; c < trainingCounts.size(); ++c) {
        if (trainingCounts[c] == 0) {
            throw DatasetError("class '" + dataset_.classNames()[c] + "' has no training images");
        }
    }
    // Refused before any work starts: the destination must be TransferLab's to replace.
    if (!outputFolder_.empty()) {
        const ModelFolder destination(outputFolder_);
        destination.recover();
        destination.checkReplaceable(dataset_.photoFolders());
    }
    torch::manual_seed(settings_.seed);
    int nativeSize = 0;
    if (settings_.automatic) {
        // The search starts at the backbone's own training size, extracted first.
        nativeSize = nativeInputSize(settings_.backbone);
        settings_.inputSize = AutoRecipe::firstSize(nativeSize);
    }

    setPhase(QStringLiteral("loading-backbone"), tr("Loading backbone"));
    LoadedBackbone backbone = loadReportingBackbone(settings_.backbone, settings_.inputSize);
    if (settings_.inputSize <= 0) {
        settings_.inputSize = backbone.backbone->spec().inputSize;  // the backbone's own size
    }
    throwIfCanceled();
    FeatureCache cache;
    if (settings_.featureCache) {
        cache =
            FeatureCache(settings_.cacheDirectory.empty() ? FeatureCache::defaultFolder()
                                                          : fs::u8path(settings_.cacheDirectory));
    }
    source_ = std::make_unique<FeatureSource>(settings_.backbone, cache, settings_.seed,
                                              backboneLoadHooks(), [this] { throwIfCanceled(); });
    source_->adopt(settings_.inputSize, backbone);
    // Fixed views (the photo's mirror) are extracted beside the photos, not instead of them.
    const bool fixedViews =
        settings_.augmentation.fixedViews != AugmentationSettings::FixedViews::None;
    FeatureExtractor extractor(backbone,
                               fixedViews ? AugmentationSettings{} : settings_.augmentation,
                               settings_.seed, cache);
    throwIfCanceled();

    Features features = extractFeatures(extractor);
    if (fixedViews && settings_.augmentation.enabled) {
        features.train = torch::cat(
            {features.train,
             source_->features(features.trainFiles, {settings_.inputSize, settings_.augmentation,
                                                     settings_.augmentation.viewsPerImage})},
            1);
    }
    if (settings_.automatic) {
        automaticRecipe_.nativeInputSize = nativeSize;
        chooseAutomatically(features);
    }
    trainHead(features);
    const bool fineTuning =
        settings_.fineTuneBlocks > 0 && settings_.fineTuneEpochs > 0 && !finishEarly_.load();
    crossValidate(features);
    if (fineTuning) {
        fineTune(features);
        if (settings_.testTimeAugmentation != TestTimeAugmentation::Off) {
            log(
                tr("The validation figures are without test-time augmentation (the base was "
                   "fine-tuned); predictions use it"));
        }
    } else if (settings_.testTimeAugmentation != TestTimeAugmentation::Off &&
               !features.validationFiles.empty()) {
        features.validationViews = source_->testTimeViews(
            features.validationFiles, settings_.inputSize, settings_.testTimeAugmentation);
    }
    evaluate(features);

    if (!outputFolder_.empty()) {
        setPhase(QStringLiteral("saving"), tr("Saving"));
        throwIfCanceled();
        ModelFolder(outputFolder_).checkReplaceable(dataset_.photoFolders());
        model_->save(outputFolder_);
        log(tr("Saved the model to %1").arg(QString::fromStdU16String(outputFolder_.u16string())));
    }
}

TrainingJob::Features TrainingJob::extractFeatures(FeatureExtractor& extractor) {
    setPhase(QStringLiteral("extracting-features"), tr("Extracting features"));
    QElapsedTimer timer;
    timer.start();
    const Split train = splitOf(dataset_, Subset::Training);
    const Split validation = splitOf(dataset_, Subset::Validation);
    const size_t total = train.paths.size() + validation.paths.size();
    auto cancelCheck = [this] { throwIfCanceled(); };
    auto progressFrom = [this, total](size_t offset) {
        return [this, total, offset](size_t done, size_t) {
            setProgress(double(offset + done) / total,
                        tr("%1 of %2 images").arg(offset + done).arg(total));
        };
    };
    const int views = settings_.augmentation.enabled ? settings_.augmentation.viewsPerImage : 1;
    Features features;
    auto trainResult = extractor.extract(train.paths, views, false, progressFrom(0), cancelCheck);
    auto validationResult = extractor.extract(validation.paths, 1, false,
                                              progressFrom(train.paths.size()), cancelCheck);
    features.trainFiles = keptPaths(train, trainResult.kept);
    features.validationFiles = keptPaths(validation, validationResult.kept);

    features.train = trainResult.features;
    features.trainLabels = labelsOf(train, trainResult.kept);
    features.validation = validationResult.features;
    features.validationLabels = labelsOf(validation, validationResult.kept);
    for (size_t index : validationResult.kept) {
        features.validationPaths.push_back(validation.paths[index].u8string());
    }
    skipped_ = trainResult.skipped;
    skipped_.insert(skipped_.end(), validationResult.skipped.begin(),
                    validationResult.skipped.end());
    for (const auto& file : skipped_) {
        log(tr("Skipped %1").arg(QString::fromStdString(file.reason)));
    }
    cacheHits_ = trainResult.cacheHits + validationResult.cacheHits;
    cacheMisses_ = trainResult.computed + validationResult.computed;
    featureSeconds_ = timer.elapsed() / 1000.0;
    log(tr("Features of %1 images in %2 s (%3 from the cache)")
            .arg(cacheHits_ + cacheMisses_)
            .arg(featureSeconds_, 0, 'f', 1)
            .arg(cacheHits_));

    model_ = std::make_shared<TrainedModel>();
    model_->backbone = extractor.backbone().backbone;
    model_->backboneReference = extractor.backbone().reference;
    model_->backboneSha256 = extractor.backbone().sha256;
    return features;
}

// The automatic recipe chooses by cross-validation on the training photos; the validation
// split is only re-extracted at the chosen size.
void TrainingJob::chooseAutomatically(Features& features) {
    setPhase(QStringLiteral("choosing-recipe"), tr("Choosing the recipe"));
    QElapsedTimer timer;
    timer.start();
    const int folds = crossValidationFolds();
    if (folds < 2) {
        automaticRecipe_.skipped.push_back(
            "the automatic recipe: too few training photos per class for cross-validation; "
            "trained the recommended recipe at " +
            std::to_string(settings_.inputSize) + " px");
        log(
            tr("Too few photos per class for the automatic recipe: training the recommended "
               "recipe"));
        settings_.automatic = false;
        return;
    }
    AutoRecipe::Sources sources;
    sources.features = [this, &features](const FeatureRequest& request) {
        return source_->features(features.trainFiles, request);
    };
    sources.estimateSeconds = [this, &features](const FeatureRequest& request) {
        return source_->estimate(features.trainFiles, request);
    };
    sources.validationPhotos = static_cast<int>(features.validationFiles.size());
    sources.groups = foldGroups(features.trainFiles);
    TrainingSettings start = settings_;
    start.crossValidationFolds = folds;
    AutoRecipe recipe(start, static_cast<int>(dataset_.classNames().size()), sources);
    recipe.setNativeInputSize(automaticRecipe_.nativeInputSize);
    recipe.setCancelCheck([this] { throwIfCanceled(); });
    recipe.setLog([this](const std::string& line) { log(QString::fromStdString(line)); });
    recipe.setProgress([this](double fraction, const std::string& step) {
        setProgress(fraction, QString::fromStdString(step));
    });
    // A plain run computes every photo's features at the first size: what that costs from
    // scratch, whether or not they came from the cache this time.
    const double trainPhotos = std::max<double>(1, features.trainFiles.size());
    const double allPhotos = double(features.trainFiles.size() + features.validationFiles.size());
    const double primaryCost =
        source_->estimate(features.trainFiles, {settings_.inputSize, {}, 1}) * allPhotos /
        trainPhotos;
    AutoRecipe::Outcome outcome = recipe.run({features.train, features.trainLabels}, primaryCost);
    automaticRecipe_ = outcome.report;

    TrainingSettings chosen = outcome.settings;
    chosen.automatic = true;  // for the record: these settings were chosen, not given
    chosen.crossValidationFolds = settings_.crossValidationFolds;
    if (chosen.inputSize != settings_.inputSize) {
        model_->backbone = source_->backboneAt(chosen.inputSize).backbone;
        features.validation =
            features.validationFiles.empty()
                ? torch::empty({0, 1, features.train.size(2)})
                : source_->features(features.validationFiles, {chosen.inputSize, {}, 1});
    }
    features.train = outcome.training.features;
    settings_ = chosen;
    autoChoice_ = std::make_unique<AutoChoice>(
        AutoChoice{std::move(outcome.crossValidation), outcome.outOfFoldScores});
    automaticRecipeSeconds_ = timer.elapsed() / 1000.0;
}

// The calibration report's note (English, as saved in model.json) in the user's language.
QString TrainingJob::calibrationNoteText(const CalibrationReport& report) {
    if (report.note == kCalibrationOff) {
        return tr("calibration is off (the published recipe)");
    }
    if (report.note == kTooFewToCalibrate) {
        return tr("too few training photos to fit a temperature");
    }
    if (report.note == kNothingToCalibrate) {
        return tr("every out-of-fold prediction was right: no temperature fitted");
    }
    return QString::fromStdString(report.note);
}

// The dataset's keep-together groups (near-duplicates) as one id per photo, -1 for none.
std::vector<int> TrainingJob::foldGroups(const std::vector<fs::path>& photos) const {
    std::map<std::string, int> groupOf;
    const auto& groups = dataset_.splitOptions().keepTogether;
    for (size_t g = 0; g < groups.size(); ++g) {
        for (const std::string& member : groups[g]) {
            groupOf.emplace(member, static_cast<int>(g));
        }
    }
    std::vector<int> ids;
    ids.reserve(photos.size());
    for (const fs::path& photo : photos) {
        const auto found = groupOf.find(ImageFolderDataset::relativePathOf(photo, dataset_.root()));
        ids.push_back(found == groupOf.end() ? -1 : found->second);
    }
    return ids;
}

int TrainingJob::crossValidationFolds() const {
    if (settings_.crossValidationFolds < 2) {
        return 0;
    }
    // Stratified folds need a photo of every class in each.
    const auto counts = dataset_.countPerClass(Subset::Training);
    const int smallest = counts.empty() ? 0 : *std::min_element(counts.begin(), counts.end());
    return std::min(settings_.crossValidationFolds, smallest);
}

// k-fold figures of the final settings on the training photos, and the temperature fitted on
// their out-of-fold predictions (in the model's prediction mode).
void TrainingJob::crossValidate(Features& features) {
    setPhase(QStringLiteral("cross-validating"), tr("Cross-validating"));
    QElapsedTimer timer;
    timer.start();
    const int classes = static_cast<int>(dataset_.classNames().size());
    const int folds = crossValidationFolds();
    auto without = [this](const std::string& why) {
        crossValidation_ = CrossValidationSummary::unavailable(why);
        calibration_ = {};
        calibration_.note = "not calibrated: " + why;
        log(QString::fromStdString("No cross-validation: " + why));
    };
    if (settings_.fineTuneBlocks > 0 && settings_.fineTuneEpochs > 0) {
        return without(
            "fine-tuning runs report the validation split only (k folds would fine-tune the "
            "base k more times)");
    }
    if (settings_.crossValidationFolds <= 0) {
        return without("cross-validation is turned off");
    }
    if (folds < 2) {
        return without("too few training photos per class for two folds");
    }
    const FeatureSet data{features.train, features.trainLabels};
    CrossValidationResult cv;
    torch::Tensor scores;
    if (autoChoice_) {
        cv = autoChoice_->crossValidation;
        scores = autoChoice_->outOfFoldScores;
    } else {
        cv = CrossValidation::run(
            settings_, classes, data, folds, settings_.seed, foldGroups(features.trainFiles),
            [this] { throwIfCanceled(); },
            [this](int done, int total) {
                setProgress(double(done) / total, tr("Fold %1 of %2").arg(done).arg(total));
            });
        scores = cv.outOfFoldScores.unsqueeze(1);
        if (settings_.testTimeAugmentation != TestTimeAugmentation::Off) {
            scores = OutOfFoldViews::scores(
                cv, source_->testTimeViews(features.trainFiles, settings_.inputSize,
                                           settings_.testTimeAugmentation));
        }
    }
    crossValidation_ = OutOfFoldViews::summary(TemperatureScaling::probabilities(scores, 1.0),
                                               features.trainLabels, cv.foldOf, folds);
    if (scores.size(1) > 1) {
        const auto plain = cv.outOfFoldProbabilities.argmax(1) == features.trainLabels;
        crossValidation_.accuracyWithoutTestTime = plain.to(torch::kFloat64).mean().item<double>();
        crossValidation_.note =
            "test-time augmentation (" + toString(settings_.testTimeAugmentation) + ")";
    }
    log(tr("Cross-validated accuracy %1 ± %2 (%3 folds, %4 of %5 training photos right out of "
           "fold%6)")
            .arg(crossValidation_.accuracyMean, 0, 'f', 4)
            .arg(crossValidation_.accuracySd, 0, 'f', 4)
            .arg(folds)
            .arg(crossValidation_.correct)
            .arg(crossValidation_.samples)
            .arg(scores.size(1) > 1 ? tr(", with test-time augmentation") : QString()));

    calibration_ =
        calibrationOf(scores, features.trainLabels, cv.foldOf, folds, settings_.calibrate);
    if (calibration_.fitted) {
        model_->head->setTemperature(calibration_.temperature);
        log(tr("Calibration: temperature %1; expected calibration error out of fold %2 -> %3 "
               "(a perfectly calibrated model would show %4 on these photos)")
                .arg(calibration_.temperature, 0, 'f', 3)
                .arg(calibration_.eceBefore, 0, 'f', 4)
                .arg(calibration_.eceAfter, 0, 'f', 4)
                .arg(calibration_.eceAfterFloor, 0, 'f', 4));
    } else {
        log(tr("Calibration: %1").arg(calibrationNoteText(calibration_)));
    }
    crossValidationSeconds_ = timer.elapsed() / 1000.0;
}

void TrainingJob::trainHead(Features& features) {
    setPhase(QStringLiteral("training"), tr("Training"));
    QElapsedTimer timer;
    timer.start();
    HeadTrainer trainer(settings_, static_cast<int>(dataset_.classNames().size()));
    trainer.setCancelCheck([this] { throwIfCanceled(); });
    trainer.setBatchCallback([this](const BatchMetrics& metrics) {
        emit batchFinished(metrics);
        setProgress((metrics.epoch - 1 + double(metrics.batch) / metrics.batchesPerEpoch) /
                        settings_.epochs,
                    tr("Epoch %1/%2").arg(metrics.epoch).arg(settings_.epochs));
    });
    trainer.setEpochCallback(
        [this](const EpochMetrics& metrics) { finishEpoch(metrics, settings_.epochs); });
    trainer.setStopCheck([this] { return finishEarly_.load(); });
    HeadTrainer::Result result = trainer.train({features.train, features.trainLabels},
                                               {features.validation, features.validationLabels});
    if (result.stoppedEarlyAfter > 0) {
        log(tr("Early stopping after epoch %1").arg(result.stoppedEarlyAfter));
    }
    if (result.stoppedOnRequest) {
        log(tr("Stopped after epoch %1 on request; keeping the best epoch's model")
                .arg(result.history.size()));
    }
    model_->head = result.head;
    trainingSeconds_ = timer.elapsed() / 1000.0;
}

// One pass over `count` samples in shuffled batches. `step` trains on one batch of row
// indices; running loss and accuracy are reported after every batch, and cancel is
// honoured between batches.
EpochMetrics TrainingJob::runEpoch(
    int epoch, int totalEpochs, int64_t count, std::mt19937_64& rng,
    const std::function<BatchResult(const std::vector<int64_t>&)>& step) {
    QElapsedTimer timer;
    timer.start();
    const int batches = static_cast<int>((count + settings_.batchSize - 1) / settings_.batchSize);
    std::vector<int64_t> order(count);
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    double lossSum = 0;
    int64_t hits = 0, seen = 0;
    for (int batch = 0; batch < batches; ++batch) {
        throwIfCanceled();
        const int64_t begin = int64_t(batch) * settings_.batchSize;
        const int64_t end = std::min<int64_t>(count, begin + settings_.batchSize);
        const std::vector<int64_t> rows(order.begin() + begin, order.begin() + end);
        const BatchResult result = step(rows);
        lossSum += result.loss * rows.size();
        hits += result.hits;
        seen += static_cast<int64_t>(rows.size());
        emit batchFinished({epoch, batch + 1, batches, lossSum / seen, double(hits) / seen});
        setProgress((epoch - 1 + double(batch + 1) / batches) / totalEpochs,
                    tr("Epoch %1/%2").arg(epoch).arg(totalEpochs));
    }
    EpochMetrics metrics;
    metrics.epoch = epoch;
    metrics.loss = seen ? lossSum / seen : 0.0;
    metrics.accuracy = seen ? double(hits) / seen : 0.0;
    metrics.seconds = timer.elapsed() / 1000.0;
    return metrics;
}

// Validation loss and accuracy of the head on the (unaugmented) validation features.
void TrainingJob::validate(ClassifierHead& head, const Features& features,
                           EpochMetrics& metrics) const {
    head.eval();
    if (features.validation.size(0) == 0) {
        return;
    }
    torch::NoGradGuard noGrad;
    const auto x = features.validation.select(1, 0);
    const HeadLoss result = HeadLoss::of(head, head.forward(x), features.validationLabels, {}, 0.0);
    metrics.validationLoss = result.loss.item<double>();
    metrics.validationAccuracy = double(result.hits) / x.size(0);
}

EpochMetrics TrainingJob::finishEpoch(EpochMetrics metrics, int totalEpochs) {
    history_.push_back(metrics);
    emit epochFinished(metrics);
    emit etaChanged(metrics.seconds * (totalEpochs - metrics.epoch));
    log(tr("Epoch %1/%2 - loss: %3 - accuracy: %4 - val_loss: %5 - val_accuracy: %6 - %7 s%8")
            .arg(metrics.epoch)
            .arg(totalEpochs)
            .arg(metrics.loss, 0, 'f', 4)
            .arg(metrics.accuracy, 0, 'f', 4)
            .arg(metrics.validationLoss, 0, 'f', 4)
            .arg(metrics.validationAccuracy, 0, 'f', 4)
            .arg(metrics.seconds, 0, 'f', 2)
            .arg(metrics.fineTuning ? tr(" (fine-tuning)") : QString()));
    return metrics;
}

// The article's next step: unfreeze the last blocks of the base and train them together
// with the head at a low learning rate. BatchNorm layers stay in inference mode (their
// moving statistics frozen), as Keras recommends, so the small batches cannot wreck them.
void TrainingJob::fineTune(Features& features) {
    setPhase(QStringLiteral("fine-tuning"), tr("Fine-tuning"));
    QElapsedTimer timer;
    timer.start();
    auto& backbone = *model_->backbone;
    auto& head = *model_->head;
    // Parameters an architecture keeps constant (Inception v3's BatchNorm scale, which
    // Keras does not have) stay frozen; everything else of the last blocks trains.
    std::set<const void*> fixedByArchitecture;
    for (auto& parameter : backbone.parameters()) {
        if (!parameter.requires_grad()) {
            fixedByArchitecture.insert(parameter.unsafeGetTensorImpl());
        }
        parameter.set_requires_grad(false);
    }
    std::vector<torch::Tensor> trainable = head.parameters();
    for (const auto& module : backbone.lastBlocks(settings_.fineTuneBlocks)) {
        for (auto& parameter : module->parameters(false)) {
            if (!fixedByArchitecture.count(parameter.unsafeGetTensorImpl())) {
                parameter.set_requires_grad(true);
                trainable.push_back(parameter);
            }
        }
    }
    torch::optim::Adam optimizer(trainable,
                                 torch::optim::AdamOptions(settings_.fineTuneLearningRate));
    const Augmenter augmenter(settings_.augmentation);
    const Preprocessing preprocessing = backbone.preprocessing();
    const cv::Size inputSize(backbone.spec().inputSize, backbone.spec().inputSize);
    // Half the budget each: the 327 alpaca photos are decoded once, 100,000 stream from disk.
    DecodedImageCache trainImages(features.trainFiles, inputSize, kFineTuneImageBudget / 2);
    DecodedImageCache validationImages(features.validationFiles, inputSize,
                                       kFineTuneImageBudget / 2);
    const int64_t count = static_cast<int64_t>(trainImages.size());
    std::mt19937_64 rng(settings_.seed + 1);
    const int firstEpoch = static_cast<int>(history_.size()) + 1;
    const int totalEpochs = firstEpoch - 1 + settings_.fineTuneEpochs;
    backbone.eval();

    for (int epoch = firstEpoch; epoch <= totalEpochs; ++epoch) {
        head.train();
        EpochMetrics metrics =
            runEpoch(epoch, totalEpochs, count, rng, [&](const std::vector<int64_t>& rows) {
                std::vector<cv::Mat> inputs = trainImages.get(rows);
                for (cv::Mat& input : inputs) {
                    const int view = settings_.augmentation.enabled
                                         ? std::uniform_int_distribution<int>(1, 1 << 20)(rng)
                                         : 0;
                    input = augmenter.augment(input, settings_.seed, view);
                }
                const auto y = features.trainLabels.index_select(0, torch::tensor(rows));
                optimizer.zero_grad();
                const auto embedding = backbone.embed(toInputBatch(inputs, preprocessing));
                const HeadLoss result =
                    HeadLoss::of(head, head.forward(embedding), y, {}, settings_.labelSmoothing);
                result.loss.backward();
                optimizer.step();
                return BatchResult{result.loss.item<double>(), result.hits};
            });
        metrics.fineTuning = true;
        features.validation = reembed(backbone, validationImages, settings_.batchSize);
        validate(head, features, metrics);
        finishEpoch(metrics, totalEpochs);
        if (finishEarly_.load()) {
            log(tr("Stopped after epoch %1 on request; keeping this model").arg(epoch));
            break;
        }
    }
    for (auto& parameter : backbone.parameters()) {
        if (!fixedByArchitecture.count(parameter.unsafeGetTensorImpl())) {
            parameter.set_requires_grad(true);  // back to the architecture's own state
        }
    }
    model_->backboneFineTuned = true;
    trainingSeconds_ += timer.elapsed() / 1000.0;
}

void TrainingJob::evaluate(Features& features) {
    setPhase(QStringLiteral("evaluating"), tr("Evaluating"));
    std::vector<ImagePrediction> predictions;
    if (features.validation.size(0) > 0) {
        torch::NoGradGuard noGrad;
        auto& head = *model_->head;
        // The model's prediction mode: the photo, and its test-time views when it averages them.
        torch::Tensor views = features.validation.narrow(1, 0, 1);
        if (features.validationViews.defined()) {
            views = torch::cat({views, features.validationViews}, 1);
        }
        const auto logits = head.forward(views.reshape({-1, views.size(2)}));
        const auto scores = head.classScores(logits).reshape({views.size(0), views.size(1), -1});
        torch::Tensor probabilities = torch::zeros({views.size(0), scores.size(2)});
        for (int64_t v = 0; v < views.size(1); ++v) {
            probabilities +=
                head.probabilities(logits.reshape({views.size(0), views.size(1), -1}).select(1, v));
        }
        probabilities /= static_cast<double>(views.size(1));
        calibration_.validationSamples = static_cast<int>(views.size(0));
        calibration_.validationEceBefore = expectedCalibrationError(
            TemperatureScaling::probabilities(scores, 1.0), features.validationLabels);
        if (calibration_.fitted) {
            calibration_.validationEceAfter =
                expectedCalibrationError(probabilities, features.validationLabels);
        }
        for (int64_t i = 0; i < probabilities.size(0); ++i) {
            ImagePrediction prediction;
            prediction.path = features.validationPaths[i];
            prediction.trueLabel = static_cast<int>(features.validationLabels[i].item<int64_t>());
            prediction.predictedLabel = static_cast<int>(probabilities[i].argmax().item<int64_t>());
            const auto row = probabilities[i].contiguous();
            prediction.probabilities.assign(row.data_ptr<float>(),
                                            row.data_ptr<float>() + row.numel());
            predictions.push_back(std::move(prediction));
        }
    }
    report_ = EvaluationReport::compute(dataset_.classNames(), std::move(predictions));
    if (!history_.empty()) {
        report_.loss = history_.back().validationLoss;
    }
    model_->classNames = dataset_.classNames();
    model_->settings = settings_;
    model_->history = history_;
    model_->validation = report_;
    model_->validation.predictions.clear();
    model_->crossValidation = crossValidation_;
    model_->calibration = calibration_;
    model_->automaticRecipe = automaticRecipe_;
    model_->testTimeAugmentation = settings_.testTimeAugmentation;
}

}  // namespace tl
