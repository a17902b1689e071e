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
#include "training/FeatureExtractor.h"
#include "training/JsonConversions.h"
#include "training/ModelFolder.h"

namespace tl {

namespace fs = std::filesystem;

namespace {

constexpr int kFormatVersion = 1;

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

void loadModule(torch::nn::Module& module, const fs::path& path) {
    torch::serialize::InputArchive archive;
    try {
        archive.load_from(path.string());
        module.load(archive);
    } catch (const c10::Error& error) {
        throw ImportError("cannot read '" + path.u8string() +
                          "': " + error.what_without_backtrace());
    }
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

HeadConfig headConfigFrom(const QJsonObject& json) {
    HeadConfig config;
    config.inputFeatures = json.value("input_features").toInteger();
    for (const auto& units : json.value("hidden_units").toArray()) {
        config.hiddenUnits.push_back(units.toInteger());
    }
    config.numClasses = json.value("classes").toInt();
    config.outputBias = json.value("output_bias").toBool(true);
    config.forceSoftmax =
        json.value("activation").toString() == "softmax" && config.numClasses == 2;
    return config;
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
            {"version", kFormatVersion},
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
    QFile file(toQString(folder / "model.json"));
    if (!file.open(QIODevice::ReadOnly)) {
        throw ImportError("'" + folder.u8string() +
                          "' is not a TransferLab model folder (no model.json)");
    }
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    if (json.value("format").toString() != ModelFolder::kFormatTag) {
        throw ImportError("'" + folder.u8string() + "/model.json' is not a TransferLab model");
    }
    TrainedModel model;
    for (const auto& name : json.value("classes").toArray()) {
        model.classNames.push_back(name.toString().toStdString());
    }
    model.settings = trainingSettingsFromJson(json.value("settings").toObject());
    model.history = trainingHistoryFromJson(json.value("history").toArray());
    model.validation = evaluationReportFromJson(json.value("validation").toObject());

    const QJsonObject backboneJson = json.value("backbone").toObject();
    model.backboneReference = backboneJson.value("reference").toString().toStdString();
    model.backboneSha256 = backboneJson.value("sha256").toString().toStdString();
    model.backboneFineTuned = backboneJson.value("fine_tuned").toBool();
    LoadedBackbone loaded =
        loadBackbone(model.backboneReference, backboneJson.value("input_size").toInt());
    if (!model.backboneFineTuned && loaded.sha256 != model.backboneSha256) {
        throw ImportError("the backbone '" + model.backboneReference +
                          "' changed since this model was trained (SHA-256 differs)");
    }
    model.backbone = loaded.backbone;
    if (model.backboneFineTuned) {
        loadModule(*model.backbone, folder / "backbone.pt");
    }
    model.backbone->eval();
    model.head = std::make_shared<ClassifierHead>(headConfigFrom(json.value("head").toObject()));
    loadModule(*model.head, folder / "head.pt");
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
