// SPDX-License-Identifier: MIT
// Calibration: the expected calibration error on hand-computed cases, temperature scaling that
// recovers a known temperature and never changes a predicted class, cross-fitted probabilities
// that never use their own fold, the head's temperature in its probabilities, and the noise
// floor of the expected calibration error.
#include "support/TorchInclude.h"

#include <QTest>

#include "nn/ClassifierHead.h"
#include "support/ComputeThreads.h"
#include "training/CalibrationReport.h"
#include "training/TemperatureScaling.h"

using namespace tl;

namespace {

// Scores [n, classes] and labels drawn from softmax(scores / trueTemperature).
std::pair<torch::Tensor, torch::Tensor> sampled(int64_t n, int classes, double trueTemperature,
                                                uint64_t seed) {
    torch::manual_seed(static_cast<int64_t>(seed));
    const torch::Tensor scores = torch::randn({n, classes}) * 4;
    const torch::Tensor labels =
        torch::multinomial(torch::softmax(scores / trueTemperature, 1), 1).flatten();
    return {scores, labels};
}

double ece(const torch::Tensor& probabilities, const torch::Tensor& labels) {
    return CalibrationReport::expectedCalibrationError(TemperatureScaling::rows(probabilities),
                                                       TemperatureScaling::labelsOf(labels));
}

}  // namespace

