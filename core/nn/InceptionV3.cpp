// SPDX-License-Identifier: MIT
#include "nn/InceptionV3.h"

#include <algorithm>
#include <cctype>

#include "nn/KerasWeightLoader.h"
#include "support/Errors.h"

namespace tl {

// The network is written down once, in graph(), as keras/applications/inception_v3.py writes
// it. Builder runs it on channel counts to create the layers (so creation order, and with it
// the Keras auto-names, cannot drift from the forward pass); Runner runs it on tensors.
template <typename T, typename Ops>
T InceptionV3::graph(T x, Ops& ops) {
    ops.block("stem");
    x = ops.unit(x, 32, 3, 3, 2, true);
    x = ops.unit(x, 32, 3, 3, 1, true);
    x = ops.unit(x, 64, 3, 3);
    x = ops.maxPool(x);
    x = ops.unit(x, 80, 1, 1, 1, true);
    x = ops.unit(x, 192, 3, 3, 1, true);
    x = ops.maxPool(x);

    // mixed0..mixed2: 35 x 35 x 256 / 288 / 288
    for (int i = 0; i < 3; ++i) {
        ops.block("mixed" + std::to_string(i));
        T branch1x1 = ops.unit(x, 64, 1, 1);
        T branch5x5 = ops.unit(x, 48, 1, 1);
        branch5x5 = ops.unit(branch5x5, 64, 5, 5);
        T branch3x3dbl = ops.unit(x, 64, 1, 1);
        branch3x3dbl = ops.unit(branch3x3dbl, 96, 3, 3);
        branch3x3dbl = ops.unit(branch3x3dbl, 96, 3, 3);
        T branchPool = ops.unit(ops.avgPool(x), i == 0 ? 32 : 64, 1, 1);
        x = ops.concat({branch1x1, branch5x5, branch3x3dbl, branchPool});
    }

    // mixed3: 17 x 17 x 768
    ops.block("mixed3");
    {
        T branch3x3 = ops.unit(x, 384, 3, 3, 2, true);
        T branch3x3dbl = ops.unit(x, 64, 1, 1);
        branch3x3dbl = ops.unit(branch3x3dbl, 96, 3, 3);
        branch3x3dbl = ops.unit(branch3x3dbl, 96, 3, 3, 2, true);
        x = ops.concat({branch3x3, branch3x3dbl, ops.maxPool(x)});
    }

    // mixed4..mixed7: 17 x 17 x 768, factorised 7x7 convolutions of growing width
    for (int i = 4; i <= 7; ++i) {
        ops.block("mixed" + std::to_string(i));
        const int64_t width = i == 4 ? 128 : (i == 7 ? 192 : 160);
        T branch1x1 = ops.unit(x, 192, 1, 1);
        T branch7x7 = ops.unit(x, width, 1, 1);
        branch7x7 = ops.unit(branch7x7, width, 1, 7);
        branch7x7 = ops.unit(branch7x7, 192, 7, 1);
        T branch7x7dbl = ops.unit(x, width, 1, 1);
        branch7x7dbl = ops.unit(branch7x7dbl, width, 7, 1);
        branch7x7dbl = ops.unit(branch7x7dbl, width, 1, 7);
        branch7x7dbl = ops.unit(branch7x7dbl, width, 7, 1);
        branch7x7dbl = ops.unit(branch7x7dbl, 192, 1, 7);
        T branchPool = ops.unit(ops.avgPool(x), 192, 1, 1);
        x = ops.concat({branch1x1, branch7x7, branch7x7dbl, branchPool});
    }

    // mixed8: 8 x 8 x 1280
    ops.block("mixed8");
    {
        T branch3x3 = ops.unit(x, 192, 1, 1);
        branch3x3 = ops.unit(branch3x3, 320, 3, 3, 2, true);
        T branch7x7x3 = ops.unit(x, 192, 1, 1);
        branch7x7x3 = ops.unit(branch7x7x3, 192, 1, 7);
        branch7x7x3 = ops.unit(branch7x7x3, 192, 7, 1);
        branch7x7x3 = ops.unit(branch7x7x3, 192, 3, 3, 2, true);
        x = ops.concat({branch3x3, branch7x7x3, ops.maxPool(x)});
    }

    // mixed9, mixed10: 8 x 8 x 2048
    for (int i = 9; i <= 10; ++i) {
        ops.block("mixed" + std::to_string(i));
        T branch1x1 = ops.unit(x, 320, 1, 1);
        T branch3x3 = ops.unit(x, 384, 1, 1);
        T branch3x3a = ops.unit(branch3x3, 384, 1, 3);
        T branch3x3b = ops.unit(branch3x3, 384, 3, 1);
        branch3x3 = ops.concat({branch3x3a, branch3x3b});
        T branch3x3dbl = ops.unit(x, 448, 1, 1);
        branch3x3dbl = ops.unit(branch3x3dbl, 384, 3, 3);
        T branch3x3dblA = ops.unit(branch3x3dbl, 384, 1, 3);
        T branch3x3dblB = ops.unit(branch3x3dbl, 384, 3, 1);
        branch3x3dbl = ops.concat({branch3x3dblA, branch3x3dblB});
        T branchPool = ops.unit(ops.avgPool(x), 192, 1, 1);
        x = ops.concat({branch1x1, branch3x3, branch3x3dbl, branchPool});
    }
    return x;
}

struct InceptionV3::Builder {
    InceptionV3& net;

