// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

namespace tl {

struct ImagePrediction {
    std::string path;
    int trueLabel = -1;  // -1 when unknown (test images)
    int predictedLabel = 0;
    std::vector<double> probabilities;  // one per class
};

// Metrics on a labelled set: what the results page and `evaluate` show.
struct EvaluationReport {
    std::vector<std::string> classNames;
    double accuracy = 0;
    double loss = 0;
    std::vector<double> precision, recall;     // per class
    std::vector<std::vector<int>> confusion;   // [true][predicted]
    std::vector<ImagePrediction> predictions;  // every image
    // Misclassified images: for class c, false negatives are images of c predicted as
    // something else; false positives are images predicted as c that are not.
    std::vector<ImagePrediction> misclassified() const;
    std::vector<ImagePrediction> falseNegatives(int classIndex) const;
    std::vector<ImagePrediction> falsePositives(int classIndex) const;

    static EvaluationReport compute(std::vector<std::string> classNames,
                                    std::vector<ImagePrediction> predictions);
};

}  // namespace tl
