// SPDX-License-Identifier: MIT
#include "training/CalibrationReport.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <stdexcept>

namespace tl {

namespace {

// Equal-width bins (k/bins, (k+1)/bins]; a confidence of exactly 0 joins the first.
int binOf(double confidence, int bins) {
    return std::clamp(static_cast<int>(std::ceil(confidence * bins)) - 1, 0, bins - 1);
}

}  // namespace

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
        const int bin = binOf(p, bins);
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

double CalibrationReport::eceFloor(const std::vector<std::vector<double>>& probabilities, int draws,
                                   unsigned seed, int bins) {
    if (bins < 1 || draws < 1) {
        throw std::invalid_argument("calibration error floor: bins >= 1 and draws >= 1");
    }
    if (probabilities.empty()) {
        return 0.0;
    }
    std::vector<double> confidenceOf(probabilities.size());
    std::vector<int> binOfRow(probabilities.size());
    std::vector<double> confidence(bins, 0.0);
    for (size_t i = 0; i < probabilities.size(); ++i) {
        const auto& row = probabilities[i];
        if (row.empty()) {
            throw std::invalid_argument("calibration error floor: empty row");
        }
        confidenceOf[i] = std::clamp(*std::max_element(row.begin(), row.end()), 0.0, 1.0);
        binOfRow[i] = binOf(confidenceOf[i], bins);
        confidence[binOfRow[i]] += confidenceOf[i];
    }
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    double total = 0.0;
    for (int draw = 0; draw < draws; ++draw) {
        std::vector<double> correct(bins, 0.0);
        for (size_t i = 0; i < confidenceOf.size(); ++i) {
            correct[binOfRow[i]] += uniform(rng) < confidenceOf[i] ? 1.0 : 0.0;
        }
        double error = 0.0;
        for (int b = 0; b < bins; ++b) {
            error += std::abs(correct[b] - confidence[b]);
        }
        total += error / static_cast<double>(confidenceOf.size());
    }
    return total / draws;
}

}  // namespace tl
