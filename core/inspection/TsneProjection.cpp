// SPDX-License-Identifier: MIT
#include "inspection/TsneProjection.h"

#include <ATen/Parallel.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "inspection/DenseProduct.h"
#include "inspection/PcaProjection.h"

namespace tl {

namespace {

// Rows of the all-pairs distance matrix held at once (256 x 20,000 floats = 20 MB).
constexpr int64_t kNeighbourBlockRows = 256;
constexpr int kLeafSize = 8;
constexpr int kMaxDepth = 40;  // coincident points would otherwise split forever
constexpr int64_t kGrain = 256;

// Symmetric input affinities p_ij in compressed-row form; every row sums with its column to
// 1/n, the whole matrix to 1.
// Compact types: every iteration streams all n x ~4 perplexity entries from memory.
struct Affinities {
    std::vector<int64_t> rowStart;  // n + 1
    std::vector<int32_t> column;
    std::vector<float> value;
};

// p_{j|i} over one row's neighbours, with the Gaussian's precision chosen by bisection so
// that the row's perplexity is `perplexity`. Distances are taken relative to the nearest one,
// which keeps exp() from underflowing on far-apart data.
void conditionalRow(const float* squaredDistances, int k, double perplexity, double* out) {
    const double target = std::log(perplexity);
    const double nearest = squaredDistances[0];
    double beta = 1.0;
    double betaLow = 0.0;
    double betaHigh = std::numeric_limits<double>::infinity();
    for (int step = 0; step < 200; ++step) {
        double sum = 0;
        double weighted = 0;
        for (int j = 0; j < k; ++j) {
            const double shifted = squaredDistances[j] - nearest;
            out[j] = std::exp(-beta * shifted);
            sum += out[j];
            weighted += out[j] * shifted;
        }
        const double entropy = std::log(sum) + beta * weighted / sum;
        for (int j = 0; j < k; ++j) {
            out[j] /= sum;
        }
        if (std::abs(entropy - target) < 1e-5) {
            break;
        }
        if (entropy > target) {
            betaLow = beta;
            beta = std::isinf(betaHigh) ? beta * 2 : (beta + betaHigh) / 2;
        } else {
            betaHigh = beta;
            beta = (beta + betaLow) / 2;
        }
    }
}

Affinities symmetricAffinities(const std::vector<int64_t>& neighbours,
                               const std::vector<float>& distances, int64_t n, int k,
                               double perplexity) {
    std::vector<double> conditional(static_cast<std::size_t>(n * k));
    at::parallel_for(0, n, kGrain, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) {
            conditionalRow(distances.data() + i * k, k, perplexity, conditional.data() + i * k);
        }
    });
    // p_ij = (p_{j|i} + p_{i|j}) / 2n: every edge in both directions, sorted, merged.
    struct Entry {
        int64_t row, column;
        double value;
    };
    std::vector<Entry> entries;
    entries.reserve(static_cast<std::size_t>(2 * n * k));
    for (int64_t i = 0; i < n; ++i) {
        for (int j = 0; j < k; ++j) {
            const int64_t other = neighbours[i * k + j];
            const double p = conditional[i * k + j] / (2.0 * n);
            entries.push_back({i, other, p});
            entries.push_back({other, i, p});
        }
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.row != b.row ? a.row < b.row : a.column < b.column;
    });
    Affinities out;
    out.rowStart.assign(static_cast<std::size_t>(n + 1), 0);
    for (std::size_t e = 0; e < entries.size();) {
        std::size_t next = e;
        double sum = 0;
        while (next < entries.size() && entries[next].row == entries[e].row &&
               entries[next].column == entries[e].column) {
            sum += entries[next++].value;
        }
        out.column.push_back(static_cast<int32_t>(entries[e].column));
        out.value.push_back(static_cast<float>(sum));
        ++out.rowStart[static_cast<std::size_t>(entries[e].row + 1)];
        e = next;
    }
    std::partial_sum(out.rowStart.begin(), out.rowStart.end(), out.rowStart.begin());
    return out;
}

