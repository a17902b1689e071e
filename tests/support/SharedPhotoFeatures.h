// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <filesystem>
#include <string>
#include <vector>

#include "backbones/BackboneLoader.h"
#include "support/TorchInclude.h"

namespace tl::test {

// The 327 shared alpaca photos through the Teachable Machine MobileNetV2-0.35 at 160 px: what
// the inspection tests analyse. Features are cached in the build tree (content-addressed, so
// always valid), which keeps repeated test runs fast.
struct SharedPhotoFeatures {
    std::vector<std::string> classNames;  // alpaca, not_alpaca
    std::vector<std::filesystem::path> paths;
    std::vector<int64_t> labels;
    torch::Tensor features;  // [n, channels]
    LoadedBackbone backbone;

    // Row of a photo given as "class/file.jpg"; -1 when absent.
    int64_t rowOf(const std::string& relativePath) const;
};

SharedPhotoFeatures loadSharedPhotoFeatures();
// The feature cache folder the inspection tests share.
QString testFeatureCacheDir();
// Copies `from` to `to` as a hard link where the file system allows it, else as a copy.
void linkOrCopy(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace tl::test
