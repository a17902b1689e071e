// SPDX-License-Identifier: MIT
#include "nn/BatchNormFolding.h"

namespace tl {

FoldedConvolution foldBatchNorm(const std::string& name, const torch::nn::Conv2dImpl& conv,
                                const torch::nn::BatchNorm2dImpl& bn, bool relu6) {
    torch::NoGradGuard noGrad;
    const torch::Tensor scale = bn.weight.to(torch::kDouble) /
                                torch::sqrt(bn.running_var.to(torch::kDouble) + bn.options.eps());
    torch::Tensor bias = bn.bias.to(torch::kDouble) - bn.running_mean.to(torch::kDouble) * scale;
    if (conv.bias.defined()) {
        bias = bias + conv.bias.to(torch::kDouble) * scale;
    }
    FoldedConvolution out;
    out.name = name;
    out.weight = (conv.weight.to(torch::kDouble) * scale.reshape({-1, 1, 1, 1}))
                     .to(torch::kFloat)
                     .contiguous();
    out.bias = bias.to(torch::kFloat).contiguous();
    out.stride = (*conv.options.stride())[0];
    out.groups = conv.options.groups();
    out.relu6 = relu6;
    return out;
}

}  // namespace tl