// A quadtree over the 2-D points, rebuilt every iteration: each node keeps the centre of mass
// and count of its points, which stand in for them when the node is far enough away.
class QuadTree {
public:
    QuadTree(const std::vector<double>& points, int64_t n) : points_(points) {
        order_.resize(static_cast<std::size_t>(n));
        std::iota(order_.begin(), order_.end(), int64_t{0});
        double minX = std::numeric_limits<double>::infinity(), minY = minX;
        double maxX = -minX, maxY = -minX;
        for (int64_t i = 0; i < n; ++i) {
            minX = std::min(minX, points[2 * i]);
            maxX = std::max(maxX, points[2 * i]);
            minY = std::min(minY, points[2 * i + 1]);
            maxY = std::max(maxY, points[2 * i + 1]);
        }
        const double half = std::max({maxX - minX, maxY - minY, 1e-12}) / 2 * (1 + 1e-9);
        nodes_.reserve(static_cast<std::size_t>(n / 2 + 16));
        nodes_.emplace_back();
        build(0, 0, n, (minX + maxX) / 2, (minY + maxY) / 2, half, 0);
        position_.resize(static_cast<std::size_t>(n));
        for (int64_t p = 0; p < n; ++p) {
            position_[static_cast<std::size_t>(order_[p])] = p;
        }
    }

    // Adds point i's repulsion sum_j w_ij^2 (y_i - y_j) to force and sum_j w_ij to z, with
    // w = 1 / (1 + |y_i - y_j|^2), over every other point j (approximated by far nodes).
    void repulsion(int64_t i, double theta2, double force[2], double& z) const {
        const double x = points_[2 * i];
        const double y = points_[2 * i + 1];
        const int64_t at = position_[static_cast<std::size_t>(i)];
        std::array<int, 4 * kMaxDepth + 8> stack;
        int top = 0;
        stack[top++] = 0;
        while (top > 0) {
            const Node& node = nodes_[static_cast<std::size_t>(stack[--top])];
            const double dx = x - node.comX;
            const double dy = y - node.comY;
            const double d2 = dx * dx + dy * dy;
            const double size = 2 * node.half;
            const bool holdsI = at >= node.begin && at < node.end;
            if (!holdsI && size * size < theta2 * d2) {
                const double w = 1.0 / (1.0 + d2);
                const double count = static_cast<double>(node.end - node.begin);
                z += count * w;
                force[0] += count * w * w * dx;
                force[1] += count * w * w * dy;
            } else if (node.firstChild < 0) {
                for (int64_t p = node.begin; p < node.end; ++p) {
                    const int64_t j = order_[static_cast<std::size_t>(p)];
                    if (j == i) {
                        continue;
                    }
                    const double ex = x - points_[2 * j];
                    const double ey = y - points_[2 * j + 1];
                    const double w = 1.0 / (1.0 + ex * ex + ey * ey);
                    z += w;
                    force[0] += w * w * ex;
                    force[1] += w * w * ey;
                }
            } else {
                for (int c = 0; c < node.children; ++c) {
                    stack[top++] = node.firstChild + c;
                }
            }
        }
    }

private:
    struct Node {
        double comX = 0, comY = 0, half = 0;
        int64_t begin = 0, end = 0;
        int firstChild = -1;  // children are consecutive
        int children = 0;
    };