    int64_t unit(int64_t in, int64_t filters, int64_t kh, int64_t kw, int64_t stride = 1,
                 bool valid = false) {
        const int index = static_cast<int>(net.units_.size());
        // "same" with stride 1 and odd kernels is symmetric; the stride-2 units are "valid".
        const torch::ExpandingArray<2> padding =
            valid ? torch::ExpandingArray<2>({0, 0}) : torch::ExpandingArray<2>({kh / 2, kw / 2});
        Unit unit;
        unit.conv =
            net.register_module(autoName("conv2d", index),
                                torch::nn::Conv2d(torch::nn::Conv2dOptions(in, filters, {kh, kw})
                                                      .stride(stride)
                                                      .padding(padding)
                                                      .bias(false)));
        // Keras BatchNormalization(scale=False): eps 1e-3, momentum 0.99 (LibTorch counts
        // momentum the other way round), gamma fixed at one.
        unit.bn = net.register_module(
            autoName("batch_normalization", index),
            torch::nn::BatchNorm2d(torch::nn::BatchNormOptions(filters).eps(1e-3).momentum(0.01)));
        torch::NoGradGuard noGrad;
        unit.conv->weight.set_data(unit.conv->weight.contiguous(torch::MemoryFormat::ChannelsLast));
        unit.bn->weight.requires_grad_(false);
        net.units_.push_back(unit);
        return filters;
    }
    int64_t maxPool(int64_t channels) { return channels; }
    int64_t avgPool(int64_t channels) { return channels; }
    int64_t concat(std::initializer_list<int64_t> parts) {
        int64_t sum = 0;
        for (int64_t channels : parts) {
            sum += channels;
        }
        return sum;
    }
    void block(const std::string& name) {
        net.blocks_.emplace_back(name, static_cast<int>(net.units_.size()));
    }
};

struct InceptionV3::Runner {
    InceptionV3& net;
    size_t next = 0;

