// SPDX-License-Identifier: MIT
#include "training/CalibrationReport.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tl {

double CalibrationReport::expectedCalibrationError(
    const std::vector<std::vector<double>>& probabilities, const std::vector<int>& labels,
    int bins) {
    if (probabilities.size() != labels.size() || bins < 1) {
        throw std::invalid_argument("expected calibration error: one label per row, bins >= 1");
    }
    if (probabilities.empty()) {
        return 0.0;
    }
    std::vector<double> confidence(bins, 0.0), correct(bins, 0.0), count(bins, 0.0);
    for (size_t i = 0; i < probabilities.size(); ++i) {
        const auto& row = probabilities[i];
        if (row.empty() || labels[i] < 0 || labels[i] >= static_cast<int>(row.size())) {
            throw std::invalid_argument("expected calibration error: label out of range");
        }
        const auto top = std::max_element(row.begin(), row.end());
        const double p = std::clamp(*top, 0.0, 1.0);
        // Equal-width bins (k/bins, (k+1)/bins]; a confidence of exactly 0 joins the first.
        const int bin = std::clamp(static_cast<int>(std::ceil(p * bins)) - 1, 0, bins - 1);
        confidence[bin] += p;
        correct[bin] += (top - row.begin()) == labels[i] ? 1.0 : 0.0;
        count[bin] += 1.0;
    }
    double error = 0.0;
    for (int b = 0; b < bins; ++b) {
        if (count[b] > 0) {
            error += std::abs(correct[b] - confidence[b]);  // = count * |acc - conf|
        }
    }
    return error / static_cast<double>(probabilities.size());
}

}  // namespace tl
