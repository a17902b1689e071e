// SPDX-License-Identifier: MIT
#include "data/Preprocessing.h"

#include "support/TorchInclude.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <stdexcept>

namespace tl {
namespace {

// For each output channel: which RGB input channel feeds it, and the value of every 8-bit
// level. A table computes the exact float32 expression Keras uses (x / 127.5 - 1 or
// x - mean) once, instead of per pixel.
struct ChannelMap {
    std::array<int, 3> sourceChannel;
    std::array<std::array<float, 256>, 3> levels;
};

ChannelMap makeChannelMap(Preprocessing preprocessing) {
    ChannelMap map{};
    for (int c = 0; c < 3; ++c) {
        for (int v = 0; v < 256; ++v) {
            const float x = static_cast<float>(v);
            if (preprocessing == Preprocessing::MobileNet) {
                map.levels[c][v] = x / 127.5f - 1.0f;
            } else {
                static constexpr float kBgrMean[3] = {103.939f, 116.779f, 123.68f};
                map.levels[c][v] = x - kBgrMean[c];
            }
        }
    }
    map.sourceChannel = preprocessing == Preprocessing::MobileNet ? std::array<int, 3>{0, 1, 2}
                                                                  : std::array<int, 3>{2, 1, 0};
    return map;
}

void checkImages(const std::vector<cv::Mat>& images) {
    if (images.empty()) {
        throw std::invalid_argument("toInputBatch: no images");
    }
    const cv::Size size = images.front().size();
    for (const cv::Mat& image : images) {
        if (image.type() != CV_8UC3) {
            throw std::invalid_argument("toInputBatch: images must be 8-bit RGB (CV_8UC3)");
        }
        if (image.size() != size) {
            throw std::invalid_argument("toInputBatch: images differ in size");
        }
    }
}

// Writes one image into its NHWC slot; rows are read one by one so ROIs (non-continuous
// Mats) work too.
void fillImage(const cv::Mat& rgb, const ChannelMap& map, float* out) {
    for (int y = 0; y < rgb.rows; ++y) {
        const unsigned char* row = rgb.ptr<unsigned char>(y);
        for (int x = 0; x < rgb.cols; ++x, row += 3, out += 3) {
            for (int c = 0; c < 3; ++c) {
                out[c] = map.levels[c][row[map.sourceChannel[c]]];
            }
        }
    }
}

}  // namespace

std::string toString(Preprocessing preprocessing) {
    switch (preprocessing) {
        case Preprocessing::MobileNet:
            return "mobilenet";
        case Preprocessing::Caffe:
            return "caffe";
    }
    throw std::invalid_argument("unknown Preprocessing value");
}

Preprocessing preprocessingFromString(const std::string& name) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const Preprocessing p : {Preprocessing::MobileNet, Preprocessing::Caffe}) {
        if (lower == toString(p)) {
            return p;
        }
    }
    throw std::invalid_argument("unknown preprocessing '" + name +
                                "' (expected \"mobilenet\" or \"caffe\")");
}

at::Tensor toInputBatch(const std::vector<cv::Mat>& rgbImages, Preprocessing preprocessing) {
    checkImages(rgbImages);
    const int64_t n = static_cast<int64_t>(rgbImages.size());
    const int64_t h = rgbImages.front().rows;
    const int64_t w = rgbImages.front().cols;
    // Logical NCHW with NHWC strides: memory order matches the decoded pixels, so each image
    // is one sequential write.
    torch::Tensor batch =
        torch::empty({n, 3, h, w}, torch::TensorOptions()
                                       .dtype(torch::kFloat32)
                                       .memory_format(torch::MemoryFormat::ChannelsLast));
    const ChannelMap map = makeChannelMap(preprocessing);
    float* data = batch.data_ptr<float>();
    for (int64_t i = 0; i < n; ++i) {
        fillImage(rgbImages[static_cast<std::size_t>(i)], map, data + i * h * w * 3);
    }
    return batch;
}

}  // namespace tl
