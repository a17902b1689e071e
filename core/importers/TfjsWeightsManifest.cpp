// SPDX-License-Identifier: MIT
#include "importers/TfjsWeightsManifest.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>
#include <cstring>

#include "support/Errors.h"
#include "support/JsonFields.h"

namespace tl {

namespace fs = std::filesystem;

namespace {

int64_t bytesPerElement(const std::string& storedType) {
    if (storedType == "float32" || storedType == "int32") {
        return 4;
    }
    if (storedType == "float16" || storedType == "uint16") {
        return 2;
    }
    if (storedType == "uint8") {
        return 1;
    }
    return 0;
}

// A shard file name beside model.json (sub-folders allowed): never absolute, never "..".
bool isSafeRelativePath(const std::string& path) {
    if (path.empty() || path.front() == '/' || path.find('\\') != std::string::npos ||
        path.find('\0') != std::string::npos || fs::u8path(path).is_absolute() ||
        fs::u8path(path).has_root_name()) {
        return false;
    }
    for (const auto& part : fs::u8path(path)) {
        if (part == ".." || part == ".") {
            return false;
        }
    }
    return true;
}

TfjsWeightEntry entryFrom(const JsonFields& weight) {
    TfjsWeightEntry entry;
    entry.name = weight.string("name");
    if (entry.name.empty()) {
        weight.fail("name", "is empty");
    }
    const QJsonArray shape = weight.array("shape");
    if (shape.size() > TfjsWeightsManifest::kMaxRank) {
        weight.fail("shape", "has " + std::to_string(shape.size()) + " dimensions; at most " +
                                 std::to_string(TfjsWeightsManifest::kMaxRank));
    }
    entry.count = 1;
    for (qsizetype i = 0; i < shape.size(); ++i) {
        if (!JsonFields::isInteger(shape.at(i), 0, TfjsWeightsManifest::kMaxTotalBytes)) {
            weight.fail("shape[" + std::to_string(i) + "]",
                        "must be a non-negative integer, not " + JsonFields::describe(shape.at(i)));
        }
        const auto dim = static_cast<int64_t>(shape.at(i).toDouble());
        entry.shape.push_back(dim);
        // Both factors are at most kMaxTotalBytes (2^31): the product fits in 64 bits.
        entry.count = std::min(entry.count * dim, TfjsWeightsManifest::kMaxTotalBytes + 1);
    }
    const bool quantized = weight.has("quantization");
    const JsonFields quantization = weight.object("quantization", {});
    entry.storedType = quantized ? quantization.string("dtype") : weight.string("dtype");
    const int64_t elementBytes = bytesPerElement(entry.storedType);
    if (elementBytes == 0) {
        weight.fail(
            quantized ? "quantization.dtype" : "dtype",
            "is \"" + entry.storedType + "\"; supported: float32, int32, float16, uint16, uint8");
    }
    if (!quantized && (entry.storedType == "uint8" || entry.storedType == "uint16")) {
        weight.fail("dtype", "is \"" + entry.storedType + "\" without quantization parameters");
    }
    if (quantized && (entry.storedType == "uint8" || entry.storedType == "uint16")) {
        entry.scale = quantization.number("scale", -1e30, 1e30);
        entry.minimum = quantization.number("min", -1e30, 1e30);
    }
    if (entry.count > TfjsWeightsManifest::kMaxTotalBytes / elementBytes) {
        weight.fail("shape", "declares more than " +
                                 std::to_string(TfjsWeightsManifest::kMaxTotalBytes >> 20) +
                                 " MB of weights");
    }
    entry.bytes = entry.count * elementBytes;
    return entry;
}

// An empty tensor has no storage (a null data pointer), which memcpy must never get, even
// for zero bytes (found by fuzzing with UBSan).
void copyInto(torch::Tensor& tensor, const char* bytes, std::size_t size) {
    if (size > 0) {
        std::memcpy(tensor.data_ptr(), bytes, size);
    }
}

torch::Tensor decodeTensor(const char* bytes, const TfjsWeightEntry& entry) {
    const int64_t count = entry.count;
    const std::string& type = entry.storedType;
    if (type == "float32" || type == "int32") {
        auto tensor = torch::empty({count}, type == "float32" ? torch::kFloat32 : torch::kInt32);
        copyInto(tensor, bytes, static_cast<std::size_t>(count) * 4);
        return tensor.to(torch::kFloat32).reshape(entry.shape);
    }
    if (type == "float16") {
        auto tensor = torch::empty({count}, torch::kFloat16);
        copyInto(tensor, bytes, static_cast<std::size_t>(count) * 2);
        return tensor.to(torch::kFloat32).reshape(entry.shape);
    }
    torch::Tensor raw;
    if (type == "uint8") {
        raw = torch::empty({count}, torch::kUInt8);
        copyInto(raw, bytes, static_cast<std::size_t>(count));
    } else {  // uint16: LibTorch has no uint16, widen by hand.
        raw = torch::empty({count}, torch::kInt32);
        auto* out = raw.data_ptr<int32_t>();
        for (int64_t i = 0; i < count; ++i) {
            uint16_t value;
            std::memcpy(&value, bytes + 2 * i, 2);
            out[i] = value;
        }
    }
    return (raw.to(torch::kFloat32) * entry.scale + entry.minimum).reshape(entry.shape);
}

}  // namespace

TfjsWeightsManifest TfjsWeightsManifest::parse(const QJsonObject& modelJson, const fs::path& file) {
    const JsonFields json(modelJson, file);
    const QJsonArray groups = json.array("weightsManifest");
    if (groups.isEmpty()) {
        json.fail("weightsManifest", "is empty: the model has no weights");
    }
    TfjsWeightsManifest manifest;
    int64_t total = 0;
    for (qsizetype g = 0; g < groups.size(); ++g) {
        const std::string groupField = "weightsManifest[" + std::to_string(g) + "]";
        if (!groups.at(g).isObject()) {
            json.fail(groupField, "must be an object, not " + JsonFields::describe(groups.at(g)));
        }
        const JsonFields group(groups.at(g).toObject(), file, groupField);
        TfjsWeightGroup parsed;
        parsed.paths = group.stringList("paths");
        for (std::size_t p = 0; p < parsed.paths.size(); ++p) {
            if (!isSafeRelativePath(parsed.paths[p])) {
                group.fail("paths[" + std::to_string(p) + "]",
                           "is \"" + parsed.paths[p] +
                               "\"; shard files must lie beside model.json (no absolute "
                               "paths, no '..')");
            }
        }
        const QJsonArray weights = group.array("weights");
        for (qsizetype w = 0; w < weights.size(); ++w) {
            if (!weights.at(w).isObject()) {
                group.fail("weights[" + std::to_string(w) + "]",
                           "must be an object, not " + JsonFields::describe(weights.at(w)));
            }
            TfjsWeightEntry entry =
                entryFrom(JsonFields(weights.at(w).toObject(), file,
                                     group.fieldName("weights[" + std::to_string(w) + "]")));
            parsed.bytes += entry.bytes;
            total += entry.bytes;
            if (total > kMaxTotalBytes) {
                group.fail("weights", "declare more than " + std::to_string(kMaxTotalBytes >> 20) +
                                          " MB of weights");
            }
            parsed.weights.push_back(std::move(entry));
        }
        if (parsed.paths.empty() && parsed.bytes > 0) {
            group.fail("paths", "is empty, but the group declares " + std::to_string(parsed.bytes) +
                                    " bytes of weights");
        }
        manifest.groups_.push_back(std::move(parsed));
    }
    return manifest;
}

void TfjsWeightsManifest::decode(const TfjsWeightGroup& group, const char* data, std::size_t size,
                                 KerasWeights& weights, const fs::path& file) {
    if (static_cast<int64_t>(size) != group.bytes) {
        throw ImportError("'" + file.u8string() + "': the weight shards hold " +
                              std::to_string(size) + " bytes but the manifest describes " +
                              std::to_string(group.bytes) + ": the files do not match",
                          file);
    }
    int64_t offset = 0;
    for (const TfjsWeightEntry& entry : group.weights) {
        auto [layer, weightName] = KerasWeights::splitName(entry.name);
        weights.add(layer, weightName, decodeTensor(data + offset, entry));
        offset += entry.bytes;
    }
}

}  // namespace tl
