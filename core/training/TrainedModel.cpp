// SPDX-License-Identifier: MIT
#include "training/TrainedModel.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

#include <map>
#include <mutex>
#include <stdexcept>

#include "backbones/BackboneLoader.h"
#include "data/Augmenter.h"
#include "data/ImageDecoder.h"
#include "support/Errors.h"
#include "support/Paths.h"
#include "support/RegularFile.h"
#include "training/FeatureExtractor.h"
#include "training/JsonConversions.h"
#include "training/ModelFolder.h"
#include "training/ModelManifest.h"
#include "training/ModuleArchive.h"

namespace tl {

namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kMaxModelJsonBytes = 64 << 20;

void writeJson(const fs::path& path, const QJsonObject& json) {
    QSaveFile file(toQString(path));
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(json).toJson()) < 0 ||
        !file.commit()) {
        throw FileSystemError("cannot write '" + path.u8string() +
                              "': " + file.errorString().toStdString());
    }
}

void saveModule(torch::nn::Module& module, const fs::path& path) {
    torch::serialize::OutputArchive archive;
    module.save(archive);
    archive.save_to(path.string());
}

QByteArray readModelJson(const fs::path& folder) {
    const fs::path path = folder / "model.json";
    RegularFile file(path);
    std::vector<unsigned char> bytes;
    if (!file.isOpen()) {
        std::error_code error;
        throw ImportError(
            fs::exists(folder, error)
                ? "'" + folder.u8string() +
                      "' is not a TransferLab model folder (model.json: " + file.problem() + ")"
                : "model folder not found: '" + folder.u8string() + "'",
            path);
    }
    if (!file.readAll(&bytes, kMaxModelJsonBytes)) {
        throw ImportError("cannot read '" + path.u8string() + "': " + file.problem(), path);
    }
    return QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size()));
}

QJsonObject headJson(const HeadConfig& config) {
    QJsonArray hidden;
    for (int64_t units : config.hiddenUnits) {
        hidden.append(static_cast<qint64>(units));
    }
    return {{"input_features", static_cast<qint64>(config.inputFeatures)},
            {"hidden_units", hidden},
            {"classes", config.numClasses},
            {"output_bias", config.outputBias},
            {"activation", config.isBinary() ? "sigmoid" : "softmax"},
            {"temperature", config.temperature}};
}

}  // namespace

void TrainedModel::save(const fs::path& folder) const {
    if (!backbone || !head) {
        throw std::logic_error("nothing to save: the model is not trained");
    }
    const ModelFolder destination(folder);
    destination.recover();
    destination.checkReplaceable();
    const fs::path staged = destination.createStaging();
    try {
        const BackboneSpec& spec = backbone->spec();
        QJsonArray classes;
        for (const auto& name : classNames) {
            classes.append(QString::fromStdString(name));
        }
        const QJsonObject json{
            {"format", ModelFolder::kFormatTag},
            {"version", ModelManifest::kVersion},
            {"classes", classes},
            {"backbone", QJsonObject{{"reference", QString::fromStdString(backboneReference)},
                                     {"sha256", QString::fromStdString(backboneSha256)},
                                     {"architecture", QString::fromStdString(spec.architecture)},
                                     {"alpha", spec.alpha},
                                     {"input_size", spec.inputSize},
                                     {"preprocessing",
                                      QString::fromStdString(toString(backbone->preprocessing()))},
                                     {"fine_tuned", backboneFineTuned}}},
            {"head", headJson(head->config())},
            {"settings", toJson(settings)},
            {"history", toJson(history)},
            {"validation", toJson(validation)},
            {"cross_validation", toJson(crossValidation, classNames)},
            {"cross_validation_details", crossValidationDetailsJson(crossValidation)},
            {"calibration", toJson(calibration)},
            {"automatic_recipe", toJson(automaticRecipe)},
            {"test_time_augmentation", QString::fromStdString(toString(testTimeAugmentation))}};
        saveModule(*head, staged / "head.pt");
        if (backboneFineTuned) {
            saveModule(*backbone, staged / "backbone.pt");
        }
        writeJson(staged / "model.json", json);
        destination.commit(staged);
    } catch (...) {
        destination.discard(staged);
        throw;
    }
}

