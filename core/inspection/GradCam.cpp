// SPDX-License-Identifier: MIT
#include "inspection/GradCam.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "data/ImageDecoder.h"
#include "data/Preprocessing.h"
#include "nn/Backbone.h"
#include "nn/ClassifierHead.h"

namespace tl {

GradCam::GradCam(std::shared_ptr<Backbone> backbone, std::shared_ptr<ClassifierHead> head)
    : backbone_(std::move(backbone)), head_(std::move(head)) {
    if (!backbone_ || !head_) {
        throw std::invalid_argument("Grad-CAM needs a backbone and a head");
    }
}

torch::Tensor GradCam::classScore(const torch::Tensor& logits, int target) const {
    if (head_->config().isBinary()) {
        const torch::Tensor logit = logits.reshape({-1})[0];
        return target == 1 ? logit : -logit;
    }
    return logits.reshape({-1})[target];
}

GradCam::Pass GradCam::compute(const torch::Tensor& input, int target) const {
    // Autograd must be on even when the caller is in an inference scope.
    c10::InferenceMode notInference(false);
    torch::AutoGradMode gradients(true);
    backbone_->eval();
    head_->eval();
    // The input requires a gradient, so the feature map is a node of the graph through the
    // backbone whatever the parameters' requires_grad flags (a frozen base has none).
    const torch::Tensor x = input.detach().clone().requires_grad_(true);
    const torch::Tensor features = backbone_->forward(x);  // [1, C, h, w]
    const torch::Tensor embedding = features.mean({2, 3});
    const torch::Tensor logits = head_->forward(embedding);
    const torch::Tensor probabilities = head_->probabilities(logits).reshape({-1}).detach();
    const int classes = head_->config().numClasses;
    Pass pass;
    pass.target = target >= 0 ? target : static_cast<int>(probabilities.argmax().item<int64_t>());
    if (pass.target >= classes) {
        throw std::invalid_argument("Grad-CAM: class " + std::to_string(pass.target) +
                                    " out of range");
    }
    const torch::Tensor score = classScore(logits, pass.target);
    const torch::Tensor gradient = torch::autograd::grad({score}, {features})[0];  // [1, C, h, w]
    pass.weights = gradient.mean({2, 3}).reshape({-1}).detach();
    // Each cell's contribution to the class score, relative to the photo's average cell.
    // Plain Grad-CAM keeps the positive contributions; but backbone features are non-negative,
    // so with a sigmoid head the second class's contributions are often negative everywhere
    // (its evidence is less evidence for the first), and the map would be blank. Relative to
    // the average, the map shows where the evidence for the class is, for every head.
    const torch::Tensor contribution =
        (features.detach()[0] * pass.weights.view({-1, 1, 1})).sum(0);
    pass.grid = torch::relu(contribution - contribution.mean());
    pass.embedding = embedding.reshape({-1}).detach();
    pass.probabilities = probabilities;
    return pass;
}

Explanation GradCam::explain(const cv::Mat& rgb, int target) const {
    const int size = backbone_->spec().inputSize;
    const cv::Size inputSize(size, size);
    cv::Mat resized = rgb;
    if (rgb.size() != inputSize) {
        cv::resize(rgb, resized, inputSize, 0, 0,
                   ImageDecoder::resizeInterpolation(rgb.size(), inputSize));
    }
    const Pass pass = compute(toInputBatch({resized}, backbone_->preprocessing()), target);
    Explanation out;
    out.target = pass.target;
    out.predicted = static_cast<int>(pass.probabilities.argmax().item<int64_t>());
    const torch::Tensor p = pass.probabilities.to(torch::kFloat64).contiguous();
    out.probabilities.assign(p.data_ptr<double>(), p.data_ptr<double>() + p.numel());
    out.gridHeight = static_cast<int>(pass.grid.size(0));
    out.gridWidth = static_cast<int>(pass.grid.size(1));
    out.imageWidth = rgb.cols;
    out.imageHeight = rgb.rows;
    out.heatmap = upsample(pass.grid, rgb.cols, rgb.rows);
    return out;
}

Heatmap GradCam::upsample(const torch::Tensor& grid, int imageWidth, int imageHeight,
                          int maxCells) {
    if (imageWidth <= 0 || imageHeight <= 0 || maxCells <= 0) {
        throw std::invalid_argument("Grad-CAM: empty image");
    }
    const int longSide = std::max(imageWidth, imageHeight);
    const int cells = std::min(maxCells, longSide);
    Heatmap map;
    map.width = std::max(1, static_cast<int>(std::lround(double(cells) * imageWidth / longSide)));
    map.height = std::max(1, static_cast<int>(std::lround(double(cells) * imageHeight / longSide)));
    const torch::Tensor values = grid.to(torch::kFloat32).contiguous();
    const cv::Mat source(static_cast<int>(values.size(0)), static_cast<int>(values.size(1)), CV_32F,
                         const_cast<float*>(values.data_ptr<float>()));
    cv::Mat scaled;
    // The grid covers the whole (squashed) network input, hence the whole photo: cell
    // centres map onto the photo with half-cell offsets, as OpenCV's resize places them.
    cv::resize(
        source, scaled, cv::Size(map.width, map.height), 0, 0,
        map.width >= source.cols && map.height >= source.rows ? cv::INTER_LINEAR : cv::INTER_AREA);
    double maximum = 0;
    cv::minMaxLoc(scaled, nullptr, &maximum);
    map.values.assign(scaled.begin<float>(), scaled.end<float>());
    for (float& v : map.values) {
        v = maximum > 0 ? std::clamp(static_cast<float>(v / maximum), 0.0f, 1.0f) : 0.0f;
    }
    return map;
}

}  // namespace tl