    torch::Tensor unit(const torch::Tensor& x, int64_t, int64_t, int64_t, int64_t = 1,
                       bool = false) {
        Unit& unit = net.units_[next++];
        return torch::relu(unit.bn->forward(unit.conv->forward(x)));
    }
    torch::Tensor maxPool(const torch::Tensor& x) { return torch::max_pool2d(x, 3, 2); }
    // Keras "same" average pooling divides by the number of real pixels under the window.
    torch::Tensor avgPool(const torch::Tensor& x) {
        return torch::avg_pool2d(x, 3, 1, 1, /*ceil_mode=*/false, /*count_include_pad=*/false);
    }
    torch::Tensor concat(std::initializer_list<torch::Tensor> parts) {
        return torch::cat(std::vector<torch::Tensor>(parts), 1);
    }
    void block(const std::string&) {}
};

InceptionV3::InceptionV3(const BackboneSpec& spec) : spec_(spec) {
    if (spec.inputSize < 75) {
        throw ImportError("Inception v3 needs an input of at least 75 px");
    }
    Builder builder{*this};
    graph<int64_t>(3, builder);
    eval();
}

torch::Tensor InceptionV3::forward(torch::Tensor x) {
    Runner runner{*this};
    return graph<torch::Tensor>(std::move(x), runner);
}

std::string InceptionV3::autoName(const std::string& base, int index) {
    return index == 0 ? base : base + "_" + std::to_string(index);
}

std::vector<std::string> InceptionV3::namesInCreationOrder(const std::vector<std::string>& names,
                                                           const std::string& base) {
    std::vector<std::pair<long long, std::string>> numbered;
    for (const auto& name : names) {
        if (name == base) {
            numbered.emplace_back(0, name);
            continue;
        }
        const std::string prefix = base + "_";
        if (name.size() <= prefix.size() || name.compare(0, prefix.size(), prefix) != 0) {
            continue;
        }
        const std::string digits = name.substr(prefix.size());
        if (digits.size() > 9 || !std::all_of(digits.begin(), digits.end(),
                                              [](unsigned char c) { return std::isdigit(c); })) {
            continue;
        }
        numbered.emplace_back(std::stoll(digits), name);
    }
    std::sort(numbered.begin(), numbered.end());
    std::vector<std::string> ordered;
    for (auto& item : numbered) {
        ordered.push_back(std::move(item.second));
    }
    return ordered;
}

void InceptionV3::loadKerasWeights(const KerasWeights& weights) {
    const auto layerNames = weights.layerNames();
    const auto convNames = namesInCreationOrder(layerNames, "conv2d");
    const auto bnNames = namesInCreationOrder(layerNames, "batch_normalization");
    auto checkCount = [](const std::vector<std::string>& names, const char* base) {
        if (names.size() != static_cast<size_t>(kUnitCount)) {
            throw ImportError(
                "Inception v3 needs " + std::to_string(kUnitCount) + " layers named '" + base +
                "' / '" + base + "_N' in the weights, found " + std::to_string(names.size()) +
                (names.empty() ? std::string()
                               : " ('" + names.front() + "' .. '" + names.back() + "')"));
        }
    };
    checkCount(convNames, "conv2d");
    checkCount(bnNames, "batch_normalization");
    KerasWeightLoader loader(weights);
    for (int i = 0; i < kUnitCount; ++i) {
        loader.conv2d(units_[i].conv, convNames[i]);
        loader.batchNorm(units_[i].bn, bnNames[i]);
    }
    loader.commit();
}

KerasWeights InceptionV3::toKerasWeights() {
    KerasWeights out;
    for (int i = 0; i < kUnitCount; ++i) {
        KerasWeightLoader::exportConv2d(out, units_[i].conv, autoName("conv2d", i));
        // scale=False: Keras stores no gamma for these layers.
        const std::string bnName = autoName("batch_normalization", i);
        auto& bn = units_[i].bn;
        out.add(bnName, "beta", bn->bias.detach().clone());
        out.add(bnName, "moving_mean", bn->running_mean.detach().clone());
        out.add(bnName, "moving_variance", bn->running_var.detach().clone());
    }
    return out;
}

std::vector<std::string> InceptionV3::blockNames() const {
    std::vector<std::string> names;
    for (const auto& block : blocks_) {
        names.push_back(block.first);
    }
    return names;
}

std::vector<std::shared_ptr<torch::nn::Module>> InceptionV3::lastBlocks(int count) {
    std::vector<std::shared_ptr<torch::nn::Module>> modules;
    if (count <= 0) {
        return modules;
    }
    const int first = std::max(0, static_cast<int>(blocks_.size()) - count);
    for (int i = blocks_[first].second; i < kUnitCount; ++i) {
        modules.push_back(units_[i].conv.ptr());
        modules.push_back(units_[i].bn.ptr());
    }
    return modules;
}

}  // namespace tl
