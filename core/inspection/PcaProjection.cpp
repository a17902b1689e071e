// SPDX-License-Identifier: MIT
#include "inspection/PcaProjection.h"

#include "inspection/DenseProduct.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <stdexcept>

namespace tl {

namespace {

// The principal axes are fitted on at most this many rows (a seeded random sample): on 20,000
// photos that is 5x less arithmetic, and the axes of 4,096 photos are those of 20,000 to
// within noise. All rows are projected.
constexpr int64_t kFitRows = 4096;
constexpr int kOversampling = 10;
constexpr int kPowerIterations = 3;

torch::Tensor orthonormalBasis(const torch::Tensor& m) {
    return std::get<0>(torch::linalg_qr(m, "reduced"));
}

// The top k right singular vectors [k, d] of centred data, by a randomized SVD with power
// iterations (exact when k + oversampling covers the whole rank).
torch::Tensor topRightSingularVectors(const torch::Tensor& centred, int64_t k,
                                      at::Generator& generator) {
    const int64_t n = centred.size(0);
    const int64_t d = centred.size(1);
    const int64_t width = std::min<int64_t>(k + kOversampling, std::min(n, d));
    const torch::Tensor centredT = centred.t().contiguous();
    torch::Tensor basis = orthonormalBasis(DenseProduct::timesTransposed(
        centred, torch::randn({width, d}, generator, torch::kFloat32)));
    for (int i = 0; i < kPowerIterations; ++i) {
        const torch::Tensor back =
            orthonormalBasis(DenseProduct::timesTransposed(centredT, basis.t()));
        basis = orthonormalBasis(DenseProduct::timesTransposed(centred, back.t()));
    }
    const torch::Tensor small = DenseProduct::timesTransposed(basis.t(), centredT);  // [width, d]
    return std::get<2>(torch::linalg_svd(small, false)).slice(0, 0, k);
}

}  // namespace

PcaProjection::PcaProjection(int components, uint64_t seed) : components_(components), seed_(seed) {
    if (components < 1) {
        throw std::invalid_argument("PCA needs at least one component");
    }
}

torch::Tensor PcaProjection::project(const torch::Tensor& data) const {
    torch::NoGradGuard noGrad;
    const torch::Tensor x = data.to(torch::kFloat32);
    const int64_t n = x.size(0);
    const int64_t d = x.size(1);
    const int64_t k = std::min<int64_t>(components_, std::min(n, d));
    if (k == 0) {
        return torch::zeros({n, 0});
    }
    auto generator = at::detail::createCPUGenerator(seed_);
    torch::Tensor sample = x;
    if (n > kFitRows) {
        sample = x.index_select(0, torch::randperm(n, generator, torch::kInt64).slice(0, 0, kFitRows));
    }
    const torch::Tensor mean = x.mean(0, true);
    torch::Tensor components = topRightSingularVectors(sample - mean, k, generator);  // [k, d]
    // The sign of a singular vector is arbitrary; fix it so runs and platforms agree.
    const torch::Tensor largest = components.abs().argmax(1, true);
    const torch::Tensor signs = components.gather(1, largest).sign();
    components = components * torch::where(signs == 0, torch::ones_like(signs), signs);
    return DenseProduct::timesTransposed(x - mean, components).contiguous();
}

}  // namespace tl
