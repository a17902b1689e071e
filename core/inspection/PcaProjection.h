// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

#include "support/TorchInclude.h"

namespace tl {

// Principal component analysis: the instant first view of the embedding map, and the
// reduction to ~50 dimensions that t-SNE starts from. Exact SVD for small sets, a randomized
// SVD (Halko et al. 2011, with power iterations) for large ones. Deterministic: the seed
// fixes the random projection and each component's sign is chosen so its largest loading is
// positive.
class PcaProjection {
public:
    explicit PcaProjection(int components = 2, uint64_t seed = 42);

    // data [n, d] -> [n, min(components, n, d)] coordinates along the principal components,
    // in decreasing order of variance.
    torch::Tensor project(const torch::Tensor& data) const;

private:
    int components_;
    uint64_t seed_;
};

}  // namespace tl
