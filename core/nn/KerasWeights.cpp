// SPDX-License-Identifier: MIT
#include "nn/KerasWeights.h"

#include "support/Errors.h"

namespace tl {

void KerasWeights::add(const std::string& layer, const std::string& weight, torch::Tensor tensor) {
    tensors_[layer][weight] = std::move(tensor);
}

bool KerasWeights::contains(const std::string& layer, const std::string& weight) const {
    const auto found = tensors_.find(layer);
    return found != tensors_.end() && found->second.count(weight) > 0;
}

bool KerasWeights::hasLayer(const std::string& layer) const {
    return tensors_.count(layer) > 0;
}

const torch::Tensor& KerasWeights::get(const std::string& layer, const std::string& weight) const {
    const auto found = tensors_.find(layer);
    if (found == tensors_.end()) {
        throw ImportError("missing layer '" + layer + "' in the weight file");
    }
    const auto tensor = found->second.find(weight);
    if (tensor == found->second.end()) {
        throw ImportError("missing weight '" + weight + "' of layer '" + layer + "'");
    }
    return tensor->second;
}

std::vector<std::string> KerasWeights::layerNames() const {
    std::vector<std::string> names;
    names.reserve(tensors_.size());
    for (const auto& [name, weights] : tensors_) {
        names.push_back(name);
    }
    return names;
}

std::pair<std::string, std::string> KerasWeights::splitName(const std::string& fullName) {
    std::string name = fullName;
    const auto colon = name.rfind(':');
    if (colon != std::string::npos && name.find('/', colon) == std::string::npos) {
        name.erase(colon);
    }
    const auto lastSlash = name.rfind('/');
    if (lastSlash == std::string::npos) {
        return {std::string(), name};
    }
    const std::string weight = name.substr(lastSlash + 1);
    const std::string path = name.substr(0, lastSlash);
    const auto layerSlash = path.rfind('/');
    const std::string layer = layerSlash == std::string::npos ? path : path.substr(layerSlash + 1);
    return {layer, weight};
}

}  // namespace tl
