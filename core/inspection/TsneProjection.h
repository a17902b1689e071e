// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "support/TorchInclude.h"

namespace tl {

// Barnes-Hut t-SNE (van der Maaten 2014) for the embedding map: neighbour-preserving, so
// clusters of look-alike photos show as islands. Input affinities from the exact k nearest
// neighbours (k = 3 x perplexity) after PCA to 50 dimensions; the repulsive forces from a
// quadtree with opening angle theta. Optimisation as openTSNE and FIt-SNE do it: PCA
// initialisation, early exaggeration 12 for 250 iterations, then 500 more, learning rate
// max(n / 12, 200), momentum 0.5 then 0.8, per-coordinate gains. Deterministic whatever the
// thread count: each point's sums are computed by one thread in a fixed order.
class TsneProjection {
public:
    struct Options {
        double perplexity = 30;
        double theta = 0.5;
        int exaggerationIterations = 250;
        int iterations = 750;  // in all, exaggeration included
        double exaggeration = 12;
        int pcaDimensions = 50;
        uint64_t seed = 42;
    };
    using CancelCheck = std::function<void()>;
    using Progress = std::function<void(int iteration, int total)>;

    TsneProjection();
    explicit TsneProjection(Options options);

    // data [n, d] -> [n, 2].
    torch::Tensor project(const torch::Tensor& data, const CancelCheck& cancel = {},
                          const Progress& progress = {}) const;

    // The affinities' pieces, exposed for tests: for each row its k nearest other rows
    // (ascending distance) and their squared Euclidean distances.
    static void nearestNeighbours(const torch::Tensor& data, int k, std::vector<int64_t>& indices,
                                  std::vector<float>& squaredDistances);

private:
    Options options_;
};

}  // namespace tl
