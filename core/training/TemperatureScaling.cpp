// SPDX-License-Identifier: MIT
#include "training/TemperatureScaling.h"

#include <cmath>
#include <limits>

namespace tl {

namespace {

torch::Tensor withViews(const torch::Tensor& scores) {
    return scores.dim() == 2 ? scores.unsqueeze(1) : scores;
}

}  // namespace

torch::Tensor TemperatureScaling::probabilities(const torch::Tensor& scores, double temperature) {
    torch::NoGradGuard noGrad;
    return torch::softmax(withViews(scores).to(torch::kFloat64) / temperature, 2)
        .mean(1)
        .to(torch::kFloat32);
}

double TemperatureScaling::negativeLogLikelihood(const torch::Tensor& scores,
                                                 const torch::Tensor& labels, double temperature) {
    torch::NoGradGuard noGrad;
    const torch::Tensor views = withViews(scores).to(torch::kFloat64) / temperature;
    // log of the mean over views of softmax, computed stably in log space.
    const torch::Tensor logProbabilities =
        torch::logsumexp(torch::log_softmax(views, 2), 1) - std::log(double(views.size(1)));
    return -logProbabilities.gather(1, labels.reshape({-1, 1})).mean().item<double>();
}

double TemperatureScaling::fit(const torch::Tensor& scores, const torch::Tensor& labels) {
    if (scores.size(0) == 0) {
        return 1.0;
    }
    const double low = std::log(kMinimum), high = std::log(kMaximum);
    auto loss = [&](double logT) { return negativeLogLikelihood(scores, labels, std::exp(logT)); };
    // A coarse grid first (the likelihood of averaged views need not be unimodal in T)...
    constexpr int kGrid = 41;
    const double step = (high - low) / (kGrid - 1);
    int best = 0;
    double bestLoss = std::numeric_limits<double>::infinity();
    for (int i = 0; i < kGrid; ++i) {
        const double value = loss(low + i * step);
        if (value < bestLoss) {
            bestLoss = value;
            best = i;
        }
    }
    // ...then golden-section search between the best point's neighbours.
    double a = low + std::max(0, best - 1) * step;
    double b = low + std::min(kGrid - 1, best + 1) * step;
    const double ratio = (std::sqrt(5.0) - 1) / 2;
    double c = b - ratio * (b - a), d = a + ratio * (b - a);
    double lossC = loss(c), lossD = loss(d);
    for (int iteration = 0; iteration < 40; ++iteration) {
        if (lossC < lossD) {
            b = d;
            d = c;
            lossD = lossC;
            c = b - ratio * (b - a);
            lossC = loss(c);
        } else {
            a = c;
            c = d;
            lossC = lossD;
            d = a + ratio * (b - a);
            lossD = loss(d);
        }
    }
    const double refined = (a + b) / 2;
    return std::exp(loss(refined) <= bestLoss ? refined : low + best * step);
}

torch::Tensor TemperatureScaling::crossFittedProbabilities(const torch::Tensor& scores,
                                                           const torch::Tensor& labels,
                                                           const std::vector<int>& foldOf,
                                                           int folds) {
    const int64_t n = scores.size(0);
    torch::Tensor result = torch::zeros({n, scores.size(-1)});
    for (int fold = 0; fold < folds; ++fold) {
        std::vector<int64_t> inside, outside;
        for (int64_t i = 0; i < n; ++i) {
            (foldOf[i] == fold ? inside : outside).push_back(i);
        }
        if (inside.empty()) {
            continue;
        }
        const auto insideIndex = torch::tensor(inside);
        const auto outsideIndex = torch::tensor(outside);
        const double temperature = outside.empty() ? 1.0
                                                   : fit(scores.index_select(0, outsideIndex),
                                                         labels.index_select(0, outsideIndex));
        result.index_copy_(0, insideIndex,
                           probabilities(scores.index_select(0, insideIndex), temperature));
    }
    return result;
}

std::vector<std::vector<double>> TemperatureScaling::rows(const torch::Tensor& probabilities) {
    const torch::Tensor values = probabilities.to(torch::kFloat64).contiguous();
    std::vector<std::vector<double>> out(values.size(0));
    const double* data = values.data_ptr<double>();
    const int64_t columns = values.size(1);
    for (size_t i = 0; i < out.size(); ++i) {
        out[i].assign(data + i * columns, data + (i + 1) * columns);
    }
    return out;
}

std::vector<int> TemperatureScaling::labelsOf(const torch::Tensor& labels) {
    const torch::Tensor values = labels.to(torch::kInt64).contiguous();
    return std::vector<int>(values.data_ptr<int64_t>(),
                            values.data_ptr<int64_t>() + values.numel());
}

}  // namespace tl
