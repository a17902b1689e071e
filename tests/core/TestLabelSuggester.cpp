// SPDX-License-Identifier: MIT
// "Label next": margins, diversity among uncertain photos, and the strict test on the shared
// photos: the suggestions' mean margin is below that of each of 20 random draws of the same
// size, and they cover at least 2 clusters of the pool.
#include "support/TorchInclude.h"

#include <QTest>

#include <algorithm>
#include <numeric>
#include <random>
#include <set>

#include "SharedPhotoFeatures.h"
#include "inspection/LabelSuggester.h"
#include "inspection/SuggestionJob.h"
#include "inspection/TensorConversions.h"
#include "support/ComputeThreads.h"
#include "training/HeadTrainer.h"

using namespace tl;
using namespace tl::test;

namespace {

// k-means (k-means++ seeding, cosine geometry): the pool's clusters, defined independently of
// the suggester.
std::vector<int> kMeans(const torch::Tensor& data, int k, uint64_t seed) {
    const torch::Tensor x = torch::nn::functional::normalize(
        data, torch::nn::functional::NormalizeFuncOptions().dim(1));
    std::mt19937_64 rng(seed);
    std::vector<int64_t> chosen{int64_t(rng() % uint64_t(x.size(0)))};
    while (int(chosen.size()) < k) {
        const torch::Tensor centres = x.index_select(0, torch::tensor(chosen));
        const torch::Tensor distance =
            (1 - std::get<0>(torch::matmul(x, centres.t()).max(1))).clamp_min(0).pow(2);
        std::discrete_distribution<int64_t> pick(distance.data_ptr<float>(),
                                                 distance.data_ptr<float>() + distance.numel());
        chosen.push_back(pick(rng));
    }
    torch::Tensor centres = x.index_select(0, torch::tensor(chosen));
    torch::Tensor assignment;
    for (int iteration = 0; iteration < 50; ++iteration) {
        assignment = std::get<1>(torch::matmul(x, centres.t()).max(1));
        for (int c = 0; c < k; ++c) {
            const torch::Tensor members = x.index({assignment == c});
            if (members.size(0) > 0) {
                centres[c] = members.mean(0);
            }
        }
    }
    const torch::Tensor a = assignment.contiguous();
    return {a.data_ptr<int64_t>(), a.data_ptr<int64_t>() + a.numel()};
}

}  // namespace

