// SPDX-License-Identifier: MIT
#pragma once

#include "data/ImageLimits.h"

namespace tl {

// The desktop app's image limits (ImageLimits: megapixels, file size, damaged JPEGs), kept in
// the user's settings (QSettings, group "images") and applied process-wide, so training,
// prediction, the Test page and the thumbnails all use them.
class ImageLimitsSettings {
public:
    // The saved limits; the defaults where nothing (or nonsense) is saved.
    static ImageLimits load();
    // Saves and applies them.
    static void save(const ImageLimits& limits);
    // Applies the saved limits (at start-up).
    static void apply();
};

}  // namespace tl
