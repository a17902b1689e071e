// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <vector>

namespace tl {

// A class-activation heat-map over the whole photo as the user sees it (EXIF orientation
// applied, before any resize): the network's last spatial grid, upsampled so that its long
// side has at most 64 cells and its aspect ratio is the photo's.
struct Heatmap {
    int width = 0;
    int height = 0;
    std::vector<float> values;  // height * width, row-major, in [0, 1] (1 = the maximum)

    float at(int x, int y) const { return values[static_cast<std::size_t>(y) * width + x]; }
};

// Why the model decided as it did about one photo: its prediction and the Grad-CAM heat-map
// of the class explained.
struct Explanation {
    std::filesystem::path image;
    int predicted = 0;                  // the model's class
    int target = 0;                     // the class the heat-map explains
    std::vector<double> probabilities;  // one per class
    int gridWidth = 0, gridHeight = 0;  // the backbone's last feature grid
    int imageWidth = 0, imageHeight = 0;
    Heatmap heatmap;
};

}  // namespace tl
