// SPDX-License-Identifier: MIT
#include <QTest>

#include "training/EvaluationReport.h"
#include "training/JsonConversions.h"

using namespace tl;

namespace {

ImagePrediction prediction(const char* path, int truth, int predicted, double confidence) {
    ImagePrediction p;
    p.path = path;
    p.trueLabel = truth;
    p.predictedLabel = predicted;
    p.probabilities = predicted == 0 ? std::vector<double>{confidence, 1 - confidence}
                                     : std::vector<double>{1 - confidence, confidence};
    return p;
}

}  // namespace

class TestEvaluationReport : public QObject {
    Q_OBJECT
private slots:
    void metricsAndMistakes() {
        const auto report = EvaluationReport::compute(
            {"alpaca", "not_alpaca"},
            {prediction("a1", 0, 0, 0.9), prediction("a2", 0, 1, 0.6), prediction("a3", 0, 1, 0.95),
             prediction("n1", 1, 1, 0.8), prediction("n2", 1, 0, 0.7)});
        QCOMPARE(report.accuracy, 2.0 / 5);
        QCOMPARE(report.confusion, (std::vector<std::vector<int>>{{1, 2}, {1, 1}}));
        QCOMPARE(report.precision[0], 0.5);   // 1 of 2 predicted alpacas is one
        QCOMPARE(report.recall[0], 1.0 / 3);  // 1 of 3 alpacas found
        QCOMPARE(report.precision[1], 1.0 / 3);
        QCOMPARE(report.recall[1], 0.5);
        // False negatives of alpaca: alpacas called not_alpaca, most confident first.
        const auto negatives = report.falseNegatives(0);
        QCOMPARE(negatives.size(), size_t(2));
        QCOMPARE(negatives[0].path, std::string("a3"));
        QCOMPARE(negatives[1].path, std::string("a2"));
        QCOMPARE(report.falsePositives(0).size(), size_t(1));
        QCOMPARE(report.falsePositives(0)[0].path, std::string("n2"));
        QCOMPARE(report.misclassified().size(), size_t(3));
    }

    void jsonRoundTripKeepsTheMetrics() {
        const auto report = EvaluationReport::compute(
            {"a", "b", "c"}, {prediction("x", 0, 0, 0.9), prediction("y", 1, 0, 0.8)});
        const auto json = toJson(report);
        QCOMPARE(json["misclassified"].toArray().size(), 1);
        QCOMPARE(json["misclassified"].toArray()[0].toObject()["true_label"].toString(),
                 QString("b"));
        const auto back = evaluationReportFromJson(json);
        QCOMPARE(back.confusion, report.confusion);
        QCOMPARE(back.accuracy, report.accuracy);
        QCOMPARE(back.classNames, report.classNames);
    }

    void emptyReportIsZeroNotNaN() {
        const auto report = EvaluationReport::compute({"a", "b"}, {});
        QCOMPARE(report.accuracy, 0.0);
        QCOMPARE(report.precision, (std::vector<double>{0.0, 0.0}));
    }
};

QTEST_GUILESS_MAIN(TestEvaluationReport)
#include "TestEvaluationReport.moc"
