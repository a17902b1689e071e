// SPDX-License-Identifier: MIT
// The outlier finder: a photo unlike all others stands out and comes first, typical photos
// score about 1, scores ignore the embeddings' length, and the blocked computation (1,024 rows
// at a time) equals a direct one past the first block, where a photo must still not count as
// its own neighbour.
#include "support/TorchInclude.h"

#include <QTest>

#include <stdexcept>

#include "inspection/OutlierFinder.h"
#include "support/ComputeThreads.h"

using namespace tl;

namespace {

// Mean cosine distance to the k nearest other rows, over its median: the definition, computed
// on the whole matrix at once.
std::vector<double> directScores(const torch::Tensor& embeddings, int64_t k) {
    const torch::Tensor unit =
        embeddings.to(torch::kFloat64) / embeddings.to(torch::kFloat64).norm(2, 1, true);
    torch::Tensor similarity = unit.matmul(unit.t());
    similarity.diagonal().fill_(-2.0);
    const torch::Tensor distance = (1.0 - std::get<0>(similarity.topk(k, 1))).mean(1);
    const torch::Tensor scores = (distance / distance.median()).contiguous();
    return {scores.data_ptr<double>(), scores.data_ptr<double>() + scores.numel()};
}

// `n` rows near one direction (a class of similar photos) in `channels` dimensions.
torch::Tensor cluster(int64_t n, int64_t channels, uint64_t seed) {
    torch::manual_seed(static_cast<int64_t>(seed));
    torch::Tensor centre = torch::zeros({channels});
    centre[0] = 1.0;
    return centre.unsqueeze(0) + 0.05 * torch::randn({n, channels});
}

}  // namespace

class TestOutlierFinder : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { ComputeThreads::configure(2); }

    void aPhotoUnlikeAllOthersComesFirst() {
        torch::Tensor embeddings = cluster(60, 16, 1);
        embeddings[17].zero_();
        embeddings[17][5] = 1.0;  // orthogonal to the cluster: something else entirely
        embeddings[40] = embeddings[40] + 0.3 * torch::randn({16});  // a little apart
        const auto outliers = OutlierFinder().find(embeddings);
        QVERIFY(!outliers.empty());
        QCOMPARE(outliers.front().image, std::size_t(17));
        QVERIFY(outliers.front().score > 5.0);
        for (std::size_t i = 1; i < outliers.size(); ++i) {
            QVERIFY(outliers[i - 1].score >= outliers[i].score);
            QVERIFY(outliers[i].score >= OutlierFinder::kDefaultMinimumScore);
        }
        // The typical photo scores 1 by construction (the median).
        const auto scores = OutlierFinder().scores(embeddings);
        std::vector<double> sorted = scores;
        std::sort(sorted.begin(), sorted.end());
        QVERIFY(std::abs(sorted[sorted.size() / 2] - 1.0) < 0.05);
        // A stricter cut keeps fewer, a cut of 0 keeps every photo.
        QVERIFY(OutlierFinder(5, 100.0).find(embeddings).size() <= outliers.size());
        QCOMPARE(OutlierFinder(5, 0.0).find(embeddings).size(), std::size_t(60));
    }

    void scoresIgnoreTheEmbeddingsLength() {
        const torch::Tensor embeddings = cluster(30, 8, 2);
        torch::Tensor scaled = embeddings.clone();
        scaled.slice(0, 0, 10) *= 1000.0;
        const auto plain = OutlierFinder().scores(embeddings);
        const auto rescaled = OutlierFinder().scores(scaled);
        QCOMPARE(plain.size(), rescaled.size());
        for (std::size_t i = 0; i < plain.size(); ++i) {
            QVERIFY(std::abs(plain[i] - rescaled[i]) < 1e-4);
        }
    }

    // 2,500 rows: three blocks. A bug in the self-exclusion past the first block (its diagonal
    // is offset by the block's start) would give those photos a distance of 0 to themselves.
    void blockedScoresEqualTheDefinition() {
        torch::manual_seed(3);
        const torch::Tensor embeddings = torch::randn({2500, 24}).abs();
        const auto blocked = OutlierFinder(5).scores(embeddings);
        const auto direct = directScores(embeddings, 5);
        QCOMPARE(blocked.size(), direct.size());
        double worst = 0;
        for (std::size_t i = 0; i < direct.size(); ++i) {
            worst = std::max(worst, std::abs(blocked[i] - direct[i]));
        }
        QVERIFY2(worst < 1e-4, qPrintable(QString("largest difference %1").arg(worst)));
    }

    void smallAndInvalidInputs() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, OutlierFinder(0));
        // Under three photos nothing is isolated: every score is 1.
        QCOMPARE(OutlierFinder().scores(torch::rand({2, 4})), (std::vector<double>{1.0, 1.0}));
        QVERIFY(OutlierFinder().find(torch::rand({0, 4})).empty());
        // More neighbours than other photos: all the others.
        const torch::Tensor four = cluster(4, 6, 4);
        const auto scores = OutlierFinder(50).scores(four);
        const auto direct = directScores(four, 3);
        for (std::size_t i = 0; i < scores.size(); ++i) {
            QVERIFY(std::abs(scores[i] - direct[i]) < 1e-4);
        }
    }

    void cancelAborts() {
        int calls = 0;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 OutlierFinder().scores(torch::rand({3000, 8}), [&calls] {
                                     if (++calls == 2) {
                                         throw std::runtime_error("canceled");
                                     }
                                 }));
        QCOMPARE(calls, 2);
    }
};

QTEST_GUILESS_MAIN(TestOutlierFinder)
#include "TestOutlierFinder.moc"
