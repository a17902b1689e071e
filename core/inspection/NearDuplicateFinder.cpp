// SPDX-License-Identifier: MIT
#include "inspection/NearDuplicateFinder.h"

#include "inspection/DenseProduct.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <stdexcept>

namespace tl {

namespace {

constexpr int64_t kBlockRows = 1024;

// Union-find with path halving: the transitive closure of "is a near-duplicate of".
class DisjointSets {
public:
    explicit DisjointSets(std::size_t n) : parent_(n) {
        std::iota(parent_.begin(), parent_.end(), std::size_t{0});
    }
    std::size_t root(std::size_t x) {
        while (parent_[x] != x) {
            parent_[x] = parent_[parent_[x]];
            x = parent_[x];
        }
        return x;
    }
    void join(std::size_t a, std::size_t b) {
        a = root(a);
        b = root(b);
        if (a != b) {
            parent_[std::max(a, b)] = std::min(a, b);
        }
    }

private:
    std::vector<std::size_t> parent_;
};

}  // namespace

NearDuplicateFinder::NearDuplicateFinder(double threshold) : threshold_(threshold) {
    if (!(threshold > 0.0 && threshold <= 1.0)) {
        throw std::invalid_argument("the near-duplicate threshold must be in (0, 1]");
    }
}

std::vector<DuplicateGroup> NearDuplicateFinder::find(const torch::Tensor& embeddings,
                                                      const std::function<void()>& cancel) const {
    torch::NoGradGuard noGrad;
    const int64_t n = embeddings.size(0);
    if (n < 2) {
        return {};
    }
    const torch::Tensor unit =
        torch::nn::functional::normalize(embeddings.to(torch::kFloat32),
                                         torch::nn::functional::NormalizeFuncOptions().dim(1))
            .contiguous();
    DisjointSets sets(static_cast<std::size_t>(n));
    for (int64_t start = 0; start < n; start += kBlockRows) {
        if (cancel) {
            cancel();
        }
        const int64_t end = std::min(n, start + kBlockRows);
        // Only pairs (i, j) with j > i: the block against the rows after its first one.
        const torch::Tensor similarity =
            DenseProduct::timesTransposed(unit.slice(0, start, end), unit.slice(0, start, n));
        const torch::Tensor pairs = torch::nonzero(similarity >= threshold_).contiguous();
        const int64_t* pair = pairs.data_ptr<int64_t>();
        for (int64_t k = 0; k < pairs.size(0); ++k) {
            const int64_t i = start + pair[2 * k];
            const int64_t j = start + pair[2 * k + 1];
            if (j > i) {
                sets.join(static_cast<std::size_t>(i), static_cast<std::size_t>(j));
            }
        }
    }
    std::map<std::size_t, std::vector<std::size_t>> byRoot;
    for (std::size_t i = 0; i < static_cast<std::size_t>(n); ++i) {
        byRoot[sets.root(i)].push_back(i);
    }
    std::vector<DuplicateGroup> groups;
    for (auto& [root, members] : byRoot) {
        if (members.size() < 2) {
            continue;
        }
        DuplicateGroup group;
        group.images = members;
        const torch::Tensor rows = unit.index_select(
            0, torch::tensor(std::vector<int64_t>(members.begin(), members.end())));
        const torch::Tensor pairwise = torch::matmul(rows, rows.t());
        const auto offDiagonal = torch::ones_like(pairwise).triu(1).to(torch::kBool);
        group.similarity = std::min(1.0, pairwise.masked_select(offDiagonal).min().item<double>());
        groups.push_back(std::move(group));
    }
    return groups;  // byRoot's roots are each group's smallest member: ordered by first member
}

std::vector<int> NearDuplicateFinder::groupIds(const std::vector<DuplicateGroup>& groups,
                                               std::size_t count) {
    std::vector<int> ids(count, -1);
    for (std::size_t g = 0; g < groups.size(); ++g) {
        for (std::size_t image : groups[g].images) {
            if (image < count) {
                ids[image] = static_cast<int>(g);
            }
        }
    }
    return ids;
}

}  // namespace tl
