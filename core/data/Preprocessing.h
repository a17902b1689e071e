// SPDX-License-Identifier: MIT
#pragma once

#include <opencv2/core/mat.hpp>

#include <string>
#include <vector>

// Declared, not included: this header is meant for settings and GUI code too, and
// <torch/torch.h> costs 30-100 s per translation unit. Include TorchInclude.h to use the result.
namespace at {
class Tensor;
}

namespace tl {

// How pixels become network inputs, named after the Keras preprocess_input modes.
enum class Preprocessing {
    // RGB, x / 127.5 - 1, in [-1, 1]. Keras "tf" mode: MobileNet V1/V2/V3, Xception.
    MobileNet,
    // BGR minus the ImageNet mean [103.939, 116.779, 123.68] (BGR order), no scaling. Keras
    // "caffe" mode: VGG16/19, ResNet50.
    Caffe,
};

// "mobilenet" / "caffe", the form stored in project files.
std::string toString(Preprocessing preprocessing);
// Case-insensitive inverse of toString(); throws std::invalid_argument for unknown names.
Preprocessing preprocessingFromString(const std::string& name);

// Packs same-sized CV_8UC3 RGB images (as ImageDecoder returns them) into a float32 tensor of
// shape [N, 3, H, W] stored channels_last (NHWC in memory), which oneDNN convolutions run
// about twice as fast as NCHW. Throws std::invalid_argument for an empty list, another pixel
// type or differing sizes.
at::Tensor toInputBatch(const std::vector<cv::Mat>& rgbImages, Preprocessing preprocessing);

}  // namespace tl
