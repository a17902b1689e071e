// SPDX-License-Identifier: MIT
#pragma once

namespace tl {

// Random image augmentation, as the Keras preprocessing layers define it. Strengths are
// Keras's factors: rotation 0.2 = up to +/-0.2 of a full turn (RandomRotation(0.2)),
// zoom/translation as fractions of the image side, contrast/brightness as factors.
struct AugmentationSettings {
    bool enabled = false;
    bool horizontalFlip = true;
    double rotation = 0.2;
    double zoom = 0.0;
    double translation = 0.0;
    double contrast = 0.0;
    double brightness = 0.0;
    // With a frozen base, features of this many augmented views per image are computed
    // once and sampled among per epoch (instead of running the base every epoch).
    int viewsPerImage = 8;
    // Fixed views instead of random ones, for test-time augmentation (data/TestTimeAugmentation):
    // Mirror: view k is the horizontal mirror; Crops: view 2k the centre crop, view 2k+1 its
    // mirror. Unlike random views, view 0 is not the photo itself (that is extracted anyway).
    enum class FixedViews { None, Mirror, Crops };
    FixedViews fixedViews = FixedViews::None;

    bool operator==(const AugmentationSettings& o) const {
        return enabled == o.enabled && horizontalFlip == o.horizontalFlip &&
               rotation == o.rotation && zoom == o.zoom && translation == o.translation &&
               contrast == o.contrast && brightness == o.brightness &&
               viewsPerImage == o.viewsPerImage && fixedViews == o.fixedViews;
    }
};

}  // namespace tl
