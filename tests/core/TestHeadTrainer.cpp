// SPDX-License-Identifier: MIT
// The head trainer and cross-validation on synthetic features whose answer is known:
// separable classes are learnt perfectly, random labels stay at chance, folds are stratified,
// deterministic and keep groups together, and every sample is predicted out of fold once.
#include "support/TorchInclude.h"

#include <QTest>

#include <map>
#include <set>

#include "nn/ClassifierHead.h"
#include "support/ComputeThreads.h"
#include "training/CrossValidation.h"
#include "training/HeadTrainer.h"

using namespace tl;

namespace {

// n samples per class around well-separated centres (or, with shuffledLabels, labels that
// carry no information at all).
FeatureSet clusters(int perClass, int classes, int channels, uint64_t seed,
                    bool shuffledLabels = false) {
    torch::manual_seed(static_cast<int64_t>(seed));
    std::vector<torch::Tensor> rows;
    std::vector<int64_t> labels;
    for (int c = 0; c < classes; ++c) {
        const auto centre = torch::randn({channels}) * 4;
        rows.push_back(centre + torch::randn({perClass, channels}));
        labels.insert(labels.end(), perClass, c);
    }
    auto labelTensor = torch::tensor(labels);
    if (shuffledLabels) {
        labelTensor = labelTensor.index_select(0, torch::randperm(labelTensor.size(0)));
    }
    return {torch::cat(rows).unsqueeze(1), labelTensor};
}

TrainingSettings quickSettings() {
    TrainingSettings settings = TrainingSettings::recommended();
    settings.epochs = 30;
    settings.learningRate = 0.01;  // a few hundred samples: the recipe's 1e-3 needs more epochs
    return settings;
}

double accuracy(const torch::Tensor& probabilities, const torch::Tensor& labels) {
    return (probabilities.argmax(1) == labels).to(torch::kFloat32).mean().item<double>();
}

}  // namespace

class TestHeadTrainer : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { ComputeThreads::configure(2); }

    void learnsSeparableClassesAndIsDeterministic() {
        for (int classes : {2, 3}) {
            const FeatureSet data = clusters(50, classes, 16, 1);
            const auto everyFifth = torch::arange(0, data.size(), 5);
            const auto others = torch::nonzero(torch::arange(data.size()) % 5 != 0).flatten();
            const FeatureSet train = data.subset(others);
            const FeatureSet validation = data.subset(everyFifth);
            const HeadTrainer trainer(quickSettings(), classes);
            const auto first = trainer.train(train, validation);
            QCOMPARE(int(first.history.size()), 30);
            QCOMPARE(first.history.back().validationAccuracy, 1.0);
            QCOMPARE(
                accuracy(HeadTrainer::probabilities(*first.head, train.features), train.labels),
                1.0);
            const auto second = trainer.train(train, validation);
            for (size_t i = 0; i < first.head->parameters().size(); ++i) {
                QVERIFY(torch::equal(first.head->parameters()[i], second.head->parameters()[i]));
            }
        }
    }

    void earlyStoppingKeepsTheBestEpoch() {
        TrainingSettings settings = quickSettings();
        settings.epochs = 400;
        settings.earlyStoppingPatience = 3;
        settings.learningRate = 0.05;  // overfits the noisy labels quickly
        const FeatureSet train = clusters(30, 2, 64, 2, /*shuffledLabels=*/true);
        const FeatureSet validation = clusters(30, 2, 64, 3, true);
        const auto result = HeadTrainer(settings, 2).train(train, validation);
        QVERIFY(result.stoppedEarlyAfter > 0);
        QVERIFY(int(result.history.size()) < 400);
        double best = 1e9;
        for (const auto& epoch : result.history) {
            best = std::min(best, epoch.validationLoss);
        }
        torch::NoGradGuard noGrad;
        const HeadLoss restored =
            HeadLoss::of(*result.head, result.head->forward(validation.features.select(1, 0)),
                         validation.labels, {}, 0.0);
        QVERIFY(std::abs(restored.loss.item<double>() - best) < 1e-5);
    }

    void foldsAreStratifiedDeterministicAndKeepGroupsTogether() {
        std::vector<int64_t> labels;
        labels.insert(labels.end(), 50, 0);
        labels.insert(labels.end(), 25, 1);
        const auto folds = CrossValidation::assignFolds(labels, 5, 42);
        QCOMPARE(folds, CrossValidation::assignFolds(labels, 5, 42));
        QVERIFY(folds != CrossValidation::assignFolds(labels, 5, 43));
        std::map<std::pair<int, int64_t>, int> perFoldClass;
        for (size_t i = 0; i < labels.size(); ++i) {
            ++perFoldClass[{folds[i], labels[i]}];
        }
        for (int fold = 0; fold < 5; ++fold) {
            QCOMPARE((perFoldClass[{fold, 0}]), 10);
            QCOMPARE((perFoldClass[{fold, 1}]), 5);
        }
        std::vector<int> groups(labels.size(), -1);
        for (int i : {0, 7, 13, 60}) {
            groups[i] = 1;  // one group of near-duplicates
        }
        const auto grouped = CrossValidation::assignFolds(labels, 5, 42, groups);
        std::set<int> foldsOfGroup;
        for (int i : {0, 7, 13, 60}) {
            foldsOfGroup.insert(grouped[i]);
        }
        QCOMPARE(int(foldsOfGroup.size()), 1);
    }

    void predictsEverySampleOnceOutOfFold() {
        const FeatureSet data = clusters(30, 3, 16, 4);
        const auto result = CrossValidation::run(quickSettings(), 3, data, 5, 42);
        QCOMPARE(result.folds, 5);
        QCOMPARE(int(result.foldAccuracy.size()), 5);
        QCOMPARE(result.outOfFoldProbabilities.size(0), int64_t(90));
        QVERIFY(torch::allclose(result.outOfFoldProbabilities.sum(1), torch::ones({90}), 1e-5));
        QCOMPARE(result.accuracyMean, 1.0);
        QCOMPARE(result.accuracySd, 0.0);
        QCOMPARE(int(result.perClassRecall.size()), 3);
    }

    // Honest figures: labels without information give chance accuracy out of fold, even
    // though each head fits its own training folds.
    void randomLabelsGiveChanceAccuracy() {
        const FeatureSet data = clusters(60, 2, 32, 5, /*shuffledLabels=*/true);
        const auto result = CrossValidation::run(quickSettings(), 2, data, 5, 42);
        QVERIFY2(result.accuracyMean > 0.3 && result.accuracyMean < 0.7,
                 qPrintable(QString::number(result.accuracyMean)));
        QVERIFY(result.accuracySd > 0);
    }
};

QTEST_GUILESS_MAIN(TestHeadTrainer)
#include "TestHeadTrainer.moc"
