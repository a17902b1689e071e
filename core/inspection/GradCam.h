// SPDX-License-Identifier: MIT
#pragma once

#include <opencv2/core/mat.hpp>

#include <memory>

#include "inspection/Explanation.h"
#include "support/TorchInclude.h"

namespace tl {

class Backbone;
class ClassifierHead;

// Grad-CAM (Selvaraju et al. 2017) on the backbone's last convolutional block: the feature
// maps weighted by the spatially averaged gradient of the class score, taken relative to the
// photo's average cell (see compute()), then ReLU. Runs the
// eager LibTorch backbone with autograd (any faster inference path cannot give gradients);
// its embedding is the feature extractor's, which the tests check. Works for every backbone
// whose forward() returns its last feature map: MobileNetV2, Inception v3, ResNet-50.
class GradCam {
public:
    // One eager forward and backward pass.
    struct Pass {
        torch::Tensor grid;           // [h, w], >= 0, not normalised (0 = average or less)
        torch::Tensor weights;        // [channels]: d score / d pooled feature
        torch::Tensor embedding;      // [channels]: the pooled feature map
        torch::Tensor probabilities;  // [classes]
        int target = 0;
    };

    GradCam(std::shared_ptr<Backbone> backbone, std::shared_ptr<ClassifierHead> head);

    // `rgb`: the whole photo as the user sees it (ImageDecoder::decodeFull); it is resized to
    // the backbone's input with the one resize definition. target -1: the predicted class.
    Explanation explain(const cv::Mat& rgb, int target = -1) const;
    // On a preprocessed input [1, 3, S, S].
    Pass compute(const torch::Tensor& input, int target = -1) const;
    // The class score Grad-CAM differentiates: the logit of `target` (binary heads: the
    // logit for class 1, its negation for class 0).
    torch::Tensor classScore(const torch::Tensor& logits, int target) const;

    // The grid [h, w] bilinearly upsampled over an image of imageWidth x imageHeight, long
    // side min(maxCells, the image's), and normalised to a maximum of 1.
    static Heatmap upsample(const torch::Tensor& grid, int imageWidth, int imageHeight,
                            int maxCells = 64);

private:
    std::shared_ptr<Backbone> backbone_;
    std::shared_ptr<ClassifierHead> head_;
};

}  // namespace tl
