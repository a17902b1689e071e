// SPDX-License-Identifier: MIT
// The head trainer and cross-validation on synthetic features whose answer is known:
// separable classes are learnt perfectly, random labels stay at chance, folds are stratified,
// deterministic and keep groups together, and every sample is predicted out of fold once.
#include "support/TorchInclude.h"

#include <QTest>

#include <map>
#include <numeric>
#include <random>
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

// The head's training loop as it was first written (one batch at a time with advanced
// indexing, every operation on all compute threads): HeadTrainer's internals may get faster,
// its numbers must stay these, up to float rounding.
std::vector<torch::Tensor> referenceHead(const TrainingSettings& s, int classes,
                                         const FeatureSet& train,
                                         std::vector<double>* validationLosses,
                                         const FeatureSet& validation) {
    torch::manual_seed(s.seed);
    HeadConfig config;
    config.inputFeatures = train.features.size(2);
    config.hiddenUnits = s.hiddenUnits;
    config.numClasses = classes;
    config.dropout = s.dropout;
    auto head = std::make_shared<ClassifierHead>(config);
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    if (s.weightDecay > 0) {
        optimizer = std::make_unique<torch::optim::AdamW>(
            head->parameters(),
            torch::optim::AdamWOptions(s.learningRate).weight_decay(s.weightDecay));
    } else {
        optimizer = std::make_unique<torch::optim::Adam>(head->parameters(),
                                                         torch::optim::AdamOptions(s.learningRate));
    }
    torch::Tensor classWeights;
    if (s.classWeights) {
        const auto counts =
            torch::bincount(train.labels, {}, classes).to(torch::kFloat32).clamp_min(1);
        classWeights = train.labels.numel() / (classes * counts);
    }
    const int64_t count = train.size(), views = train.features.size(1);
    std::mt19937_64 rng(s.seed);
    std::vector<int64_t> order(count);
    for (int epoch = 1; epoch <= s.epochs; ++epoch) {
        head->train();
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), rng);
        for (int64_t begin = 0; begin < count; begin += s.batchSize) {
            const int64_t end = std::min<int64_t>(count, begin + s.batchSize);
            const std::vector<int64_t> rows(order.begin() + begin, order.begin() + end);
            std::vector<int64_t> viewIndex(rows.size());
            for (auto& view : viewIndex) {
                view = std::uniform_int_distribution<int64_t>(0, views - 1)(rng);
            }
            const auto rowTensor = torch::tensor(rows);
            const auto x = train.features.index({rowTensor, torch::tensor(viewIndex)});
            const auto y = train.labels.index_select(0, rowTensor);
            optimizer->zero_grad();
            const HeadLoss loss =
                HeadLoss::of(*head, head->forward(x), y, classWeights, s.labelSmoothing);
            loss.loss.backward();
            optimizer->step();
        }
        torch::NoGradGuard noGrad;
        head->eval();
        validationLosses->push_back(HeadLoss::of(*head,
                                                 head->forward(validation.features.select(1, 0)),
                                                 validation.labels, {}, 0.0)
                                        .loss.item<double>());
    }
    std::vector<torch::Tensor> parameters;
    for (const auto& parameter : head->parameters()) {
        parameters.push_back(parameter.detach().clone());
    }
    return parameters;
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

    void keepsTheNumbersOfTheOriginalLoop_data() {
        QTest::addColumn<int>("classes");
        QTest::addColumn<int>("views");
        QTest::addColumn<bool>("hidden");
        QTest::addColumn<bool>("extras");  // class weights, label smoothing, weight decay
        QTest::newRow("binary") << 2 << 1 << false << false;
        QTest::newRow("binary, 4 views, weighted") << 2 << 4 << false << true;
        QTest::newRow("3 classes, hidden layer") << 3 << 1 << true << false;
        QTest::newRow("3 classes, 3 views, all options") << 3 << 3 << true << true;
    }

    void keepsTheNumbersOfTheOriginalLoop() {
        QFETCH(int, classes);
        QFETCH(int, views);
        QFETCH(bool, hidden);
        QFETCH(bool, extras);
        FeatureSet data = clusters(40, classes, 24, 7);
        data.features = data.features.expand({-1, views, -1}) +
                        0.1 * torch::randn({data.size(), views, 24});  // views that differ
        const auto validationRows = torch::arange(0, data.size(), 4);
        const auto trainRows = torch::nonzero(torch::arange(data.size()) % 4 != 0).flatten();
        const FeatureSet train = data.subset(trainRows), validation = data.subset(validationRows);
        TrainingSettings settings = quickSettings();
        settings.epochs = 12;
        settings.batchSize = 16;  // a partial last batch too
        if (hidden) {
            settings.hiddenUnits = {8};
        }
        if (extras) {
            settings.classWeights = true;
            settings.labelSmoothing = 0.1;
            settings.weightDecay = 0.01;
        }
        std::vector<double> referenceLosses;
        const auto expected = referenceHead(settings, classes, train, &referenceLosses, validation);
        const auto result = HeadTrainer(settings, classes).train(train, validation);
        const auto parameters = result.head->parameters();
        QCOMPARE(parameters.size(), expected.size());
        for (size_t i = 0; i < expected.size(); ++i) {
            const double difference = (parameters[i] - expected[i]).abs().max().item<double>();
            QVERIFY2(difference < 1e-5,
                     qPrintable(QString("parameter %1 differs by %2").arg(i).arg(difference)));
        }
        for (size_t epoch = 0; epoch < referenceLosses.size(); ++epoch) {
            QVERIFY(std::abs(result.history[epoch].validationLoss - referenceLosses[epoch]) < 1e-5);
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
