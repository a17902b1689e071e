// SPDX-License-Identifier: MIT
#include "training/OutOfFoldViews.h"

#include <cmath>
#include <numeric>
#include <stdexcept>

#include "nn/ClassifierHead.h"

namespace tl {

torch::Tensor OutOfFoldViews::scores(const CrossValidationResult& cv, const torch::Tensor& views) {
    const int64_t n = cv.outOfFoldScores.size(0);
    if (views.size(0) != n || static_cast<int64_t>(cv.foldOf.size()) != n) {
        throw std::invalid_argument("out-of-fold views: one row per cross-validated sample");
    }
    const int64_t viewCount = views.size(1);
    torch::Tensor result = torch::zeros({n, 1 + viewCount, cv.outOfFoldScores.size(1)});
    result.select(1, 0).copy_(cv.outOfFoldScores);
    torch::NoGradGuard noGrad;
    for (int fold = 0; fold < cv.folds; ++fold) {
        const auto& head =
            fold < static_cast<int>(cv.foldHeads.size()) ? cv.foldHeads[fold] : nullptr;
        std::vector<int64_t> rows;
        for (int64_t i = 0; i < n; ++i) {
            if (cv.foldOf[i] == fold) {
                rows.push_back(i);
            }
        }
        if (!head || rows.empty()) {
            continue;
        }
        head->eval();
        const auto index = torch::tensor(rows);
        const auto heldOut = views.index_select(0, index);  // [m, V, channels]
        const auto logits = head->forward(heldOut.reshape({-1, heldOut.size(2)}));
        const auto scores = head->classScores(logits).reshape({heldOut.size(0), viewCount, -1});
        result.narrow(1, 1, viewCount).index_copy_(0, index, scores);
    }
    return result;
}

CrossValidationSummary OutOfFoldViews::summary(const torch::Tensor& probabilities,
                                               const torch::Tensor& labels,
                                               const std::vector<int>& foldOf, int folds) {
    CrossValidationSummary summary;
    summary.folds = folds;
    summary.samples = static_cast<int>(labels.size(0));
    const torch::Tensor predicted = probabilities.argmax(1);
    const torch::Tensor right = predicted == labels;
    summary.correct = static_cast<int>(right.sum().item<int64_t>());
    const torch::Tensor foldTensor =
        torch::tensor(std::vector<int64_t>(foldOf.begin(), foldOf.end()));
    for (int fold = 0; fold < folds; ++fold) {
        const torch::Tensor inFold = foldTensor == fold;
        const int64_t count = inFold.sum().item<int64_t>();
        if (count > 0) {
            summary.foldAccuracy.push_back(double((right & inFold).sum().item<int64_t>()) / count);
        }
    }
    const auto& accuracy = summary.foldAccuracy;
    summary.accuracyMean = std::accumulate(accuracy.begin(), accuracy.end(), 0.0) /
                           std::max<size_t>(1, accuracy.size());
    double squares = 0;
    for (double a : accuracy) {
        squares += (a - summary.accuracyMean) * (a - summary.accuracyMean);
    }
    summary.accuracySd = accuracy.size() > 1 ? std::sqrt(squares / (accuracy.size() - 1)) : 0.0;
    for (int64_t c = 0; c < probabilities.size(1); ++c) {
        const torch::Tensor ofClass = labels == c;
        const int64_t total = ofClass.sum().item<int64_t>();
        const int64_t hits = (ofClass & (predicted == c)).sum().item<int64_t>();
        summary.perClassRecall.push_back(total > 0 ? double(hits) / total : 0.0);
    }
    return summary;
}

}  // namespace tl