class TestCalibration : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { ComputeThreads::configure(2); }

    void expectedCalibrationErrorByHand() {
        // Bin (0.6, 0.667]: confidences 0.62 (right) and 0.64 (wrong): |0.5 - 0.63| = 0.13,
        // weight 2/4. Bin (0.933, 1]: 0.95 and 0.97, both right: |1 - 0.96| = 0.04, weight 2/4.
        const std::vector<std::vector<double>> probabilities{
            {0.62, 0.38}, {0.36, 0.64}, {0.05, 0.95}, {0.97, 0.03}};
        const std::vector<int> labels{0, 0, 1, 0};
        const double expected = 0.5 * 0.13 + 0.5 * 0.04;
        QVERIFY(std::abs(CalibrationReport::expectedCalibrationError(probabilities, labels) -
                         expected) < 1e-12);
        // Perfect confidence, always right: 0. One bin only: |accuracy - confidence|.
        QCOMPARE(CalibrationReport::expectedCalibrationError({{1.0, 0.0}, {0.0, 1.0}}, {0, 1}),
                 0.0);
        QVERIFY(std::abs(CalibrationReport::expectedCalibrationError(
                             {{0.9, 0.1}, {0.9, 0.1}, {0.9, 0.1}, {0.9, 0.1}}, {0, 0, 0, 1}) -
                         0.15) < 1e-12);
        // A boundary belongs to the lower bin (k/bins, (k+1)/bins]: with 4 bins, 0.6 (right)
        // and 0.75 (wrong) share (0.5, 0.75]: |1 right - 1.35 confidence| / 2. At 0.76 the
        // wrong one is alone in the next bin: (|1 - 0.6| + |0 - 0.76|) / 2.
        QVERIFY(std::abs(CalibrationReport::expectedCalibrationError({{0.6, 0.4}, {0.75, 0.25}},
                                                                     {0, 1}, 4) -
                         0.175) < 1e-12);
        QVERIFY(std::abs(CalibrationReport::expectedCalibrationError({{0.6, 0.4}, {0.76, 0.24}},
                                                                     {0, 1}, 4) -
                         0.58) < 1e-12);
        QCOMPARE(CalibrationReport::expectedCalibrationError({}, {}), 0.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 CalibrationReport::expectedCalibrationError({{0.5, 0.5}}, {2}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 CalibrationReport::expectedCalibrationError({{0.5, 0.5}}, {}));
    }

    // ECE's noise floor: exact where it can be worked out, shrinking with more photos, and
    // what truly calibrated predictions actually score.
    void eceFloorIsTheNoiseOfAPerfectlyCalibratedModel() {
        QCOMPARE(CalibrationReport::eceFloor({{1.0, 0.0}, {0.0, 1.0}}), 0.0);
        QCOMPARE(CalibrationReport::eceFloor({}), 0.0);
        // Four photos at 0.5, one bin: right ~ Binomial(4, 0.5), ECE = |right - 2| / 4, whose
        // mean is (2 + 4 * 1 + 0 + 4 * 1 + 2) / 16 / 4 = 0.1875.
        const std::vector<std::vector<double>> halves(4, {0.5, 0.5});
        QVERIFY(std::abs(CalibrationReport::eceFloor(halves, 20000) - 0.1875) < 0.005);
        QCOMPARE(CalibrationReport::eceFloor(halves, 50, 7),
                 CalibrationReport::eceFloor(halves, 50, 7));
        // One bin again: the floor falls as 1/sqrt(n), so 10x the photos about 0.32x.
        const double few = CalibrationReport::eceFloor(std::vector(100, std::vector{0.8, 0.2}));
        const double many = CalibrationReport::eceFloor(std::vector(1000, std::vector{0.8, 0.2}));
        QVERIFY2(many > 0.2 * few && many < 0.45 * few,
                 qPrintable(QString("%1 vs %2").arg(many).arg(few)));
        // Labels drawn from the probabilities themselves (calibrated by construction): their
        // ECE averages to the floor.
        double eceSum = 0, floorSum = 0;
        for (uint64_t seed = 1; seed <= 40; ++seed) {
            const auto [scores, labels] = sampled(300, 2, 1.0, seed);
            const torch::Tensor probabilities = TemperatureScaling::probabilities(scores, 1.0);
            eceSum += ece(probabilities, labels);
            floorSum += CalibrationReport::eceFloor(TemperatureScaling::rows(probabilities));
        }
        QVERIFY2(
            std::abs(eceSum / floorSum - 1.0) < 0.15,
            qPrintable(QString("mean ECE %1, mean floor %2").arg(eceSum / 40).arg(floorSum / 40)));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, CalibrationReport::eceFloor({{}}));
    }

    void fitRecoversAKnownTemperature() {
        for (double trueTemperature : {0.5, 2.0}) {
            const auto [scores, labels] = sampled(20000, 3, trueTemperature, 11);
            const double fitted = TemperatureScaling::fit(scores, labels);
            QVERIFY2(std::abs(fitted / trueTemperature - 1) < 0.08,
                     qPrintable(QString("fitted %1 for %2").arg(fitted).arg(trueTemperature)));
            // The fit minimises the likelihood: its neighbours are worse.
            const double best = TemperatureScaling::negativeLogLikelihood(scores, labels, fitted);
            QVERIFY(best <=
                    TemperatureScaling::negativeLogLikelihood(scores, labels, fitted * 1.1));
            QVERIFY(best <=
                    TemperatureScaling::negativeLogLikelihood(scores, labels, fitted / 1.1));
            // Calibrated probabilities: the error falls, the predicted classes stay.
            const auto before = TemperatureScaling::probabilities(scores, 1.0);
            const auto after = TemperatureScaling::probabilities(scores, fitted);
            QVERIFY(torch::equal(before.argmax(1), after.argmax(1)));
            QVERIFY(ece(after, labels) < 0.02);
            QVERIFY(ece(before, labels) > 2 * ece(after, labels));
        }
    }

    void averagedViewsAreFittedAsTheyPredict() {
        // Two identical views average to the same probabilities as one.
        const auto [scores, labels] = sampled(4000, 2, 2.0, 5);
        const auto twice = torch::stack({scores, scores}, 1);
        QVERIFY(torch::allclose(TemperatureScaling::probabilities(twice, 1.7),
                                TemperatureScaling::probabilities(scores, 1.7)));
        QVERIFY(std::abs(TemperatureScaling::fit(twice, labels) -
                         TemperatureScaling::fit(scores, labels)) < 1e-6);
    }

    void crossFittingNeverUsesTheOwnFold() {
        // Fold 0 is overconfident (true T = 3), fold 1 underconfident (true T = 0.4): each
        // fold's probabilities must use the other fold's temperature.
        const auto [hotScores, hotLabels] = sampled(3000, 2, 3.0, 1);
        const auto [coldScores, coldLabels] = sampled(3000, 2, 0.4, 2);
        const auto scores = torch::cat({hotScores, coldScores});
        const auto labels = torch::cat({hotLabels, coldLabels});
        std::vector<int> foldOf(6000, 0);
        std::fill(foldOf.begin() + 3000, foldOf.end(), 1);
        const auto crossFitted =
            TemperatureScaling::crossFittedProbabilities(scores, labels, foldOf, 2);
        const double coldTemperature = TemperatureScaling::fit(coldScores, coldLabels);
        const double hotTemperature = TemperatureScaling::fit(hotScores, hotLabels);
        QVERIFY(hotTemperature > 2 && coldTemperature < 0.6);
        QVERIFY(torch::allclose(crossFitted.narrow(0, 0, 3000),
                                TemperatureScaling::probabilities(hotScores, coldTemperature)));
        QVERIFY(torch::allclose(crossFitted.narrow(0, 3000, 3000),
                                TemperatureScaling::probabilities(coldScores, hotTemperature)));
    }

    void headProbabilitiesUseItsTemperature() {
        for (int classes : {2, 3}) {
            HeadConfig config;
            config.inputFeatures = 8;
            config.numClasses = classes;
            torch::manual_seed(3);
            ClassifierHead head(config);
            head.eval();
            torch::NoGradGuard noGrad;
            const auto logits = head.forward(torch::randn({5, 8}) * 10);
            const auto scores = head.classScores(logits);
            QCOMPARE(scores.size(1), int64_t(classes));
            QVERIFY(
                torch::allclose(head.probabilities(logits), torch::softmax(scores, 1), 1e-5, 1e-6));
            head.setTemperature(2.5);
            const auto calibrated = head.probabilities(logits);
            QVERIFY(torch::allclose(calibrated, torch::softmax(scores / 2.5, 1), 1e-5, 1e-6));
            QVERIFY(torch::allclose(calibrated, TemperatureScaling::probabilities(scores, 2.5),
                                    1e-5, 1e-6));
            QVERIFY(!torch::allclose(calibrated, torch::softmax(scores, 1)));
        }
    }
};

QTEST_GUILESS_MAIN(TestCalibration)
#include "TestCalibration.moc"
