// SPDX-License-Identifier: MIT
#include "inspection/DenseProduct.h"

namespace tl {

torch::Tensor DenseProduct::timesTransposed(const torch::Tensor& a, const torch::Tensor& b) {
    if (a.scalar_type() != torch::kFloat32 || b.scalar_type() != torch::kFloat32) {
        return torch::matmul(a, b.t());
    }
    // out[o, p] = sum_c weight[o, c] * input[c, p]: a is the weight, b's rows are the input's
    // pixels, laid out channels-last, which is exactly b's row-major memory.
    const torch::Tensor input = b.contiguous().t().unsqueeze(0).unsqueeze(2);  // [1, k, 1, n]
    const torch::Tensor weight = a.contiguous().unsqueeze(2).unsqueeze(3);     // [m, k, 1, 1]
    return torch::conv2d(input, weight).reshape({a.size(0), b.size(0)});
}

torch::Tensor DenseProduct::times(const torch::Tensor& a, const torch::Tensor& b) {
    return timesTransposed(a, b.t());
}

}  // namespace tl
