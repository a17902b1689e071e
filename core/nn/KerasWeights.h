// SPDX-License-Identifier: MIT
#pragma once

#include <map>
#include <string>
#include <vector>

#include "support/TorchInclude.h"

namespace tl {

// Weights as Keras names and lays them out, independent of the file format they came from:
// "layer/weight" -> tensor in Keras layout (Conv2D kernels HWIO, depthwise [h,w,in,mult],
// Dense [in,out]). Importers (TF.js, HDF5) fill it; architectures read it by layer name and
// convert the layout themselves, because only they know each layer's type.
class KerasWeights {
public:
    void add(const std::string& layer, const std::string& weight, torch::Tensor tensor);
    bool contains(const std::string& layer, const std::string& weight) const;
    bool hasLayer(const std::string& layer) const;
    // Throws ImportError naming the missing layer/weight.
    const torch::Tensor& get(const std::string& layer, const std::string& weight) const;
    std::vector<std::string> layerNames() const;
    size_t size() const { return tensors_.size(); }

    // Splits "block_1_expand/kernel" or "model/block_1_expand/kernel:0" into layer and weight:
    // the weight is the last path element without its ":0" suffix, the layer the one before.
    static std::pair<std::string, std::string> splitName(const std::string& fullName);

private:
    std::map<std::string, std::map<std::string, torch::Tensor>> tensors_;
};

}  // namespace tl
