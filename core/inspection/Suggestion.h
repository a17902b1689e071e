// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <vector>

namespace tl {

// An unlabeled photo worth labelling next.
struct Suggestion {
    std::size_t index = 0;  // into the pool that was ranked
    double score = 0;       // uncertainty, 1 - margin: 1 on the decision boundary
    double margin = 0;      // probability of the best class minus the second best
    int predicted = 0;      // the current model's class
    std::vector<double> probabilities;
};

}  // namespace tl
