// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <vector>

#include "inspection/InspectionReport.h"
#include "support/TorchInclude.h"

namespace tl {

// Groups photos whose embeddings are nearly identical (cosine similarity at or above a
// threshold, joined transitively): exact copies, resized or recompressed copies, bursts.
// Compares every pair in blocks, so memory stays at one block of rows whatever the count.
class NearDuplicateFinder {
public:
    // The default threshold, measured on the 327 shared alpaca photos (bench/README.md,
    // "Near-duplicate threshold"): the two most similar distinct photos score 0.81
    // (MobileNetV2-0.35) or 0.82 (MobileNetV2-1.0); copies resized to 1/2 or 3/4 score at least
    // 0.994 with their original, JPEG-recompressed (quality 40) ones 0.971, the one burst pair
    // 0.968. 0.90 sits in the gap with a margin of 0.07 on either side; heavier degradations
    // (1/4 size, quality 15, a 10% crop: 0.82-0.96) are caught in part.
    static constexpr double kDefaultThreshold = 0.90;

    explicit NearDuplicateFinder(double threshold = kDefaultThreshold);
    double threshold() const { return threshold_; }

    // embeddings [n, channels]. Groups of two or more, each sorted, ordered by their first
    // member; straddlesSplit is left false (the caller knows the split).
    std::vector<DuplicateGroup> find(const torch::Tensor& embeddings,
                                     const std::function<void()>& cancel = {}) const;

    // One group id per row (-1 for a photo in no group), for cross-validation folds.
    static std::vector<int> groupIds(const std::vector<DuplicateGroup>& groups, std::size_t count);

private:
    double threshold_;
};

}  // namespace tl