class TestLabelSuggester : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { ComputeThreads::configure(2); }

    void marginsAreBestMinusSecond() {
        const torch::Tensor p =
            torch::tensor({0.5, 0.3, 0.2, 0.9, 0.05, 0.05, 0.34, 0.33, 0.33}).view({3, 3});
        const torch::Tensor m = LabelSuggester::margins(p);
        QVERIFY(torch::allclose(m, torch::tensor({0.2, 0.85, 0.01}), 1e-5, 1e-6));
    }

    // Two groups of uncertain photos: A (margins 0 to 0.05) and B (0.1 to 0.15). Uncertainty
    // alone picks only A; with diversity both groups are picked, A first.
    void diversitySpreadsThePicks() {
        torch::manual_seed(5);
        const int perGroup = 30;
        const torch::Tensor centreA = torch::randn({16}) * 5;
        const torch::Tensor centreB = torch::randn({16}) * 5;
        const torch::Tensor embeddings = torch::cat({centreA + torch::randn({perGroup, 16}) * 0.1,
                                                     centreB + torch::randn({perGroup, 16}) * 0.1});
        const torch::Tensor margin =
            torch::cat({torch::linspace(0, 0.05, perGroup), torch::linspace(0.1, 0.15, perGroup)});
        const torch::Tensor p = torch::stack({(1 + margin) / 2, (1 - margin) / 2}, 1);
        const auto greedy = LabelSuggester(0.0).suggest(p, embeddings, 10);
        QCOMPARE(greedy.size(), size_t(10));
        for (const auto& s : greedy) {
            QVERIFY(s.index < size_t(perGroup));
        }
        QCOMPARE(greedy[0].index, size_t(0));
        const auto mixed = LabelSuggester(0.5).suggest(p, embeddings, 10);
        QCOMPARE(mixed[0].index, size_t(0));  // the most uncertain photo first
        const auto fromB = std::count_if(mixed.begin(), mixed.end(), [&](const Suggestion& s) {
            return s.index >= size_t(perGroup);
        });
        QVERIFY(fromB >= 3 && fromB <= 7);
        std::set<size_t> unique;
        for (const auto& s : mixed) {
            unique.insert(s.index);
            QVERIFY(std::abs(s.score - (1 - s.margin)) < 1e-9);
        }
        QCOMPARE(unique.size(), size_t(10));
        QVERIFY(LabelSuggester().suggest(p, embeddings, 0).empty());
        QCOMPARE(LabelSuggester().suggest(p, embeddings, 500).size(), size_t(2 * perGroup));
    }

    // The strict test. A head trained on 20 labelled shared photos (10 per class, drawn with
    // seed 42) ranks the other 307; 20 suggestions.
    void suggestionsBeatRandomDrawsAndCoverClusters() {
        const SharedPhotoFeatures photos = loadSharedPhotoFeatures();
        std::vector<std::vector<int64_t>> byClass(2);
        for (int64_t i = 0; i < int64_t(photos.paths.size()); ++i) {
            byClass[photos.labels[i]].push_back(i);
        }
        std::mt19937_64 rng(42);
        std::vector<int64_t> labelled, pool;
        for (auto& members : byClass) {
            std::shuffle(members.begin(), members.end(), rng);
            labelled.insert(labelled.end(), members.begin(), members.begin() + 10);
            pool.insert(pool.end(), members.begin() + 10, members.end());
        }
        std::sort(pool.begin(), pool.end());
        std::vector<int64_t> labels;
        for (int64_t i : labelled) {
            labels.push_back(photos.labels[i]);
        }
        const torch::Tensor train = photos.features.index_select(0, torch::tensor(labelled));
        const torch::Tensor poolFeatures = photos.features.index_select(0, torch::tensor(pool));
        const auto head = HeadTrainer(TrainingSettings::recommended(), 2)
                              .train({train.unsqueeze(1), torch::tensor(labels)})
                              .head;
        const torch::Tensor p = HeadTrainer::probabilities(*head, poolFeatures.unsqueeze(1));
        const int count = 20;
        const auto suggestions = LabelSuggester().suggest(p, poolFeatures, count);
        QCOMPARE(int(suggestions.size()), count);
        const torch::Tensor margins = LabelSuggester::margins(p);
        double suggestedMargin = 0;
        for (const auto& s : suggestions) {
            suggestedMargin += s.margin / count;
        }
        double lowestRandom = 1;
        for (int draw = 0; draw < 20; ++draw) {
            std::vector<int64_t> rows(pool.size());
            std::iota(rows.begin(), rows.end(), 0);
            std::shuffle(rows.begin(), rows.end(), rng);
            rows.resize(count);
            const double mean = margins.index_select(0, torch::tensor(rows)).mean().item<double>();
            lowestRandom = std::min(lowestRandom, mean);
        }
        const std::vector<int> cluster = kMeans(poolFeatures, 5, 42);
        std::set<int> covered;
        for (const auto& s : suggestions) {
            covered.insert(cluster[s.index]);
        }
        qInfo("mean margin: suggestions %.3f, lowest of 20 random draws %.3f; %zu of 5 clusters",
              suggestedMargin, lowestRandom, covered.size());
        QVERIFY(suggestedMargin < lowestRandom);
        QVERIFY(covered.size() >= 2);

        // The GUI's job trains the same head from the same embeddings: the same suggestions.
        std::vector<int> intLabels(labels.begin(), labels.end());
        SuggestionJob job(TensorConversions::toTable(train), intLabels, 2,
                          TensorConversions::toTable(poolFeatures), count);
        QVERIFY2(job.execute(), qPrintable(job.errorMessage()));
        QCOMPARE(job.suggestions().size(), suggestions.size());
        for (size_t i = 0; i < suggestions.size(); ++i) {
            QCOMPARE(job.suggestions()[i].index, suggestions[i].index);
        }
    }

    void jobNeedsTwoLabelledClasses() {
        EmbeddingTable one;
        one.dims = 2;
        one.values = {1, 0, 0.9f, 0.1f};
        SuggestionJob job(one, {0, 0}, 2, one, 1);
        QVERIFY(!job.execute());
        QCOMPARE(int(job.error().kind), int(ErrorKind::InvalidInput));
    }
};

QTEST_GUILESS_MAIN(TestLabelSuggester)
#include "TestLabelSuggester.moc"
