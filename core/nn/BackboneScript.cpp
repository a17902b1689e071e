// SPDX-License-Identifier: MIT
#include "nn/BackboneScript.h"

#include <sstream>
#include <string>
#include <utility>

namespace tl {

namespace {

// TensorFlow "same" padding before a strided convolution, per side: {before, after}.
std::pair<int64_t, int64_t> samePadding(int64_t size, int64_t kernel, int64_t stride) {
    const int64_t remainder = size % stride;
    const int64_t total = std::max<int64_t>(kernel - (remainder == 0 ? stride : remainder), 0);
    return {total / 2, total - total / 2};
}

// A kxk kernel moved into the bottom-right corner of a (k+1)x(k+1) one: with symmetric
// padding p+1 it computes what the kxk kernel computes with padding p before and p+1 after.
torch::Tensor shiftedKernel(const torch::Tensor& weight) {
    const int64_t k = weight.size(2);
    torch::Tensor out = torch::zeros({weight.size(0), weight.size(1), k + 1, k + 1});
    out.narrow(2, 1, k).narrow(3, 1, k).copy_(weight);
    return out;
}

std::string pair(int64_t value) {
    return "[" + std::to_string(value) + ", " + std::to_string(value) + "]";
}

}  // namespace

torch::jit::Module scriptMobileNetV2(const MobileNetV2& network,
                                     const BackboneScriptOptions& options) {
    torch::jit::Module module("TransferLabMobileNetV2");
    std::ostringstream source;
    source << "def forward(self, x: Tensor) -> Tensor:\n"
              "    residual = x\n";
    int64_t size = network.spec().inputSize;
    int index = 0;
    for (const FoldedConvolution& conv : network.foldedConvolutions()) {
        const std::string name = "conv" + std::to_string(index++);
        torch::Tensor weight = conv.weight;
        int64_t padding = conv.kernel() / 2;
        std::string input = "x";
        if (conv.stride > 1) {
            const auto [before, after] = samePadding(size, conv.kernel(), conv.stride);
            if (before == after) {
                padding = before;
            } else if (options.shiftedKernelPadding && after == before + 1) {
                weight = shiftedKernel(weight);
                padding = after;
            } else {
                padding = 0;
                input = "torch.constant_pad_nd(x, [" + std::to_string(before) + ", " +
                        std::to_string(after) + ", " + std::to_string(before) + ", " +
                        std::to_string(after) + "], 0.0)";
            }
            size = (size + conv.stride - 1) / conv.stride;
        }
        module.register_parameter(name + "_weight", weight.contiguous(), false);
        module.register_parameter(name + "_bias", conv.bias, false);
        if (conv.residualStart) {
            source << "    residual = x\n";
        }
        source << "    x = torch.conv2d(" << input << ", self." << name << "_weight, self." << name
               << "_bias, " << pair(conv.stride) << ", " << pair(padding) << ", [1, 1], "
               << conv.groups << ")\n";
        if (conv.relu6) {
            source << "    x = torch.hardtanh(x, 0.0, 6.0)\n";
        }
        if (conv.residualEnd) {
            source << "    x = x + residual\n";
        }
    }
    source << "    return torch.mean(x, [2, 3])\n";
    module.define(source.str());
    module.eval();
    return module;
}

int64_t multiplyAccumulates(const MobileNetV2& network) {
    int64_t size = network.spec().inputSize;
    int64_t total = 0;
    // The convolutions in the order they run (registration order), from their shapes only.
    for (const auto& module : network.modules(/*include_self=*/false)) {
        const auto* conv = module->as<torch::nn::Conv2dImpl>();
        if (!conv) {
            continue;
        }
        const int64_t stride = (*conv->options.stride())[0];
        size = (size + stride - 1) / stride;
        // Each output value: kernel x kernel x (input channels / groups) products.
        total += size * size * conv->weight.numel();
    }
    return total;
}

}  // namespace tl