TrainedModel TrainedModel::load(const fs::path& folder) {
    ModelFolder(folder).recover();
    // Everything model.json declares is validated before anything is built from it, and the
    // weight files are checked against it (ModelManifest, ModuleArchive).
    const fs::path jsonPath = folder / "model.json";
    const QByteArray bytes = readModelJson(folder);
    const ModelManifest manifest = ModelManifest::parse(bytes, jsonPath);
    const QJsonObject json = QJsonDocument::fromJson(bytes).object();

    TrainedModel model;
    model.classNames = manifest.classNames;
    model.settings = trainingSettingsFromJson(json.value("settings").toObject());
    model.settings.inputSize = manifest.inputSize;
    model.history = trainingHistoryFromJson(json.value("history").toArray());
    model.validation = evaluationReportFromJson(json.value("validation").toObject());
    model.backboneReference = manifest.backboneReference;
    model.backboneSha256 = manifest.backboneSha256;
    model.backboneFineTuned = manifest.backboneFineTuned;
    model.crossValidation = crossValidationSummaryFromJson(
        json.value("cross_validation"), json.value("cross_validation_details").toObject(),
        model.classNames);
    model.calibration = calibrationReportFromJson(json.value("calibration").toObject());
    model.automaticRecipe = autoRecipeReportFromJson(json.value("automatic_recipe"));
    const QString testTime = json.value("test_time_augmentation").toString("off");
    const auto mode = testTimeAugmentationFromString(testTime.toStdString());
    if (!mode) {
        throw ImportError(
            "model.json: unknown test_time_augmentation '" + testTime.toStdString() + "'",
            jsonPath);
    }
    model.testTimeAugmentation = *mode;

    LoadedBackbone loaded = loadBackbone(model.backboneReference, manifest.inputSize);
    if (!model.backboneFineTuned && loaded.sha256 != model.backboneSha256) {
        throw ImportError("the backbone '" + model.backboneReference +
                          "' changed since this model was trained (SHA-256 differs)");
    }
    manifest.checkBackbone(loaded.backbone->spec().architecture, loaded.backbone->featureChannels(),
                           jsonPath);
    model.backbone = loaded.backbone;
    if (model.backboneFineTuned) {
        ModuleArchive::load(*model.backbone, folder / "backbone.pt");
    }
    model.backbone->eval();
    model.head = std::make_shared<ClassifierHead>(manifest.head);
    ModuleArchive::load(*model.head, folder / "head.pt");
    model.head->eval();
    return model;
}

// The extractors predictions use, built on the first prediction and kept (copies of the model
// share them; a different backbone builds its own): the photo itself, and the fixed test-time
// views (mirror; centre crop and its mirror).
struct TrainedModel::InferenceCache {
    std::mutex mutex;
    std::shared_ptr<Backbone> backbone;
    std::map<AugmentationSettings::FixedViews, std::shared_ptr<FeatureExtractor>> extractors;
};

TrainedModel::TrainedModel() : inference_(std::make_shared<InferenceCache>()) {}
TrainedModel::~TrainedModel() = default;
TrainedModel::TrainedModel(const TrainedModel&) = default;
TrainedModel::TrainedModel(TrainedModel&&) noexcept = default;
TrainedModel& TrainedModel::operator=(const TrainedModel&) = default;
TrainedModel& TrainedModel::operator=(TrainedModel&&) noexcept = default;

std::shared_ptr<FeatureExtractor> TrainedModel::extractorFor(
    AugmentationSettings::FixedViews views) const {
    std::lock_guard lock(inference_->mutex);
    if (inference_->backbone != backbone) {
        inference_->backbone = backbone;
        inference_->extractors.clear();
    }
    auto& extractor = inference_->extractors[views];
    if (!extractor) {
        const AugmentationSettings augmentation = views == AugmentationSettings::FixedViews::None
                                                      ? AugmentationSettings{}
                                                      : testTimeViewSettings(views);
        extractor = std::make_shared<FeatureExtractor>(
            LoadedBackbone{backbone, backboneReference, backboneSha256}, augmentation, 0,
            FeatureCache());
    }
    return extractor;
}

std::vector<ImagePrediction> TrainedModel::predict(const std::vector<fs::path>& images,
                                                   std::vector<SkippedFile>* skipped) const {
    return predict(images, skipped, testTimeAugmentation);
}

