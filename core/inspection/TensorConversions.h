// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "inspection/EmbeddingTable.h"
#include "support/TorchInclude.h"

namespace tl {

// Between the inspection's torch-free results (which the GUI keeps) and LibTorch tensors.
struct TensorConversions {
    // [n, dims] -> table (a copy).
    static EmbeddingTable toTable(const torch::Tensor& rows);
    // table -> [n, dims] float32 (a copy).
    static torch::Tensor fromTable(const EmbeddingTable& table);
    // [n, <= 2] -> x0 y0 x1 y1 ... (a missing second coordinate is 0).
    static std::vector<float> toPoints(const torch::Tensor& points);
};

}  // namespace tl
