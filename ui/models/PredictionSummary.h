// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>
#include <QVector>

#include <vector>

#include "training/EvaluationReport.h"

namespace tl {

// The Test page's summary of a batch of classified photos: how many went to each class, how
// sure the model was, and a histogram of its confidence (probability of the predicted class).
struct PredictionSummary {
    static constexpr int kBins = 10;  // 0-10%, ..., 90-100%

    QVector<int> countPerClass;
    QVector<double> meanConfidencePerClass;  // 0 for a class with no photo
    QVector<int> confidenceHistogram;        // kBins bins over [0, 1]
    int total = 0;
    int uncertain = 0;  // photos below `uncertainBelow`

    static PredictionSummary of(const std::vector<ImagePrediction>& predictions, int classCount,
                                double uncertainBelow = 0.7);
};

}  // namespace tl
