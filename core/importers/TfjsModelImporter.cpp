// SPDX-License-Identifier: MIT
#include "importers/TfjsModelImporter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstring>

#include "importers/KerasModelTopology.h"
#include "nn/BackboneFactory.h"
#include "support/Errors.h"
#include "support/Paths.h"

namespace tl {

namespace fs = std::filesystem;

namespace {

QJsonObject readJsonObject(const fs::path& path) {
    QFile file(toQString(path));
    if (!file.open(QIODevice::ReadOnly)) {
        throw ImportError("cannot open '" + path.u8string() +
                          "': " + file.errorString().toStdString());
    }
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &error);
    if (document.isNull() || !document.isObject()) {
        throw ImportError("'" + path.u8string() +
                          "' is not valid JSON: " + error.errorString().toStdString());
    }
    return document.object();
}

QByteArray readShards(const fs::path& folder, const QJsonArray& paths) {
    QByteArray data;
    for (const auto& shard : paths) {
        const fs::path shardPath = folder / fs::u8path(shard.toString().toStdString());
        QFile file(toQString(shardPath));
        if (!file.open(QIODevice::ReadOnly)) {
            throw ImportError("missing weight shard '" + shardPath.u8string() + "'");
        }
        data += file.readAll();
    }
    return data;
}

int64_t elementCount(const std::vector<int64_t>& shape) {
    int64_t count = 1;
    for (int64_t dim : shape) {
        count *= dim;
    }
    return count;
}

// Decodes one tensor of the manifest from `bytes`, undoing TF.js weight quantization.
torch::Tensor decodeTensor(const char* bytes, int64_t count, const std::string& storedType,
                           const QJsonObject& quantization, const std::vector<int64_t>& shape) {
    if (storedType == "float32" || storedType == "int32") {
        auto tensor =
            torch::empty({count}, storedType == "float32" ? torch::kFloat32 : torch::kInt32);
        std::memcpy(tensor.data_ptr(), bytes, count * 4);
        return tensor.to(torch::kFloat32).reshape(shape);
    }
    if (storedType == "float16") {
        auto tensor = torch::empty({count}, torch::kFloat16);
        std::memcpy(tensor.data_ptr(), bytes, count * 2);
        return tensor.to(torch::kFloat32).reshape(shape);
    }
    const double scale = quantization.value("scale").toDouble();
    const double minimum = quantization.value("min").toDouble();
    torch::Tensor raw;
    if (storedType == "uint8") {
        raw = torch::empty({count}, torch::kUInt8);
        std::memcpy(raw.data_ptr(), bytes, count);
    } else {  // uint16: LibTorch has no uint16, widen by hand.
        raw = torch::empty({count}, torch::kInt32);
        auto* out = raw.data_ptr<int32_t>();
        for (int64_t i = 0; i < count; ++i) {
            uint16_t value;
            std::memcpy(&value, bytes + 2 * i, 2);
            out[i] = value;
        }
    }
    return (raw.to(torch::kFloat32) * scale + minimum).reshape(shape);
}

int64_t bytesPerElement(const std::string& storedType) {
    if (storedType == "float32" || storedType == "int32")
        return 4;
    if (storedType == "float16" || storedType == "uint16")
        return 2;
    if (storedType == "uint8")
        return 1;
    return 0;
}

void readGroup(const fs::path& folder, const QJsonObject& group, KerasWeights& weights) {
    const QByteArray data = readShards(folder, group.value("paths").toArray());
    int64_t offset = 0;
    for (const auto& entry : group.value("weights").toArray()) {
        const QJsonObject weight = entry.toObject();
        const std::string name = weight.value("name").toString().toStdString();
        std::vector<int64_t> shape;
        for (const auto& dim : weight.value("shape").toArray()) {
            shape.push_back(dim.toInteger());
        }
        const QJsonObject quantization = weight.value("quantization").toObject();
        const std::string storedType = quantization.isEmpty()
                                           ? weight.value("dtype").toString().toStdString()
                                           : quantization.value("dtype").toString().toStdString();
        const int64_t elementBytes = bytesPerElement(storedType);
        if (elementBytes == 0) {
            throw ImportError("weight '" + name + "' has unsupported data type '" + storedType +
                              "'");
        }
        const int64_t count = elementCount(shape);
        if (offset + count * elementBytes > data.size()) {
            throw ImportError("weight file is truncated: weight '" + name + "' needs bytes " +
                              std::to_string(offset) + ".." +
                              std::to_string(offset + count * elementBytes) +
                              " but the shards hold " + std::to_string(data.size()));
        }
        auto [layer, weightName] = KerasWeights::splitName(name);
        weights.add(
            layer, weightName,
            decodeTensor(data.constData() + offset, count, storedType, quantization, shape));
        offset += count * elementBytes;
    }
    if (offset != data.size()) {
        throw ImportError("weight shards hold " + std::to_string(data.size() - offset) +
                          " bytes more than the manifest describes: the files do not match");
    }
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
    const QJsonArray manifest = modelJson.value("weightsManifest").toArray();
    if (manifest.isEmpty()) {
        throw ImportError("'" + modelJsonPath.u8string() + "' has no weightsManifest");
    }
    KerasWeights weights;
    for (const auto& group : manifest) {
        readGroup(modelJsonPath.parent_path(), group.toObject(), weights);
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
