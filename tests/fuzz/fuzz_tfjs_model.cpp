// SPDX-License-Identifier: MIT
// The TensorFlow.js importer's own layer: a model.json (weights manifest and Keras topology)
// and its weight bytes. The input is the JSON, a line "----weights----", then the bytes the
// shards would hold. Building the network itself is not fuzzed (its sizes are bounded by
// createBackbone and ClassifierHead).
#include <QJsonDocument>
#include <QJsonObject>

#include <vector>

#include "FuzzSupport.h"
#include "importers/KerasModelTopology.h"
#include "importers/TfjsWeightsManifest.h"
#include "nn/KerasWeights.h"
#include "support/Errors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto [json, weightBytes] =
        tl::fuzz::splitAt(tl::fuzz::bytesOf(data, size), "----weights----");
    const QJsonObject model = QJsonDocument::fromJson(json).object();
    try {
        QJsonObject topology = model.value("modelTopology").toObject();
        if (topology.contains("model_config")) {
            topology = topology.value("model_config").toObject();
        }
        if (!topology.isEmpty()) {
            const auto parsed = tl::KerasModelTopology::fromJson(topology);
            parsed.headConfig(1280);
            parsed.backboneSpec();
            if (parsed.headConfig(1280)) {
                tl::fuzz::markParsed();  // a recognised base network with a classifier
            }
        }
    } catch (const tl::Error&) {
    }
    try {
        const auto manifest = tl::TfjsWeightsManifest::parse(model, "fuzz/model.json");
        tl::KerasWeights weights;
        for (const tl::TfjsWeightGroup& group : manifest.groups()) {
            // The real importer compares shard sizes first; a fuzzed weight blob of another
            // size is fitted (when small) so that decoding is exercised too.
            std::vector<char> bytes(weightBytes.begin(), weightBytes.end());
            if (group.bytes <= (1 << 20)) {
                bytes.resize(std::size_t(group.bytes));
            }
            tl::TfjsWeightsManifest::decode(group, bytes.data(), bytes.size(), weights,
                                            "fuzz/model.json");
        }
    } catch (const tl::Error&) {
    }
    return 0;
}
