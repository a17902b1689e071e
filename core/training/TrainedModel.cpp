// SPDX-License-Identifier: MIT
#include "training/TrainedModel.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

#include <mutex>
#include <stdexcept>

#include "backbones/BackboneLoader.h"
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
            {"activation", config.isBinary() ? "sigmoid" : "softmax"}};
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
            {"validation", toJson(validation)}};
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

struct TrainedModel::InferenceCache {
    std::mutex mutex;
    std::shared_ptr<Backbone> backbone;
    std::shared_ptr<FeatureExtractor> extractor;
};

TrainedModel::TrainedModel() : inference_(std::make_shared<InferenceCache>()) {}
TrainedModel::~TrainedModel() = default;
TrainedModel::TrainedModel(const TrainedModel&) = default;
TrainedModel::TrainedModel(TrainedModel&&) noexcept = default;
TrainedModel& TrainedModel::operator=(const TrainedModel&) = default;
TrainedModel& TrainedModel::operator=(TrainedModel&&) noexcept = default;

std::vector<ImagePrediction> TrainedModel::predict(const std::vector<fs::path>& images,
                                                   std::vector<SkippedFile>* skipped) const {
    return predict(images, skipped, {}, {});
}

std::vector<ImagePrediction> TrainedModel::predict(const std::vector<fs::path>& images,
                                                   std::vector<SkippedFile>* skipped,
                                                   const Progress& progress,
                                                   const CancelCheck& checkCanceled) const {
    if (!backbone || !head) {
        throw std::logic_error("nothing to predict with: the model is not trained");
    }
    std::shared_ptr<FeatureExtractor> extractor;
    {
        std::lock_guard lock(inference_->mutex);
        if (!inference_->extractor || inference_->backbone != backbone) {
            inference_->backbone = backbone;
            inference_->extractor = std::make_shared<FeatureExtractor>(
                LoadedBackbone{backbone, backboneReference, backboneSha256}, AugmentationSettings{},
                0, FeatureCache());
        }
        extractor = inference_->extractor;
    }
    FeatureExtractor::Result extracted =
        extractor->extract(images, 1, false, progress, checkCanceled);
    if (skipped) {
        skipped->insert(skipped->end(), extracted.skipped.begin(), extracted.skipped.end());
    }
    std::vector<ImagePrediction> predictions;
    if (extracted.kept.empty()) {
        return predictions;
    }
    torch::InferenceMode inference;
    const torch::Tensor probabilities =
        head->probabilities(head->forward(extracted.features.select(1, 0))).contiguous();
    for (size_t i = 0; i < extracted.kept.size(); ++i) {
        ImagePrediction prediction;
        prediction.path = images[extracted.kept[i]].u8string();
        const auto row = probabilities[static_cast<int64_t>(i)];
        prediction.probabilities.assign(row.data_ptr<float>(), row.data_ptr<float>() + row.numel());
        prediction.predictedLabel = static_cast<int>(row.argmax().item<int64_t>());
        predictions.push_back(std::move(prediction));
    }
    return predictions;
}

EvaluationReport TrainedModel::evaluate(const ImageFolderDataset& dataset,
                                        std::vector<SkippedFile>* skipped,
                                        const Progress& progress) const {
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
    auto predictions = predict(paths, skipped, progress, {});
    for (auto& prediction : predictions) {
        prediction.trueLabel = truth[prediction.path];
    }
    return EvaluationReport::compute(classNames, std::move(predictions));
}

}  // namespace tl
