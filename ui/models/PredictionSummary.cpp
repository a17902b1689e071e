// SPDX-License-Identifier: MIT
#include "models/PredictionSummary.h"

#include <algorithm>

namespace tl {

PredictionSummary PredictionSummary::of(const std::vector<ImagePrediction>& predictions,
                                        int classCount, double uncertainBelow) {
    PredictionSummary summary;
    summary.countPerClass.fill(0, classCount);
    summary.meanConfidencePerClass.fill(0.0, classCount);
    summary.confidenceHistogram.fill(0, kBins);
    for (const ImagePrediction& p : predictions) {
        if (p.predictedLabel < 0 || p.predictedLabel >= classCount ||
            static_cast<std::size_t>(p.predictedLabel) >= p.probabilities.size()) {
            continue;
        }
        const double confidence = std::clamp(p.probabilities[p.predictedLabel], 0.0, 1.0);
        ++summary.total;
        ++summary.countPerClass[p.predictedLabel];
        summary.meanConfidencePerClass[p.predictedLabel] += confidence;
        ++summary.confidenceHistogram[std::min(kBins - 1, static_cast<int>(confidence * kBins))];
        if (confidence < uncertainBelow) {
            ++summary.uncertain;
        }
    }
    for (int c = 0; c < classCount; ++c) {
        if (summary.countPerClass[c] > 0) {
            summary.meanConfidencePerClass[c] /= summary.countPerClass[c];
        }
    }
    return summary;
}

}  // namespace tl
