// SPDX-License-Identifier: MIT
// The embedding map's projection time for many photos (issue 13: 20,000 photos in under 60 s
// on a 2-core machine). There are not 20,000 photos here, so the embeddings are made from the
// 327 shared photos' real MobileNetV2 features: each photo is repeated with Gaussian noise
// (10% of the features' spread per coordinate), which keeps the real cluster structure.
//
//   bench_projection [COUNT=20000] [THREADS=0 (all cores)] [BACKBONE] [DATA]
//
// Prints the seconds of PCA (the instant first map) and of Barnes-Hut t-SNE (the whole
// ProjectionJob: PCA to 50 dimensions, exact k-nearest neighbours, affinities, 750
// iterations), and how well the t-SNE map keeps each noisy copy next to its siblings.
#include "support/TorchInclude.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>
#include <string>

#include "backbones/BackboneLoader.h"
#include "data/ImageFolderDataset.h"
#include "inspection/PcaProjection.h"
#include "inspection/ProjectionJob.h"
#include "inspection/TensorConversions.h"
#include "support/ComputeThreads.h"
#include "training/FeatureExtractor.h"

using namespace tl;
namespace fs = std::filesystem;

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int64_t count = argc > 1 ? std::stoll(argv[1]) : 20000;
    const int threads = ComputeThreads::configure(argc > 2 ? std::stoi(argv[2]) : 0);
    const std::string backbonePath =
        argc > 3 ? argv[3] : "/work/shared/models/teachable-machine-mobilenet-v2-0.35/model.json";
    const std::string data = argc > 4 ? argv[4] : "/work/shared/datasets/alpaca";

    const auto dataset = ImageFolderDataset::scan(fs::u8path(data));
    FeatureExtractor extractor(loadBackbone(backbonePath, 160), {}, 42,
                               FeatureCache(FeatureCache::defaultFolder()));
    std::vector<fs::path> paths;
    for (const auto& image : dataset.images()) {
        paths.push_back(image.path);
    }
    const torch::Tensor real = extractor.extract(paths, 1, false, {}, [] {}).features.select(1, 0);
    torch::manual_seed(1);
    const torch::Tensor source = torch::randint(real.size(0), {count}, torch::kInt64);
    const torch::Tensor spread = real.std(0, true, true);
    const torch::Tensor embeddings =
        (real.index_select(0, source) + 0.1 * spread * torch::randn({count, real.size(1)}))
            .clamp_min(0);
    std::printf("%lld embeddings of %lld dimensions (from %lld photos), %d threads\n",
                static_cast<long long>(count), static_cast<long long>(real.size(1)),
                static_cast<long long>(real.size(0)), threads);

    QElapsedTimer timer;
    timer.start();
    const torch::Tensor pca = PcaProjection(2).project(embeddings);
    std::printf("PCA (2 components):   %7.2f s\n", timer.elapsed() / 1000.0);

    ProjectionJob job(TensorConversions::toTable(embeddings), ProjectionJob::Method::Tsne);
    timer.restart();
    if (!job.execute()) {
        std::fprintf(stderr, "t-SNE failed: %s\n", job.errorMessage().toStdString().c_str());
        return 1;
    }
    std::printf("Barnes-Hut t-SNE:     %7.2f s (the whole job)\n", timer.elapsed() / 1000.0);

    // Quality: how often a point's nearest map neighbour is a noisy copy of the same photo.
    const torch::Tensor map =
        torch::from_blob(const_cast<float*>(job.points().data()), {count, 2}, torch::kFloat32);
    const int64_t sample = std::min<int64_t>(count, 2000);
    int64_t same = 0;
    for (int64_t i = 0; i < sample; ++i) {
        torch::Tensor d = (map - map[i]).pow(2).sum(1);
        d[i] = std::numeric_limits<float>::infinity();
        same += source[d.argmin().item<int64_t>()].item<int64_t>() == source[i].item<int64_t>();
    }
    std::printf("nearest map neighbour a copy of the same photo: %.1f%% (of %lld sampled)\n",
                100.0 * same / sample, static_cast<long long>(sample));
    return 0;
}
