// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "nn/KerasWeights.h"

namespace tl {

// One tensor of a TF.js weights manifest, checked: a known data type, a shape of
// non-negative dimensions whose size fits the limits.
struct TfjsWeightEntry {
    std::string name;
    std::vector<int64_t> shape;
    std::string storedType;  // float32, int32, float16, uint8 or uint16 (as stored)
    double scale = 1.0;      // uint8/uint16 quantization: value = stored * scale + minimum
    double minimum = 0.0;
    int64_t count = 0;  // elements
    int64_t bytes = 0;  // stored bytes
};

// A group of weights stored across shard files, read back to back.
struct TfjsWeightGroup {
    std::vector<std::string> paths;  // shard files, relative to model.json's folder
    std::vector<TfjsWeightEntry> weights;
    int64_t bytes = 0;  // what the shards must hold together, exactly
};

// The "weightsManifest" of a TensorFlow.js model.json, validated before any weight is read:
// the sizes it declares are what the shard files must hold (checked against their real sizes
// before anything is allocated), shard paths stay beside model.json, and no entry can ask for
// more than kMaxTotalBytes. Every failure is an ImportError naming the file and the entry.
class TfjsWeightsManifest {
public:
    static constexpr int64_t kMaxTotalBytes = int64_t(2) << 30;  // 2 GiB: ResNet-50 is 100 MB
    static constexpr int kMaxRank = 8;

    static TfjsWeightsManifest parse(const QJsonObject& modelJson,
                                     const std::filesystem::path& file);
    const std::vector<TfjsWeightGroup>& groups() const { return groups_; }

    // Decodes `group` from the concatenated bytes of its shards (`size` must be group.bytes),
    // undoing TF.js quantization, into `weights`.
    static void decode(const TfjsWeightGroup& group, const char* data, std::size_t size,
                       KerasWeights& weights, const std::filesystem::path& file);

private:
    std::vector<TfjsWeightGroup> groups_;
};

}  // namespace tl
