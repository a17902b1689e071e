// SPDX-License-Identifier: MIT
#include "importers/TfjsModelImporter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <memory>
#include <vector>

#include "importers/KerasModelTopology.h"
#include "importers/TfjsWeightsManifest.h"
#include "nn/BackboneFactory.h"
#include "support/Errors.h"
#include "support/Paths.h"
#include "support/RegularFile.h"

namespace tl {

namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kMaxJsonBytes = 64 << 20;

QJsonObject readJsonObject(const fs::path& path) {
    RegularFile file(path);
    std::vector<unsigned char> bytes;
    if (!file.readAll(&bytes, kMaxJsonBytes)) {
        throw ImportError("cannot open '" + path.u8string() + "': " + file.problem(), path);
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(
        QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size())), &error);
    if (document.isNull() || !document.isObject()) {
        throw ImportError(
            "'" + path.u8string() + "' is not valid JSON: " + error.errorString().toStdString(),
            path);
    }
    return document.object();
}

// Opens every shard first and compares their real sizes with what the manifest declares, so a
// shard that is a device (/dev/zero), a FIFO, too short or too long fails before anything is
// allocated; then reads them back to back.
std::vector<char> readShards(const fs::path& folder, const TfjsWeightGroup& group,
                             const fs::path& modelJson) {
    std::vector<std::unique_ptr<RegularFile>> shards;
    std::uint64_t total = 0;
    for (const std::string& name : group.paths) {
        const fs::path shardPath = folder / fs::u8path(name);
        auto shard = std::make_unique<RegularFile>(shardPath);
        if (!shard->isOpen()) {
            const bool missing = !fs::exists(fs::symlink_status(shardPath));
            throw ImportError((missing ? "missing weight shard '" : "unusable weight shard '") +
                                  shardPath.u8string() + "': " + shard->problem(),
                              shardPath);
        }
        total += shard->size();
        shards.push_back(std::move(shard));
    }
    if (total != static_cast<std::uint64_t>(group.bytes)) {
        throw ImportError(
            "'" + modelJson.u8string() + "': the weight shards hold " + std::to_string(total) +
                " bytes but the manifest describes " + std::to_string(group.bytes) +
                (total < static_cast<std::uint64_t>(group.bytes) ? " (truncated weight file?)"
                                                                 : ": the files do not match"),
            modelJson);
    }
    std::vector<char> data(static_cast<std::size_t>(total));
    std::size_t filled = 0;
    for (std::size_t i = 0; i < shards.size(); ++i) {
        const std::size_t end = filled + static_cast<std::size_t>(shards[i]->size());
        while (filled < end) {
            const std::size_t got = shards[i]->read(data.data() + filled, end - filled);
            if (got == 0) {
                throw ImportError(
                    "cannot read weight shard '" +
                        (folder / fs::u8path(group.paths[i])).u8string() + "': " +
                        (shards[i]->problem().empty() ? "it became shorter" : shards[i]->problem()),
                    folder / fs::u8path(group.paths[i]));
            }
            filled += got;
        }
    }
    return data;
}

QJsonObject modelTopology(const QJsonObject& modelJson, const fs::path& path) {
    QJsonObject topology = modelJson.value("modelTopology").toObject();
    if (topology.contains("model_config")) {
        topology = topology.value("model_config").toObject();
    }
    if (topology.isEmpty()) {
        throw ImportError("'" + path.u8string() +
                          "' has no modelTopology: not a TF.js layers model (graph models "
                          "are not supported)");
    }
    return topology;
}

std::vector<std::string> readLabels(const fs::path& folder) {
    std::vector<std::string> labels;
    const fs::path metadata = folder / "metadata.json";
    if (!fs::exists(metadata)) {
        return labels;
    }
    for (const auto& label : readJsonObject(metadata).value("labels").toArray()) {
        labels.push_back(label.toString().toStdString());
    }
    return labels;
}

}  // namespace

fs::path TfjsModelImporter::resolveModelJson(const fs::path& path) {
    if (fs::is_directory(path)) {
        return path / "model.json";
    }
    return path;
}

KerasWeights TfjsModelImporter::readWeights(const fs::path& path) {
    const fs::path modelJsonPath = resolveModelJson(path);
    const QJsonObject modelJson = readJsonObject(modelJsonPath);
    const TfjsWeightsManifest manifest = TfjsWeightsManifest::parse(modelJson, modelJsonPath);
    KerasWeights weights;
    for (const TfjsWeightGroup& group : manifest.groups()) {
        const std::vector<char> data =
            readShards(modelJsonPath.parent_path(), group, modelJsonPath);
        TfjsWeightsManifest::decode(group, data.data(), data.size(), weights, modelJsonPath);
    }
    return weights;
}

ImportedModel TfjsModelImporter::import(const fs::path& path) {
    const fs::path modelJsonPath = resolveModelJson(path);
    const QJsonObject modelJson = readJsonObject(modelJsonPath);
    const auto topology = KerasModelTopology::fromJson(modelTopology(modelJson, modelJsonPath));
    const KerasWeights weights = readWeights(modelJsonPath);

    ImportedModel model;
    model.format = "tfjs-layers";
    model.backbone = createBackbone(topology.backboneSpec());
    model.backbone->loadKerasWeights(weights);
    if (const auto headConfig = topology.headConfig(model.backbone->featureChannels())) {
        model.head = std::make_shared<ClassifierHead>(*headConfig);
        std::vector<std::string> denseNames;
        for (const auto& layer : topology.headDenseLayers()) {
            denseNames.push_back(layer.name);
        }
        model.head->loadKerasWeights(weights, denseNames);
        model.head->eval();
    }
    model.labels = readLabels(modelJsonPath.parent_path());
    return model;
}

}  // namespace tl
