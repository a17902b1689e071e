// SPDX-License-Identifier: MIT
#include "training/ModelManifest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <set>

#include "data/ClassName.h"
#include "support/JsonFields.h"
#include "training/ModelFolder.h"

namespace tl {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void refuse(const fs::path& file, const std::string& problem) {
    throw ImportError("'" + file.u8string() + "': " + problem, file);
}

std::vector<std::string> classNamesFrom(const JsonFields& json) {
    std::vector<std::string> names = json.stringList("classes");
    if (names.size() < 2 || names.size() > static_cast<std::size_t>(ModelManifest::kMaxClasses)) {
        json.fail("classes", "must list from 2 to " + std::to_string(ModelManifest::kMaxClasses) +
                                 " class names, not " + std::to_string(names.size()));
    }
    std::set<std::string> unique;
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string field = "classes[" + std::to_string(i) + "]";
        if (const std::string problem = ClassName::problem(names[i]); !problem.empty()) {
            json.fail(field, "is not a valid class name: " + problem);
        }
        if (!unique.insert(names[i]).second) {
            json.fail(field, "repeats the class '" + names[i] + "'");
        }
    }
    return names;
}

HeadConfig headFrom(const JsonFields& head, std::size_t classCount) {
    HeadConfig config;
    config.inputFeatures = head.integer("input_features", 1, ModelManifest::kMaxFeatures);
    const QJsonArray hidden = head.array("hidden_units", {});
    if (hidden.size() > ModelManifest::kMaxHiddenLayers) {
        head.fail("hidden_units", "lists " + std::to_string(hidden.size()) + " layers; at most " +
                                      std::to_string(ModelManifest::kMaxHiddenLayers));
    }
    for (qsizetype i = 0; i < hidden.size(); ++i) {
        if (!JsonFields::isInteger(hidden.at(i), 1, ModelManifest::kMaxFeatures)) {
            head.fail("hidden_units[" + std::to_string(i) + "]",
                      "must be an integer from 1 to " +
                          std::to_string(ModelManifest::kMaxFeatures) + ", not " +
                          JsonFields::describe(hidden.at(i)));
        }
        config.hiddenUnits.push_back(static_cast<int64_t>(hidden.at(i).toDouble()));
    }
    config.numClasses = static_cast<int>(head.integer("classes", 2, ModelManifest::kMaxClasses));
    if (static_cast<std::size_t>(config.numClasses) != classCount) {
        head.fail("classes", "is " + std::to_string(config.numClasses) + " but 'classes' names " +
                                 std::to_string(classCount) + " classes");
    }
    config.outputBias = head.boolean("output_bias", true);
    const std::string activation = head.string("activation");
    if (activation != "sigmoid" && activation != "softmax") {
        head.fail("activation", "must be \"sigmoid\" or \"softmax\", not \"" + activation + "\"");
    }
    if (activation == "sigmoid" && config.numClasses != 2) {
        head.fail("activation", "is \"sigmoid\", which needs exactly 2 classes, not " +
                                    std::to_string(config.numClasses));
    }
    config.forceSoftmax = activation == "softmax" && config.numClasses == 2;
    // The calibration temperature divides the logits (absent in models without calibration).
    config.temperature = head.number("temperature", 1e-3, 1e3, 1.0);
    return config;
}

}  // namespace

ModelManifest ModelManifest::parse(const QByteArray& bytes, const fs::path& file) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (document.isNull() || !document.isObject()) {
        refuse(file, "not a JSON object (" + parseError.errorString().toStdString() + ")");
    }
    const JsonFields json(document.object(), file, {}, ErrorKind::CorruptFile);
    if (!json.json().value("format").isString() ||
        json.json().value("format").toString() != QLatin1String(ModelFolder::kFormatTag)) {
        refuse(file, "not a TransferLab model (field 'format' is not \"" +
                         std::string(ModelFolder::kFormatTag) + "\")");
    }
    ModelManifest manifest;
    if (json.has("version") && json.json().value("version").isDouble() &&
        json.json().value("version").toDouble() > kVersion) {
        throw ImportError("'" + file.u8string() + "': model format version " +
                              JsonFields::describe(json.json().value("version")) +
                              " is newer than this TransferLab reads (" + std::to_string(kVersion) +
                              "); update TransferLab to use this model",
                          file, ErrorKind::UnsupportedFormat);
    }
    manifest.version = static_cast<int>(json.integer("version", 1, kVersion, 1));
    manifest.classNames = classNamesFrom(json);

    const JsonFields backbone = json.object("backbone");
    manifest.backboneReference = backbone.string("reference");
    if (manifest.backboneReference.empty()) {
        backbone.fail("reference", "is empty");
    }
    manifest.backboneFineTuned = backbone.boolean("fine_tuned", false);
    manifest.backboneSha256 = backbone.string("sha256", "");
    manifest.backboneArchitecture = backbone.string("architecture", "");
    manifest.backboneAlpha = backbone.number("alpha", 0.01, 10.0, 1.0);
    manifest.inputSize = static_cast<int>(backbone.integer("input_size", 32, 2048));

    const JsonFields settings = json.object("settings", {});
    if (settings.has("input_size") &&
        settings.integer("input_size", 32, 2048) != manifest.inputSize) {
        settings.fail("input_size",
                      "is " + JsonFields::describe(settings.json().value("input_size")) +
                          " but 'backbone.input_size' is " + std::to_string(manifest.inputSize));
    }
    json.array("history", {});
    json.object("validation", {});

    manifest.head = headFrom(json.object("head"), manifest.classNames.size());
    return manifest;
}

void ModelManifest::checkBackbone(const std::string& architecture, int64_t featureChannels,
                                  const fs::path& file) const {
    if (!backboneArchitecture.empty() && backboneArchitecture != architecture) {
        refuse(file, "field 'backbone.architecture' is \"" + backboneArchitecture + "\" but '" +
                         backboneReference + "' is a " + architecture + " network");
    }
    if (head.inputFeatures != featureChannels) {
        refuse(file, "field 'head.input_features' is " + std::to_string(head.inputFeatures) +
                         " but the backbone '" + backboneReference + "' gives " +
                         std::to_string(featureChannels) + " features");
    }
}

}  // namespace tl
