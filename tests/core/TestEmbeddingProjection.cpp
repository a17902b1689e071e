// SPDX-License-Identifier: MIT
// The embedding map's projections: PCA against an exact SVD (small and randomized paths),
// exact nearest neighbours, and Barnes-Hut t-SNE keeping clusters apart, deterministically,
// with coincident points and tiny inputs.
#include "support/TorchInclude.h"

#include <QTest>

#include "inspection/PcaProjection.h"
#include "inspection/ProjectionJob.h"
#include "inspection/TsneProjection.h"
#include "support/ComputeThreads.h"

using namespace tl;

namespace {

// `clusters` Gaussian clusters of `perCluster` points (unit variance) in `dims` dimensions,
// centres drawn with standard deviation `spread`; labels by row.
torch::Tensor clustered(int clusters, int perCluster, int dims, std::vector<int>& labels,
                        double spread = 6) {
    torch::manual_seed(11);
    std::vector<torch::Tensor> parts;
    for (int c = 0; c < clusters; ++c) {
        parts.push_back(torch::randn({dims}) * spread + torch::randn({perCluster, dims}));
        labels.insert(labels.end(), perCluster, c);
    }
    return torch::cat(parts);
}

// Fraction of points whose nearest other point in `points` has the same label.
double nearestNeighbourAgreement(const torch::Tensor& points, const std::vector<int>& labels) {
    torch::Tensor d = torch::cdist(points, points);
    d.fill_diagonal_(std::numeric_limits<float>::infinity());
    const torch::Tensor nearest = d.argmin(1).contiguous();
    int same = 0;
    for (int64_t i = 0; i < nearest.size(0); ++i) {
        same += labels[i] == labels[nearest[i].item<int64_t>()];
    }
    return double(same) / nearest.size(0);
}

// |cosine| between matching columns.
double columnAgreement(const torch::Tensor& a, const torch::Tensor& b, int64_t column) {
    const torch::Tensor x = a.select(1, column);
    const torch::Tensor y = b.select(1, column);
    return (x * y).sum().abs().item<double>() / (x.norm() * y.norm()).item<double>();
}

}  // namespace

class TestEmbeddingProjection : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { ComputeThreads::configure(2); }

    void pcaMatchesAnExactSvd() {
        for (const int64_t rows : {300, 6000}) {  // exact and randomized paths
            torch::manual_seed(2);
            const torch::Tensor scales = torch::tensor({9.0f, 5.0f, 3.0f, 1.0f, 0.5f});
            const torch::Tensor data =
                torch::matmul(torch::randn({rows, 5}) * scales, torch::randn({5, 40})) + 3.0;
            const torch::Tensor projected = PcaProjection(2, 7).project(data);
            QCOMPARE(projected.sizes(), (at::IntArrayRef{rows, 2}));
            const torch::Tensor centred = data - data.mean(0, true);
            const torch::Tensor v =
                std::get<2>(torch::linalg_svd(centred.to(torch::kFloat64), false));
            const torch::Tensor exact =
                torch::matmul(centred.to(torch::kFloat64), v.slice(0, 0, 2).t());
            for (int64_t c = 0; c < 2; ++c) {
                QVERIFY(columnAgreement(projected.to(torch::kFloat64), exact, c) > 0.9999);
            }
            // Deterministic, signs included.
            QVERIFY(torch::equal(projected, PcaProjection(2, 7).project(data)));
            QVERIFY(projected.select(1, 0).var().item<double>() >
                    projected.select(1, 1).var().item<double>());
        }
        QCOMPARE(PcaProjection(2).project(torch::ones({1, 4})).size(1), int64_t(1));
    }

    void nearestNeighboursAreExact() {
        torch::manual_seed(3);
        const torch::Tensor data = torch::randn({1500, 12});
        std::vector<int64_t> indices;
        std::vector<float> distances;
        TsneProjection::nearestNeighbours(data, 7, indices, distances);
        torch::Tensor d = torch::cdist(data, data).pow(2);
        d.fill_diagonal_(std::numeric_limits<float>::infinity());
        const auto [values, which] = d.topk(7, 1, false, true);
        for (int64_t i = 0; i < 1500; i += 37) {
            for (int j = 0; j < 7; ++j) {
                QCOMPARE(indices[i * 7 + j], which[i][j].item<int64_t>());
                QVERIFY(std::abs(distances[i * 7 + j] - values[i][j].item<float>()) <
                        1e-3f * (1 + values[i][j].item<float>()));
            }
        }
    }

    // Ten clusters in 50 dimensions: two principal components cannot keep them apart, a
    // neighbour-preserving layout can.
    void tsneKeepsClustersApart() {
        std::vector<int> labels;
        const torch::Tensor data = clustered(10, 60, 50, labels, 1.5);
        TsneProjection::Options options;
        options.iterations = 500;
        const torch::Tensor map = TsneProjection(options).project(data);
        QCOMPARE(map.sizes(), (at::IntArrayRef{600, 2}));
        QVERIFY(torch::isfinite(map).all().item<bool>());
        const double agreement = nearestNeighbourAgreement(map, labels);
        const double pca = nearestNeighbourAgreement(PcaProjection(2).project(data), labels);
        qInfo("nearest neighbour in the same cluster: t-SNE %.3f, PCA %.3f", agreement, pca);
        QVERIFY(agreement > 0.98);
        QVERIFY(pca < 0.9);
        QVERIFY(torch::equal(map, TsneProjection(options).project(data)));  // deterministic
    }

    void tsneCopesWithCoincidentPointsAndTinyInputs() {
        std::vector<int> labels;
        torch::Tensor data = clustered(2, 150, 10, labels);
        data.slice(0, 0, 100).copy_(data[0].expand({100, 10}));  // 100 identical points
        TsneProjection::Options options;
        options.iterations = 300;
        const torch::Tensor map = TsneProjection(options).project(data);
        QVERIFY(torch::isfinite(map).all().item<bool>());
        QVERIFY(nearestNeighbourAgreement(map, labels) > 0.95);
        QCOMPARE(TsneProjection().project(torch::randn({3, 5})).sizes(), (at::IntArrayRef{3, 2}));
    }

    void projectionJobIsCancellable() {
        EmbeddingTable table;
        table.dims = 8;
        table.values.assign(8 * 2000, 0.0f);
        for (size_t i = 0; i < table.values.size(); ++i) {
            table.values[i] = float((i * 7919) % 1000) / 1000.0f;
        }
        ProjectionJob job(table, ProjectionJob::Method::Tsne);
        connect(&job, &Job::progressChanged, &job, [&job] { job.cancel(); });
        QVERIFY(!job.execute());
        QVERIFY(job.wasCanceled());
        ProjectionJob pca(table, ProjectionJob::Method::Pca);
        QVERIFY(pca.execute());
        QCOMPARE(pca.points().size(), size_t(4000));
    }
};

QTEST_GUILESS_MAIN(TestEmbeddingProjection)
#include "TestEmbeddingProjection.moc"