    // Fills the node in `slot` with the points order_[begin, end) and builds its children.
    // Children take consecutive slots; indices, not references, since nodes_ grows.
    void build(int slot, int64_t begin, int64_t end, double cx, double cy, double half, int depth) {
        double sx = 0, sy = 0;
        for (int64_t p = begin; p < end; ++p) {
            sx += points_[2 * order_[p]];
            sy += points_[2 * order_[p] + 1];
        }
        Node& node = nodes_[static_cast<std::size_t>(slot)];
        node.comX = sx / static_cast<double>(end - begin);
        node.comY = sy / static_cast<double>(end - begin);
        node.half = half;
        node.begin = begin;
        node.end = end;
        if (end - begin <= kLeafSize || depth >= kMaxDepth) {
            return;
        }
        // Quadrants: split by y, then each half by x.
        int64_t* first = order_.data() + begin;
        int64_t* last = order_.data() + end;
        int64_t* middle =
            std::partition(first, last, [&](int64_t j) { return points_[2 * j + 1] < cy; });
        int64_t* lowMiddle =
            std::partition(first, middle, [&](int64_t j) { return points_[2 * j] < cx; });
        int64_t* highMiddle =
            std::partition(middle, last, [&](int64_t j) { return points_[2 * j] < cx; });
        const std::array<int64_t*, 5> bounds = {first, lowMiddle, middle, highMiddle, last};
        const double q = half / 2;
        const std::array<std::pair<double, double>, 4> centres = {
            {{cx - q, cy - q}, {cx + q, cy - q}, {cx - q, cy + q}, {cx + q, cy + q}}};
        int children = 0;
        for (int c = 0; c < 4; ++c) {
            children += bounds[c] != bounds[c + 1] ? 1 : 0;
        }
        const int firstChild = static_cast<int>(nodes_.size());
        nodes_.resize(nodes_.size() + static_cast<std::size_t>(children));
        nodes_[static_cast<std::size_t>(slot)].firstChild = firstChild;
        nodes_[static_cast<std::size_t>(slot)].children = children;
        int next = firstChild;
        for (int c = 0; c < 4; ++c) {
            if (bounds[c] != bounds[c + 1]) {
                build(next++, bounds[c] - order_.data(), bounds[c + 1] - order_.data(),
                      centres[c].first, centres[c].second, q, depth + 1);
            }
        }
    }

    const std::vector<double>& points_;
    std::vector<int64_t> order_;
    std::vector<int64_t> position_;
    std::vector<Node> nodes_;
};

}  // namespace

TsneProjection::TsneProjection() : TsneProjection(Options{}) {}

TsneProjection::TsneProjection(Options options) : options_(options) {
    if (options.perplexity <= 0 || options.theta < 0 || options.theta > 1.0 ||
        options.iterations < 1) {
        throw std::invalid_argument("t-SNE: perplexity > 0, theta in [0, 1], iterations >= 1");
    }
}

void TsneProjection::nearestNeighbours(const torch::Tensor& data, int k,
                                       std::vector<int64_t>& indices,
                                       std::vector<float>& squaredDistances) {
    torch::NoGradGuard noGrad;
    const torch::Tensor x = data.to(torch::kFloat32).contiguous();
    const int64_t n = x.size(0);
    const torch::Tensor norms = (x * x).sum(1);
    indices.resize(static_cast<std::size_t>(n * k));
    squaredDistances.resize(static_cast<std::size_t>(n * k));
    for (int64_t start = 0; start < n; start += kNeighbourBlockRows) {
        const int64_t end = std::min(n, start + kNeighbourBlockRows);
        // |a - b|^2 = |a|^2 + |b|^2 - 2 a.b, in place: one block-sized buffer per block.
        torch::Tensor d2 = DenseProduct::timesTransposed(x.slice(0, start, end), x);
        d2.mul_(-2).add_(norms.unsqueeze(0)).add_(norms.slice(0, start, end).unsqueeze(1));
        d2.clamp_min_(0);
        d2.diagonal(start).fill_(std::numeric_limits<float>::infinity());
        const auto [values, which] = d2.topk(k, 1, /*largest=*/false, /*sorted=*/true);
        const torch::Tensor v = values.contiguous();
        const torch::Tensor w = which.contiguous();
        std::copy(v.data_ptr<float>(), v.data_ptr<float>() + v.numel(),
                  squaredDistances.begin() + start * k);
        std::copy(w.data_ptr<int64_t>(), w.data_ptr<int64_t>() + w.numel(),
                  indices.begin() + start * k);
    }
}

