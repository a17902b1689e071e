// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <vector>

#include "inspection/InspectionReport.h"
#include "support/TorchInclude.h"

namespace tl {

// Photos far from every other photo in feature space, whatever their class: a photo of
// something else entirely, a screenshot, a blank frame. The measure is the mean cosine
// distance to the k nearest photos (as cleanlab's out-of-distribution score), relative to the
// median photo's, so it reads the same on any backbone.
class OutlierFinder {
public:
    // The default cut (see bench/README.md, "Outliers"): the photos at least this much more
    // isolated than the median photo.
    static constexpr double kDefaultMinimumScore = 1.5;

    explicit OutlierFinder(int neighbours = 5, double minimumScore = kDefaultMinimumScore);

    // Every row's score (mean distance to its k nearest other rows / median of that).
    std::vector<double> scores(const torch::Tensor& embeddings,
                               const std::function<void()>& cancel = {}) const;
    // The rows scoring at least the minimum, most isolated first.
    std::vector<Outlier> find(const torch::Tensor& embeddings,
                              const std::function<void()>& cancel = {}) const;

private:
    int neighbours_;
    double minimumScore_;
};

}  // namespace tl
