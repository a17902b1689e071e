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

    bool operator==(const AugmentationSettings& o) const {
        return enabled == o.enabled && horizontalFlip == o.horizontalFlip &&
               rotation == o.rotation && zoom == o.zoom && translation == o.translation &&
               contrast == o.contrast && brightness == o.brightness &&
               viewsPerImage == o.viewsPerImage;
    }
};

}  // namespace tl
