// SPDX-License-Identifier: MIT
#include "training/CrossValidation.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <stdexcept>

#include "nn/ClassifierHead.h"

namespace tl {

std::vector<int> CrossValidation::assignFolds(const std::vector<int64_t>& labels, int folds,
                                              uint64_t seed, const std::vector<int>& groups) {
    if (folds < 2) {
        throw std::invalid_argument("cross-validation needs at least 2 folds");
    }
    const size_t n = labels.size();
    // Units that move together: a group of near-duplicates, or a single sample.
    std::map<int, std::vector<size_t>> grouped;
    std::vector<std::vector<size_t>> units;
    for (size_t i = 0; i < n; ++i) {
        const int group = i < groups.size() ? groups[i] : -1;
        if (group >= 0) {
            grouped[group].push_back(i);
        } else {
            units.push_back({i});
        }
    }
    for (auto& [group, members] : grouped) {
        units.push_back(std::move(members));
    }
    // Stratify by the label of a unit's first sample; deal each class's units round-robin,
    // continuing where the previous class stopped so fold sizes stay balanced.
    std::map<int64_t, std::vector<size_t>> unitsByClass;
    for (size_t u = 0; u < units.size(); ++u) {
        unitsByClass[labels[units[u].front()]].push_back(u);
    }
    std::mt19937_64 rng(seed);
    std::vector<int> foldOf(n, 0);
    int next = 0;
    for (auto& [label, classUnits] : unitsByClass) {
        std::shuffle(classUnits.begin(), classUnits.end(), rng);
        for (size_t u : classUnits) {
            for (size_t sample : units[u]) {
                foldOf[sample] = next;
            }
            next = (next + 1) % folds;
        }
    }
    return foldOf;
}

CrossValidationResult CrossValidation::run(const TrainingSettings& settings, int classes,
                                           const FeatureSet& data, int folds, uint64_t seed,
                                           const std::vector<int>& groups,
                                           const CancelCheck& cancel, const Progress& progress) {
    const int64_t n = data.size();
    if (n < folds) {
        throw std::invalid_argument("cross-validation needs at least one sample per fold");
    }
    const torch::Tensor labelTensor = data.labels.contiguous();
    std::vector<int64_t> labels(labelTensor.data_ptr<int64_t>(),
                                labelTensor.data_ptr<int64_t>() + n);
    CrossValidationResult result;
    result.folds = folds;
    result.foldOf = assignFolds(labels, folds, seed, groups);
    result.outOfFoldProbabilities = torch::zeros({n, classes});
    result.outOfFoldScores = torch::zeros({n, classes});
    result.foldHeads.resize(folds);

    TrainingSettings foldSettings = settings;
    foldSettings.earlyStoppingPatience = 0;
    for (int fold = 0; fold < folds; ++fold) {
        std::vector<int64_t> trainRows, heldOutRows;
        for (int64_t i = 0; i < n; ++i) {
            (result.foldOf[i] == fold ? heldOutRows : trainRows).push_back(i);
        }
        if (heldOutRows.empty() || trainRows.empty()) {
            continue;  // fewer units than folds: this fold is empty
        }
        HeadTrainer trainer(foldSettings, classes);
        trainer.setCancelCheck(cancel);
        const auto heldOutIndex = torch::tensor(heldOutRows);
        const FeatureSet heldOut = data.subset(heldOutIndex);
        const auto trained = trainer.train(data.subset(torch::tensor(trainRows)));
        const torch::Tensor probabilities =
            HeadTrainer::probabilities(*trained.head, heldOut.features);
        result.outOfFoldProbabilities.index_copy_(0, heldOutIndex, probabilities);
        {
            torch::NoGradGuard noGrad;
            const auto logits = trained.head->forward(heldOut.features.select(1, 0));
            result.outOfFoldScores.index_copy_(0, heldOutIndex, trained.head->classScores(logits));
        }
        result.foldHeads[fold] = trained.head;
        const double hits = (probabilities.argmax(1) == heldOut.labels).sum().item<int64_t>();
        result.foldAccuracy.push_back(hits / static_cast<double>(heldOutRows.size()));
        if (progress) {
            progress(fold + 1, folds);
        }
    }
    const auto& accuracy = result.foldAccuracy;
    result.accuracyMean = std::accumulate(accuracy.begin(), accuracy.end(), 0.0) /
                          std::max<size_t>(1, accuracy.size());
    double squares = 0;
    for (double a : accuracy) {
        squares += (a - result.accuracyMean) * (a - result.accuracyMean);
    }
    result.accuracySd = accuracy.size() > 1 ? std::sqrt(squares / (accuracy.size() - 1)) : 0.0;

    const torch::Tensor predicted = result.outOfFoldProbabilities.argmax(1);
    for (int c = 0; c < classes; ++c) {
        const auto ofClass = data.labels == c;
        const int64_t total = ofClass.sum().item<int64_t>();
        const int64_t correct = (ofClass & (predicted == c)).sum().item<int64_t>();
        result.perClassRecall.push_back(total > 0 ? double(correct) / total : 0.0);
    }
    return result;
}

}  // namespace tl
