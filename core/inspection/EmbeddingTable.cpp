// SPDX-License-Identifier: MIT
#include "inspection/EmbeddingTable.h"

namespace tl {

EmbeddingTable EmbeddingTable::rows(const std::vector<std::size_t>& indices) const {
    EmbeddingTable out;
    out.dims = dims;
    out.values.reserve(indices.size() * static_cast<std::size_t>(dims));
    for (std::size_t index : indices) {
        out.values.insert(out.values.end(), row(index), row(index) + dims);
    }
    return out;
}

}  // namespace tl
