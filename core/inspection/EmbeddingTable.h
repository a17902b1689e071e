// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <vector>

namespace tl {

// Pooled backbone embeddings of a list of photos, row-major [count, dims], without LibTorch:
// the GUI keeps them between the inspection's jobs (the map, "Label next") without
// extracting them again.
struct EmbeddingTable {
    int dims = 0;
    std::vector<float> values;  // count * dims

    std::size_t count() const {
        return dims > 0 ? values.size() / static_cast<std::size_t>(dims) : 0;
    }
    const float* row(std::size_t index) const { return values.data() + index * dims; }
    // The rows `indices`, in that order.
    EmbeddingTable rows(const std::vector<std::size_t>& indices) const;
};

}  // namespace tl
