// SPDX-License-Identifier: MIT
#include "inspection/OutlierFinder.h"

#include "inspection/DenseProduct.h"

#include <algorithm>
#include <stdexcept>

namespace tl {

namespace {
constexpr int64_t kBlockRows = 1024;
}

OutlierFinder::OutlierFinder(int neighbours, double minimumScore)
    : neighbours_(neighbours), minimumScore_(minimumScore) {
    if (neighbours < 1) {
        throw std::invalid_argument("the outlier finder needs at least one neighbour");
    }
}

std::vector<double> OutlierFinder::scores(const torch::Tensor& embeddings,
                                          const std::function<void()>& cancel) const {
    torch::NoGradGuard noGrad;
    const int64_t n = embeddings.size(0);
    if (n < 3) {
        return std::vector<double>(static_cast<std::size_t>(n), 1.0);
    }
    const int64_t k = std::min<int64_t>(neighbours_, n - 1);
    const torch::Tensor unit = torch::nn::functional::normalize(
        embeddings.to(torch::kFloat32), torch::nn::functional::NormalizeFuncOptions().dim(1));
    std::vector<torch::Tensor> parts;
    for (int64_t start = 0; start < n; start += kBlockRows) {
        if (cancel) {
            cancel();
        }
        const int64_t end = std::min(n, start + kBlockRows);
        torch::Tensor similarity = DenseProduct::timesTransposed(unit.slice(0, start, end), unit);
        // A photo is not its own neighbour.
        similarity.diagonal(start).fill_(-2.0f);
        const torch::Tensor nearest = std::get<0>(similarity.topk(k, 1));
        parts.push_back((1.0 - nearest).mean(1));
    }
    const torch::Tensor distance = torch::cat(parts).to(torch::kFloat64).contiguous();
    const double median = distance.median().item<double>();
    std::vector<double> out(distance.data_ptr<double>(), distance.data_ptr<double>() + n);
    for (double& value : out) {
        value = median > 0 ? value / median : 1.0;
    }
    return out;
}

std::vector<Outlier> OutlierFinder::find(const torch::Tensor& embeddings,
                                         const std::function<void()>& cancel) const {
    const std::vector<double> all = scores(embeddings, cancel);
    std::vector<Outlier> outliers;
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i] >= minimumScore_) {
            outliers.push_back({i, all[i]});
        }
    }
    std::stable_sort(outliers.begin(), outliers.end(),
                     [](const Outlier& a, const Outlier& b) { return a.score > b.score; });
    return outliers;
}

}  // namespace tl
