// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

#include "support/TorchInclude.h"

namespace tl {

// Principal component analysis: the instant first view of the embedding map, and the
// reduction to ~50 dimensions that t-SNE starts from. A randomized SVD (Halko et al. 2011,
// with power iterations) fitted on at most 4,096 rows, so 20,000 photos take about a second.
// Deterministic: the seed fixes the sample and the random projection, and each component's
// sign is chosen so its largest loading is positive.
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
