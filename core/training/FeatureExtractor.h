// SPDX-License-Identifier: MIT
#pragma once

#include <opencv2/core/mat.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "backbones/BackboneLoader.h"
#include "data/AugmentationSettings.h"
#include "data/ImageFolderDataset.h"
#include "support/TorchInclude.h"
#include "training/FeatureCache.h"

namespace tl {

// Runs the frozen backbone once per image (or once per augmented view) and returns pooled
// embeddings, reusing the on-disk FeatureCache. Decoding runs on all cores; the backbone
// runs in batches in channels_last layout.
class FeatureExtractor {
public:
    struct Result {
        torch::Tensor features;            // [kept images, views, channels]
        std::vector<size_t> kept;          // index into the input list of each row
        std::vector<SkippedFile> skipped;  // images that could not be read or decoded
        std::vector<cv::Mat> images;       // decoded RGB inputs, when keepImages was set
        int cacheHits = 0, computed = 0;
    };
    using Progress = std::function<void(size_t done, size_t total)>;
    using CancelCheck = std::function<void()>;  // throws to abort

    FeatureExtractor(LoadedBackbone backbone, AugmentationSettings augmentation, uint64_t seed,
                     FeatureCache cache, int batchSize = 32);

    // `views` feature rows per image: view 0 is the image itself, views 1.. are augmented.
    Result extract(const std::vector<std::filesystem::path>& paths, int views, bool keepImages,
                   const Progress& progress, const CancelCheck& checkCanceled);

    // Embeddings of already decoded input-size RGB images (no cache), e.g. for prediction.
    torch::Tensor embed(const std::vector<cv::Mat>& rgbImages);

    const LoadedBackbone& backbone() const { return backbone_; }
    // Per-image augmentation seed: depends on content, not on the path or the order.
    static uint64_t imageSeed(const std::string& contentHash, uint64_t seed);

private:
    std::string cacheKey(const std::string& contentHash, int views) const;

    LoadedBackbone backbone_;
    AugmentationSettings augmentation_;
    uint64_t seed_;
    FeatureCache cache_;
    int batchSize_;
};

}  // namespace tl
