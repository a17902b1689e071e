// SPDX-License-Identifier: MIT
#include "training/TrainedModel.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentMap>

#include <cmath>
#include <stdexcept>

#include "backbones/BackboneLoader.h"
#include "data/Augmenter.h"
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
            {"activation", config.isBinary() ? "sigmoid" : "softmax"},
            {"temperature", config.temperature}};
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
    config.temperature = json.value("temperature").toDouble(1.0);
    if (!std::isfinite(config.temperature) || config.temperature < 1e-3 ||
        config.temperature > 1e3) {
        throw ImportError("model.json: the head's temperature " +
                          std::to_string(config.temperature) + " is not a usable temperature");
    }
    return config;
}

// Calibrated probabilities [n, classes] of decoded input-size images, averaged over the
// test-time views of `mode` (the photo, its mirror, the centre crop and its mirror).
torch::Tensor averagedProbabilities(FeatureExtractor& extractor, ClassifierHead& head,
                                    const std::vector<cv::Mat>& images, TestTimeAugmentation mode) {
    torch::Tensor sum = head.probabilities(head.forward(extractor.embed(images)));
    const int extraViews = testTimeViewCount(mode) - 1;
    const Augmenter mirror(testTimeViewSettings(AugmentationSettings::FixedViews::Mirror));
    const Augmenter crops(testTimeViewSettings(AugmentationSettings::FixedViews::Crops));
    for (int view = 0; view < extraViews; ++view) {
        std::vector<cv::Mat> variants;
        for (const auto& image : images) {
            variants.push_back(view == 0 ? mirror.augment(image, 0, 0)
                                         : crops.augment(image, 0, view - 1));
        }
        sum = sum + head.probabilities(head.forward(extractor.embed(variants)));
    }
    return sum / static_cast<double>(extraViews + 1);
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
    model.crossValidation = crossValidationSummaryFromJson(
        json.value("cross_validation"), json.value("cross_validation_details").toObject(),
        model.classNames);
    model.calibration = calibrationReportFromJson(json.value("calibration").toObject());
    model.automaticRecipe = autoRecipeReportFromJson(json.value("automatic_recipe"));
    const QString testTime = json.value("test_time_augmentation").toString("off");
    const auto mode = testTimeAugmentationFromString(testTime.toStdString());
    if (!mode) {
        throw ImportError("model.json: unknown test_time_augmentation '" + testTime.toStdString() +
                          "'");
    }
    model.testTimeAugmentation = *mode;

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

std::vector<ImagePrediction> TrainedModel::predict(const std::vector<fs::path>& images,
                                                   std::vector<SkippedFile>* skipped) const {
    return predict(images, skipped, testTimeAugmentation);
}

std::vector<ImagePrediction> TrainedModel::predict(const std::vector<fs::path>& images,
                                                   std::vector<SkippedFile>* skipped,
                                                   TestTimeAugmentation mode) const {
    struct Decoded {
        fs::path path;
        cv::Mat image;
        std::string error;
    };
    std::vector<Decoded> decoded(images.size());
    for (size_t i = 0; i < images.size(); ++i) {
        decoded[i].path = images[i];
    }
    const ImageDecoder decoder(cv::Size(inputSize(), inputSize()));
    QtConcurrent::blockingMap(decoded, [&](Decoded& item) {
        try {
            item.image = decoder.decode(item.path);
        } catch (const std::exception& error) {
            item.error = error.what();
        }
    });
    std::vector<cv::Mat> inputs;
    std::vector<const Decoded*> kept;
    for (const auto& item : decoded) {
        if (!item.error.empty()) {
            if (skipped) {
                skipped->push_back({item.path, item.error});
            }
            continue;
        }
        inputs.push_back(item.image);
        kept.push_back(&item);
    }
    FeatureExtractor extractor({backbone, backboneReference, backboneSha256}, {}, 0,
                               FeatureCache());
    torch::InferenceMode inference;
    const torch::Tensor probabilities =
        inputs.empty() ? torch::empty({0}) : averagedProbabilities(extractor, *head, inputs, mode);
    std::vector<ImagePrediction> predictions;
    for (size_t i = 0; i < kept.size(); ++i) {
        ImagePrediction prediction;
        prediction.path = kept[i]->path.u8string();
        const auto row = probabilities[i].contiguous();
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
                                        TestTimeAugmentation mode) const {
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
    auto predictions = predict(paths, skipped, mode);
    for (auto& prediction : predictions) {
        prediction.trueLabel = truth[prediction.path];
    }
    return EvaluationReport::compute(classNames, std::move(predictions));
}

}  // namespace tl
