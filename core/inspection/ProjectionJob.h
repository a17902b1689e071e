// SPDX-License-Identifier: MIT
#pragma once

#include <vector>

#include "inspection/EmbeddingTable.h"
#include "jobs/Job.h"

namespace tl {

// The embedding map's neighbour-preserving layout (Barnes-Hut t-SNE) off the UI thread; the
// PCA layout comes with the inspection itself. Phase "projecting", progress per iteration.
class ProjectionJob : public Job {
    Q_OBJECT
public:
    enum class Method { Pca, Tsne };

    ProjectionJob(EmbeddingTable embeddings, Method method, uint64_t seed = 42,
                  QObject* parent = nullptr);
    ~ProjectionJob() override;

    Method method() const { return method_; }
    // x0 y0 x1 y1 ..., one pair per row; valid after a successful run.
    const std::vector<float>& points() const { return points_; }
    double seconds() const { return seconds_; }

protected:
    void run() override;

private:
    EmbeddingTable embeddings_;
    Method method_;
    uint64_t seed_;
    std::vector<float> points_;
    double seconds_ = 0;
};

}  // namespace tl
