// SPDX-License-Identifier: MIT
#pragma once

#include "support/TorchInclude.h"

namespace tl {

// Large float matrix products for the inspection (all-pairs similarities, PCA). Debian's
// LibTorch multiplies matrices with the reference BLAS (one core, no cache blocking: about
// 3 GFLOPS here); the same product as a 1x1 convolution runs in oneDNN on every core,
// 2-3x faster on 2 cores (bench/README.md, "Projection time"). Results agree to float
// rounding.
struct DenseProduct {
    // a [m, k] times b [n, k] transposed: [m, n], float32.
    static torch::Tensor timesTransposed(const torch::Tensor& a, const torch::Tensor& b);
    // a [m, k] times b [k, n]: [m, n], float32.
    static torch::Tensor times(const torch::Tensor& a, const torch::Tensor& b);
};

}  // namespace tl