torch::Tensor TsneProjection::project(const torch::Tensor& data, const CancelCheck& cancel,
                                      const Progress& progress) const {
    torch::NoGradGuard noGrad;
    const int64_t n = data.size(0);
    if (n < 4) {
        return PcaProjection(2, options_.seed).project(data).contiguous();
    }
    // Reduce to ~50 dimensions first: neighbours barely change and everything is cheaper.
    const torch::Tensor reduced =
        data.size(1) > options_.pcaDimensions
            ? PcaProjection(options_.pcaDimensions, options_.seed).project(data)
            : data.to(torch::kFloat32);
    const double perplexity = std::min(options_.perplexity, (n - 1) / 3.0);
    const int k = static_cast<int>(std::min<int64_t>(n - 1, static_cast<int64_t>(3 * perplexity)));
    std::vector<int64_t> neighbours;
    std::vector<float> distances;
    nearestNeighbours(reduced, k, neighbours, distances);
    if (cancel) {
        cancel();
    }
    const Affinities p = symmetricAffinities(neighbours, distances, n, k, perplexity);

    // PCA initialisation, scaled to a tiny spread (openTSNE): global structure from the
    // start, and the same map on every run.
    torch::Tensor init = PcaProjection(2, options_.seed).project(reduced);
    if (init.size(1) < 2) {
        init = torch::cat({init, torch::zeros({n, 2 - init.size(1)})}, 1);
    }
    const double spread = init.select(1, 0).std().item<double>();
    init = init * (spread > 0 ? 1e-4 / spread : 1.0);
    const torch::Tensor initDouble = init.to(torch::kFloat64).contiguous();
    std::vector<double> y(initDouble.data_ptr<double>(), initDouble.data_ptr<double>() + 2 * n);

    std::vector<double> update(static_cast<std::size_t>(2 * n), 0.0);
    std::vector<double> gains(static_cast<std::size_t>(2 * n), 1.0);
    std::vector<double> attraction(static_cast<std::size_t>(2 * n));
    std::vector<double> repulsion(static_cast<std::size_t>(2 * n));
    std::vector<double> zPerPoint(static_cast<std::size_t>(n));
    const double learningRate = std::max(static_cast<double>(n) / options_.exaggeration, 200.0);
    const double theta2 = options_.theta * options_.theta;

    for (int iteration = 0; iteration < options_.iterations; ++iteration) {
        if (cancel) {
            cancel();
        }
        const bool early = iteration < options_.exaggerationIterations;
        const double exaggeration = early ? options_.exaggeration : 1.0;
        const double momentum = early ? 0.5 : 0.8;
        const QuadTree tree(y, n);
        at::parallel_for(0, n, kGrain, [&](int64_t begin, int64_t end) {
            for (int64_t i = begin; i < end; ++i) {
                double attract[2] = {0, 0};
                for (int64_t e = p.rowStart[i]; e < p.rowStart[i + 1]; ++e) {
                    const int64_t j = p.column[e];
                    const double dx = y[2 * i] - y[2 * j];
                    const double dy = y[2 * i + 1] - y[2 * j + 1];
                    const double w = p.value[e] / (1.0 + dx * dx + dy * dy);
                    attract[0] += w * dx;
                    attract[1] += w * dy;
                }
                attraction[2 * i] = attract[0];
                attraction[2 * i + 1] = attract[1];
                double repel[2] = {0, 0};
                double z = 0;
                tree.repulsion(i, theta2, repel, z);
                repulsion[2 * i] = repel[0];
                repulsion[2 * i + 1] = repel[1];
                zPerPoint[i] = z;
            }
        });
        const double z = std::max(std::accumulate(zPerPoint.begin(), zPerPoint.end(), 0.0),
                                  std::numeric_limits<double>::min());
        double mean[2] = {0, 0};
        for (int64_t c = 0; c < 2 * n; ++c) {
            const double gradient = exaggeration * attraction[c] - repulsion[c] / z;
            // Delta-bar-delta gains: grow while the direction holds, shrink when it flips.
            gains[c] =
                (gradient > 0) != (update[c] > 0) ? gains[c] + 0.2 : std::max(gains[c] * 0.8, 0.01);
            update[c] = momentum * update[c] - learningRate * gains[c] * gradient;
            y[c] += update[c];
            mean[c % 2] += y[c];
        }
        for (int64_t c = 0; c < 2 * n; ++c) {
            y[c] -= mean[c % 2] / static_cast<double>(n);
        }
        if (progress && (iteration % 10 == 9 || iteration + 1 == options_.iterations)) {
            progress(iteration + 1, options_.iterations);
        }
    }
    return torch::from_blob(y.data(), {n, 2}, torch::kFloat64).to(torch::kFloat32).clone();
}

}  // namespace tl
