// SPDX-License-Identifier: MIT
#include "inspection/ProjectionJob.h"

#include <QElapsedTimer>

#include "inspection/PcaProjection.h"
#include "inspection/TensorConversions.h"
#include "inspection/TsneProjection.h"

namespace tl {

ProjectionJob::ProjectionJob(EmbeddingTable embeddings, Method method, uint64_t seed,
                             QObject* parent)
    : Job(JobWeight::Compute, parent),
      embeddings_(std::move(embeddings)),
      method_(method),
      seed_(seed) {}

ProjectionJob::~ProjectionJob() = default;

void ProjectionJob::run() {
    QElapsedTimer timer;
    timer.start();
    setPhase(QStringLiteral("projecting"),
             method_ == Method::Tsne ? tr("Computing the t-SNE map") : tr("Computing the PCA map"));
    const torch::Tensor data = TensorConversions::fromTable(embeddings_);
    torch::Tensor points;
    if (method_ == Method::Pca) {
        points = PcaProjection(2, seed_).project(data);
    } else {
        TsneProjection::Options options;
        options.seed = seed_;
        points = TsneProjection(options).project(
            data, [this] { throwIfCanceled(); },
            [this](int done, int total) {
                setProgress(double(done) / total, tr("Iteration %1 of %2").arg(done).arg(total));
            });
    }
    points_ = TensorConversions::toPoints(points);
    seconds_ = timer.elapsed() / 1000.0;
    log(tr("%1 photos projected in %2 s").arg(embeddings_.count()).arg(seconds_, 0, 'f', 1));
}

}  // namespace tl
