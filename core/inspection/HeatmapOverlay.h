// SPDX-License-Identifier: MIT
#pragma once

#include <opencv2/core/mat.hpp>

#include <filesystem>

#include "inspection/Explanation.h"

namespace tl {

// The heat-map drawn over the photo ("jet" colours, blended), as `explain --out` writes it.
// The PNG carries a text chunk naming TransferLab, so a later run replaces its own overlays
// and never a file it did not write.
class HeatmapOverlay {
public:
    // Photos larger than this on their long side are scaled down for the overlay.
    static constexpr int kMaxSide = 1024;

    // `rgb`: the photo as the user sees it. Returns RGB.
    static cv::Mat render(const cv::Mat& rgb, const Heatmap& heatmap, double opacity = 0.45);
    // Writes atomically (QSaveFile). Throws Error(UnsafeDestination) when `file` exists and is
    // not an overlay TransferLab wrote, Error(FileSystem) when it cannot be written.
    static void writePng(const std::filesystem::path& file, const cv::Mat& rgb);
    // True when `file` is a PNG with TransferLab's overlay marker.
    static bool isOwnOverlay(const std::filesystem::path& file);
};

}  // namespace tl
