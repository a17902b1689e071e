// SPDX-License-Identifier: MIT
#include "training/EvaluationReport.h"

#include <algorithm>

namespace tl {

EvaluationReport EvaluationReport::compute(std::vector<std::string> classNames,
                                           std::vector<ImagePrediction> predictions) {
    EvaluationReport report;
    const size_t classes = classNames.size();
    report.classNames = std::move(classNames);
    report.confusion.assign(classes, std::vector<int>(classes, 0));
    int correct = 0, labelled = 0;
    for (const auto& prediction : predictions) {
        if (prediction.trueLabel < 0) {
            continue;
        }
        ++labelled;
        correct += prediction.trueLabel == prediction.predictedLabel;
        report.confusion[prediction.trueLabel][prediction.predictedLabel] += 1;
    }
    report.accuracy = labelled ? double(correct) / labelled : 0.0;
    report.precision.assign(classes, 0.0);
    report.recall.assign(classes, 0.0);
    for (size_t c = 0; c < classes; ++c) {
        int predictedAsC = 0, actualC = 0;
        for (size_t other = 0; other < classes; ++other) {
            predictedAsC += report.confusion[other][c];
            actualC += report.confusion[c][other];
        }
        const int truePositives = report.confusion[c][c];
        report.precision[c] = predictedAsC ? double(truePositives) / predictedAsC : 0.0;
        report.recall[c] = actualC ? double(truePositives) / actualC : 0.0;
    }
    report.predictions = std::move(predictions);
    return report;
}

namespace {

// Most confident mistakes first: those are the likeliest labeling errors.
void sortByConfidence(std::vector<ImagePrediction>& images) {
    std::stable_sort(
        images.begin(), images.end(), [](const ImagePrediction& a, const ImagePrediction& b) {
            return a.probabilities[a.predictedLabel] > b.probabilities[b.predictedLabel];
        });
}

}  // namespace

std::vector<ImagePrediction> EvaluationReport::misclassified() const {
    std::vector<ImagePrediction> wrong;
    for (const auto& prediction : predictions) {
        if (prediction.trueLabel >= 0 && prediction.trueLabel != prediction.predictedLabel) {
            wrong.push_back(prediction);
        }
    }
    sortByConfidence(wrong);
    return wrong;
}

std::vector<ImagePrediction> EvaluationReport::falseNegatives(int classIndex) const {
    std::vector<ImagePrediction> result;
    for (const auto& prediction : misclassified()) {
        if (prediction.trueLabel == classIndex) {
            result.push_back(prediction);
        }
    }
    return result;
}

std::vector<ImagePrediction> EvaluationReport::falsePositives(int classIndex) const {
    std::vector<ImagePrediction> result;
    for (const auto& prediction : misclassified()) {
        if (prediction.predictedLabel == classIndex) {
            result.push_back(prediction);
        }
    }
    return result;
}

}  // namespace tl
