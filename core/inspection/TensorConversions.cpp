// SPDX-License-Identifier: MIT
#include "inspection/TensorConversions.h"

namespace tl {

EmbeddingTable TensorConversions::toTable(const torch::Tensor& rows) {
    const torch::Tensor values = rows.to(torch::kFloat32).contiguous();
    EmbeddingTable table;
    table.dims = static_cast<int>(values.size(1));
    table.values.assign(values.data_ptr<float>(), values.data_ptr<float>() + values.numel());
    return table;
}

torch::Tensor TensorConversions::fromTable(const EmbeddingTable& table) {
    const auto n = static_cast<int64_t>(table.count());
    return torch::from_blob(const_cast<float*>(table.values.data()), {n, int64_t(table.dims)},
                            torch::kFloat32)
        .clone();
}

std::vector<float> TensorConversions::toPoints(const torch::Tensor& points) {
    torch::Tensor xy = points.to(torch::kFloat32);
    if (xy.size(1) < 2) {
        xy = torch::cat({xy, torch::zeros({xy.size(0), 2 - xy.size(1)})}, 1);
    }
    xy = xy.slice(1, 0, 2).contiguous();
    return {xy.data_ptr<float>(), xy.data_ptr<float>() + xy.numel()};
}

}  // namespace tl