std::vector<ImagePrediction> TrainedModel::predict(const std::vector<fs::path>& images,
                                                   std::vector<SkippedFile>* skipped,
                                                   TestTimeAugmentation mode,
                                                   const Progress& progress,
                                                   const CancelCheck& checkCanceled) const {
    if (!backbone || !head) {
        throw std::logic_error("nothing to predict with: the model is not trained");
    }
    using FixedViews = AugmentationSettings::FixedViews;
    // Each pass: which extractor, how many views per photo.
    std::vector<std::pair<FixedViews, int>> passes{{FixedViews::None, 1}};
    if (mode != TestTimeAugmentation::Off) {
        passes.push_back({FixedViews::Mirror, 1});
    }
    if (mode == TestTimeAugmentation::MirrorAndCrops) {
        passes.push_back({FixedViews::Crops, 2});
    }
    const size_t total = images.size() * static_cast<size_t>(testTimeViewCount(mode));
    size_t done = 0;
    auto passProgress = [&](size_t views) -> Progress {
        if (!progress) {
            return {};
        }
        const size_t before = done;
        return [&progress, before, views, total](size_t count, size_t) {
            progress(before + count * views, total);
        };
    };

    FeatureExtractor::Result plain =
        extractorFor(FixedViews::None)->extract(images, 1, false, passProgress(1), checkCanceled);
    done += images.size();
    if (skipped) {
        skipped->insert(skipped->end(), plain.skipped.begin(), plain.skipped.end());
    }
    std::vector<ImagePrediction> predictions;
    if (plain.kept.empty()) {
        return predictions;
    }
    torch::InferenceMode inference;
    torch::Tensor sum = head->probabilities(head->forward(plain.features.select(1, 0)));
    int views = 1;
    // The other views of the photos that decoded: a photo decodes the same every time.
    std::vector<fs::path> kept;
    for (size_t index : plain.kept) {
        kept.push_back(images[index]);
    }
    for (size_t pass = 1; pass < passes.size(); ++pass) {
        const auto [fixed, count] = passes[pass];
        FeatureExtractor::Result extra = extractorFor(fixed)->extract(
            kept, count, false, passProgress(static_cast<size_t>(count)), checkCanceled);
        done += kept.size() * static_cast<size_t>(count);
        if (!extra.skipped.empty()) {  // changed on disk since the first pass
            throw DecodeError(extra.skipped.front().path,
                              "could not be read again for test-time augmentation: " +
                                  extra.skipped.front().reason);
        }
        for (int view = 0; view < count; ++view) {
            sum = sum + head->probabilities(head->forward(extra.features.select(1, view)));
        }
        views += count;
    }
    const torch::Tensor probabilities = (sum / static_cast<double>(views)).contiguous();
    for (size_t i = 0; i < plain.kept.size(); ++i) {
        ImagePrediction prediction;
        prediction.path = images[plain.kept[i]].u8string();
        const auto row = probabilities[static_cast<int64_t>(i)];
        prediction.probabilities.assign(row.data_ptr<float>(), row.data_ptr<float>() + row.numel());
        prediction.predictedLabel = static_cast<int>(row.argmax().item<int64_t>());
        predictions.push_back(std::move(prediction));
    }
    return predictions;
}

EvaluationReport TrainedModel::evaluate(const ImageFolderDataset& dataset,
                                        std::vector<SkippedFile>* skipped) const {
    return evaluate(dataset, skipped, testTimeAugmentation);
}

EvaluationReport TrainedModel::evaluate(const ImageFolderDataset& dataset,
                                        std::vector<SkippedFile>* skipped,
                                        TestTimeAugmentation mode, const Progress& progress) const {
    std::vector<int> labelMap;
    for (const auto& name : dataset.classNames()) {
        const auto found = std::find(classNames.begin(), classNames.end(), name);
        if (found == classNames.end()) {
            throw DatasetError("class '" + name + "' of the dataset is unknown to the model");
        }
        labelMap.push_back(static_cast<int>(found - classNames.begin()));
    }
    std::vector<fs::path> paths;
    std::map<std::string, int> truth;
    for (const auto& image : dataset.images()) {
        paths.push_back(image.path);
        truth[image.path.u8string()] = labelMap[image.label];
    }
    auto predictions = predict(paths, skipped, mode, progress);
    for (auto& prediction : predictions) {
        prediction.trueLabel = truth[prediction.path];
    }
    return EvaluationReport::compute(classNames, std::move(predictions));
}

}  // namespace tl
