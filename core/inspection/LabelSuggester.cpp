// SPDX-License-Identifier: MIT
#include "inspection/LabelSuggester.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace tl {

namespace {
constexpr int64_t kMinimumCandidates = 50;
// The similarity's exponent in the picks' density: near-copies of a pick count almost fully
// (0.95^4 = 0.81), photos of the same broad kind a little (0.6^4 = 0.13).
constexpr double kSharpness = 4.0;
}  // namespace

LabelSuggester::LabelSuggester(double diversity, int candidatesPerPick)
    : diversity_(diversity), candidatesPerPick_(candidatesPerPick) {
    if (diversity < 0 || diversity > 1 || candidatesPerPick < 1) {
        throw std::invalid_argument("LabelSuggester: diversity in [0, 1], candidates >= 1");
    }
}

torch::Tensor LabelSuggester::margins(const torch::Tensor& probabilities) {
    torch::NoGradGuard noGrad;
    if (probabilities.size(1) < 2) {
        return torch::ones({probabilities.size(0)});
    }
    const torch::Tensor top = std::get<0>(probabilities.to(torch::kFloat32).topk(2, 1));
    return (top.select(1, 0) - top.select(1, 1)).clamp(0, 1);
}

std::vector<Suggestion> LabelSuggester::suggest(const torch::Tensor& probabilities,
                                                const torch::Tensor& embeddings, int count) const {
    torch::NoGradGuard noGrad;
    const int64_t n = probabilities.size(0);
    if (embeddings.size(0) != n) {
        throw std::invalid_argument("LabelSuggester: one embedding per probability row needed");
    }
    if (n == 0 || count <= 0) {
        return {};
    }
    const torch::Tensor margin = margins(probabilities);
    const int64_t candidateCount = std::min<int64_t>(
        n, std::max<int64_t>(kMinimumCandidates, int64_t(count) * candidatesPerPick_));
    // Most uncertain first; the stable order keeps ties deterministic.
    const torch::Tensor order = std::get<1>(margin.sort(/*stable=*/true, 0, false));
    const torch::Tensor candidates = order.slice(0, 0, candidateCount).contiguous();
    const torch::Tensor centred =
        embeddings.to(torch::kFloat32) - embeddings.to(torch::kFloat32).mean(0, true);
    const torch::Tensor unit = torch::nn::functional::normalize(
        centred.index_select(0, candidates), torch::nn::functional::NormalizeFuncOptions().dim(1));
    const torch::Tensor uncertainty = (1 - margin.index_select(0, candidates)).contiguous();

    std::vector<double> density(static_cast<std::size_t>(candidateCount), 0.0);
    std::vector<bool> taken(static_cast<std::size_t>(candidateCount), false);
    const float* u = uncertainty.data_ptr<float>();
    const int64_t* rows = candidates.data_ptr<int64_t>();
    const torch::Tensor p = probabilities.to(torch::kFloat64).contiguous();
    std::vector<Suggestion> picks;
    const int64_t wanted = std::min<int64_t>(count, candidateCount);
    while (static_cast<int64_t>(picks.size()) < wanted) {
        int64_t best = -1;
        double bestValue = -std::numeric_limits<double>::infinity();
        for (int64_t c = 0; c < candidateCount; ++c) {
            if (taken[c]) {
                continue;
            }
            const double value = (1 - diversity_) * u[c] - diversity_ * density[c];
            if (value > bestValue) {
                bestValue = value;
                best = c;
            }
        }
        taken[best] = true;
        const torch::Tensor similarity = torch::matmul(unit, unit[best]).contiguous();
        const float* s = similarity.data_ptr<float>();
        for (int64_t c = 0; c < candidateCount; ++c) {
            density[c] += std::pow(std::max(0.0, static_cast<double>(s[c])), kSharpness);
        }
        Suggestion suggestion;
        suggestion.index = static_cast<std::size_t>(rows[best]);
        suggestion.margin = 1.0 - u[best];
        suggestion.score = u[best];
        const torch::Tensor row = p[rows[best]];
        suggestion.probabilities.assign(row.data_ptr<double>(),
                                        row.data_ptr<double>() + row.numel());
        suggestion.predicted = static_cast<int>(row.argmax().item<int64_t>());
        picks.push_back(std::move(suggestion));
    }
    return picks;
}

}  // namespace tl
