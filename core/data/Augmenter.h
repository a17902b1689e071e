// SPDX-License-Identifier: MIT
#pragma once

#include <opencv2/core/mat.hpp>

#include <cstdint>

#include "data/AugmentationSettings.h"

namespace tl {

// Applies random augmentations to an RGB image of the network's input size: the one code
// path shared by the trainer and the GUI's augmentation preview. Deterministic for a given
// seed, so view k of an image is the same in every run (and cacheable).
class Augmenter {
public:
    explicit Augmenter(const AugmentationSettings& settings) : settings_(settings) {}

    // The `view`-th augmented variant of `rgb` for this seed (view 0 is the image itself),
    // or the `view`-th fixed test-time view when the settings ask for fixed views.
    cv::Mat augment(const cv::Mat& rgb, uint64_t seed, int view) const;

private:
    AugmentationSettings settings_;
};

}  // namespace tl
