// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QJsonObject>

#include <filesystem>
#include <string>
#include <vector>

#include "nn/ClassifierHead.h"

namespace tl {

// What a model folder's model.json declares, completely validated before anything is built
// from it: a folder that lists fewer classes than its head outputs once crashed `predict`.
// Every refusal is an ImportError naming model.json and the field.
//
// Format history (the "version" field; TransferLab loads every version up to kVersion and
// refuses newer ones with a message to update):
//   1  classes, backbone {reference, sha256, architecture, alpha, input_size, preprocessing,
//      fine_tuned}, head {input_features, hidden_units, classes, output_bias, activation},
//      settings, history, validation. Files without "version" are read as version 1.
struct ModelManifest {
    static constexpr int kVersion = 1;
    // Bounds that keep a hostile file from asking for absurd allocations; far beyond any
    // model TransferLab trains.
    static constexpr int kMaxClasses = 10000;
    static constexpr int64_t kMaxFeatures = 1 << 16;
    static constexpr int kMaxHiddenLayers = 16;

    int version = kVersion;
    std::vector<std::string> classNames;
    std::string backboneReference;
    std::string backboneSha256;
    std::string backboneArchitecture;
    double backboneAlpha = 1.0;
    int inputSize = 0;
    bool backboneFineTuned = false;
    HeadConfig head;

    // Parses model.json's bytes (`file` names it in messages). Throws ImportError.
    static ModelManifest parse(const QByteArray& json, const std::filesystem::path& file);
    // The checks that need the loaded backbone: its architecture and feature count.
    void checkBackbone(const std::string& architecture, int64_t featureChannels,
                       const std::filesystem::path& file) const;
};

}  // namespace tl
