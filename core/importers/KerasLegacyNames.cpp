// SPDX-License-Identifier: MIT
#include "importers/KerasLegacyNames.h"

#include <algorithm>
#include <regex>

namespace tl {

namespace {

bool anyMatches(const std::vector<std::string>& layers, const std::regex& pattern) {
    return std::any_of(layers.begin(), layers.end(),
                       [&](const std::string& name) { return std::regex_match(name, pattern); });
}

std::string mobileNetBlockPrefix(const std::string& number) {
    return number == "0" ? "expanded_conv_" : "block_" + number + "_";
}

void addMobileNetV2Names(const std::vector<std::string>& layers,
                         std::map<std::string, std::string>& renames) {
    static const std::regex conv(R"(mobl(\d+)_conv_(\d+)_(expand|depthwise|project))");
    static const std::regex bn(R"(bn(\d+)_conv_(\d+)_bn_(expand|depthwise|project))");
    std::smatch match;
    for (const auto& name : layers) {
        if (std::regex_match(name, match, conv) && match[1] == match[2]) {
            renames[name] = mobileNetBlockPrefix(match[1]) + match[3].str();
        } else if (std::regex_match(name, match, bn) && match[1] == match[2]) {
            renames[name] = mobileNetBlockPrefix(match[1]) + match[3].str() + "_BN";
        }
    }
}

void addResNetNames(const std::vector<std::string>& layers,
                    std::map<std::string, std::string>& renames) {
    // 'res2a_branch2a': stage 2, block a (1), main branch, convolution a (1).
    static const std::regex block(R"((res|bn)(\d)([a-z])_branch(1|2[abc]))");
    std::smatch match;
    for (const auto& name : layers) {
        if (name == "conv1") {
            renames[name] = "conv1_conv";
        } else if (name == "bn_conv1") {
            renames[name] = "conv1_bn";
        } else if (std::regex_match(name, match, block)) {
            const int blockNumber = match[3].str()[0] - 'a' + 1;
            const std::string branch = match[4];
            const int layer = branch == "1" ? 0 : branch[1] - 'a' + 1;
            renames[name] = "conv" + match[2].str() + "_block" + std::to_string(blockNumber) + "_" +
                            std::to_string(layer) + (match[1] == "res" ? "_conv" : "_bn");
        }
    }
}

}  // namespace

std::map<std::string, std::string> modernKerasLayerNames(const std::vector<std::string>& layers) {
    std::map<std::string, std::string> renames;
    if (anyMatches(layers, std::regex(R"(mobl\d+_conv_\d+_(expand|depthwise|project))"))) {
        addMobileNetV2Names(layers, renames);
    }
    if (anyMatches(layers, std::regex(R"(res2a_branch2a)"))) {
        addResNetNames(layers, renames);
    }
    return renames;
}

}  // namespace tl
