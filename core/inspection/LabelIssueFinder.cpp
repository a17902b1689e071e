// SPDX-License-Identifier: MIT
#include "inspection/LabelIssueFinder.h"

#include <algorithm>
#include <stdexcept>

#include "training/CrossValidation.h"
#include "training/HeadTrainer.h"

namespace tl {

LabelIssueFinder::LabelIssueFinder(TrainingSettings head, int folds, uint64_t seed)
    : head_(std::move(head)), folds_(folds), seed_(seed) {
    if (folds < 2) {
        throw std::invalid_argument("the label-issue finder needs at least 2 folds");
    }
}

LabelIssueFinder::Result LabelIssueFinder::find(const torch::Tensor& features,
                                                const std::vector<int64_t>& labels, int classes,
                                                const std::vector<int>& groups,
                                                const CancelCheck& cancel,
                                                const Progress& progress) const {
    const int64_t n = features.size(0);
    if (n != static_cast<int64_t>(labels.size())) {
        throw std::invalid_argument("LabelIssueFinder: one label per feature row needed");
    }
    Result result;
    if (n < 2) {
        result.outOfFold = torch::zeros({n, classes});
        return result;
    }
    const FeatureSet data{features.unsqueeze(1), torch::tensor(labels, torch::kInt64)};
    const int folds = static_cast<int>(std::min<int64_t>(folds_, n));
    const CrossValidationResult cv =
        CrossValidation::run(head_, classes, data, folds, seed_, groups, cancel, progress);
    result.outOfFold = cv.outOfFoldProbabilities;
    result.accuracy = (cv.outOfFoldProbabilities.argmax(1) == data.labels)
                          .to(torch::kFloat64)
                          .mean()
                          .item<double>();
    result.issues = rank(result.outOfFold, labels, &result.thresholds);
    return result;
}

std::vector<LabelIssue> LabelIssueFinder::rank(const torch::Tensor& probabilities,
                                               const std::vector<int64_t>& labels,
                                               std::vector<double>* thresholds) {
    const torch::Tensor p = probabilities.to(torch::kFloat64).contiguous();
    const int64_t n = p.size(0);
    const int64_t classes = p.size(1);
    const double* rows = p.data_ptr<double>();
    // Confident learning's per-class thresholds: how confident the predictions are, on
    // average, in a class on the photos labelled with it. Comparing each class with its own
    // threshold keeps a class the model is shy about from never being suggested.
    std::vector<double> threshold(classes, 0.0);
    std::vector<int64_t> count(classes, 0);
    for (int64_t i = 0; i < n; ++i) {
        threshold[labels[i]] += rows[i * classes + labels[i]];
        ++count[labels[i]];
    }
    for (int64_t c = 0; c < classes; ++c) {
        threshold[c] = count[c] > 0 ? threshold[c] / count[c] : 1.0;
    }
    std::vector<LabelIssue> issues;
    for (int64_t i = 0; i < n; ++i) {
        const double* row = rows + i * classes;
        const int64_t given = labels[i];
        int64_t bestOther = -1;
        int64_t confidentClass = -1;
        for (int64_t c = 0; c < classes; ++c) {
            if (c != given && (bestOther < 0 || row[c] > row[bestOther])) {
                bestOther = c;
            }
            if (row[c] >= threshold[c] && (confidentClass < 0 || row[c] > row[confidentClass])) {
                confidentClass = c;
            }
        }
        if (bestOther < 0) {
            continue;  // a single class: nothing to disagree with
        }
        LabelIssue issue;
        issue.image = static_cast<std::size_t>(i);
        issue.label = static_cast<int>(given);
        issue.confident = confidentClass >= 0 && confidentClass != given;
        issue.suggested = static_cast<int>(issue.confident ? confidentClass : bestOther);
        issue.score = (row[bestOther] - row[given] + 1.0) / 2.0;
        if (issue.confident || row[bestOther] > row[given]) {
            issues.push_back(issue);
        }
    }
    std::stable_sort(issues.begin(), issues.end(),
                     [](const LabelIssue& a, const LabelIssue& b) { return a.score > b.score; });
    if (thresholds) {
        *thresholds = threshold;
    }
    return issues;
}

}  // namespace tl
