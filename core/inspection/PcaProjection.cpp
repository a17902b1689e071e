// SPDX-License-Identifier: MIT
#include "inspection/PcaProjection.h"

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <stdexcept>

namespace tl {

namespace {

// Above this many rows the exact SVD of the whole matrix costs seconds; the randomized one
// costs a few passes over the data.
constexpr int64_t kExactRows = 4096;
constexpr int kOversampling = 10;
constexpr int kPowerIterations = 4;

torch::Tensor orthonormalBasis(const torch::Tensor& m) {
    return std::get<0>(torch::linalg_qr(m, "reduced"));
}

// Right singular vectors [k, d] of centred data, the top k.
torch::Tensor topRightSingularVectors(const torch::Tensor& centred, int64_t k, uint64_t seed) {
    const int64_t n = centred.size(0);
    const int64_t d = centred.size(1);
    if (n <= kExactRows) {
        const auto svd = torch::linalg_svd(centred, false);
        return std::get<2>(svd).slice(0, 0, k);
    }
    const int64_t width = std::min<int64_t>(k + kOversampling, std::min(n, d));
    auto generator = at::detail::createCPUGenerator(seed);
    torch::Tensor basis = orthonormalBasis(
        torch::matmul(centred, torch::randn({d, width}, generator, torch::kFloat32)));
    for (int i = 0; i < kPowerIterations; ++i) {
        const torch::Tensor back = orthonormalBasis(torch::matmul(centred.t(), basis));
        basis = orthonormalBasis(torch::matmul(centred, back));
    }
    const torch::Tensor small = torch::matmul(basis.t(), centred);  // [width, d]
    const auto svd = torch::linalg_svd(small, false);
    return std::get<2>(svd).slice(0, 0, k);
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
    const torch::Tensor centred = x - x.mean(0, true);
    torch::Tensor components = topRightSingularVectors(centred, k, seed_);  // [k, d]
    // The sign of a singular vector is arbitrary; fix it so runs and platforms agree.
    const torch::Tensor largest = components.abs().argmax(1, true);
    const torch::Tensor signs = components.gather(1, largest).sign();
    components = components * torch::where(signs == 0, torch::ones_like(signs), signs);
    return torch::matmul(centred, components.t()).contiguous();
}

}  // namespace tl
