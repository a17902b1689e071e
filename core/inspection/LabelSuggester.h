// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "inspection/Suggestion.h"
#include "support/TorchInclude.h"

namespace tl {

// Picks the unlabeled photos worth labelling first: uncertain ones (small margin between the
// two most probable classes), but not all from one cluster. The most uncertain photos are
// the candidates (as in cluster-margin, Citovsky et al. 2021); among them each next pick
// maximises
//     (1 - diversity) * uncertainty - diversity * density of the picks so far,
// where the density at a photo is the sum over the picks of max(0, cosine)^4 on centred
// embeddings: a second photo of a scene already picked waits, and so, less and less, does a
// tenth photo of a kind already picked five times.
class LabelSuggester {
public:
    explicit LabelSuggester(double diversity = 0.5, int candidatesPerPick = 5);

    // probabilities [n, classes], embeddings [n, channels]; at most `count` suggestions, in
    // the order to label them.
    std::vector<Suggestion> suggest(const torch::Tensor& probabilities,
                                    const torch::Tensor& embeddings, int count) const;
    // Best minus second-best probability per row, in [0, 1].
    static torch::Tensor margins(const torch::Tensor& probabilities);

private:
    double diversity_;
    int candidatesPerPick_;
};

}  // namespace tl
