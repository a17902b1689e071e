// SPDX-License-Identifier: MIT
#pragma once

#include <opencv2/core/mat.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "backbones/BackboneLoader.h"
#include "data/AugmentationSettings.h"
#include "data/ImageFolderDataset.h"
#include "support/TorchInclude.h"
#include "training/FeatureCache.h"

namespace tl {

class InferenceBackbone;

// Runs the frozen backbone once per image (or once per augmented view) and returns pooled
// embeddings, reusing the on-disk FeatureCache.
//
// The pipeline keeps every core busy without oversubscribing any: one worker per compute
// thread (ComputeThreads::count()), each reading, hashing, looking up and decoding photos into
// a bounded queue of batches, and taking a full batch off the queue before decoding more, to
// run it through the fastest inference path (InferenceBackbone) with one LibTorch thread. So
// two batches run side by side on two cores while decoding fills the gaps, and neither
// OpenMP barriers nor busy-waiting threads stand in the way. The calling thread only reports
// progress and checks for cancellation.
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

    // `batchSize` 0: the inference path's preferred size for this backbone
    // (InferenceBackbone::preferredBatchSize: 8 for MobileNetV2-0.35 at 160 px, 1 for 1.0 at
    // 224 px).
    FeatureExtractor(LoadedBackbone backbone, AugmentationSettings augmentation, uint64_t seed,
                     FeatureCache cache, int batchSize = 0);
    ~FeatureExtractor();

    // `views` feature rows per image: view 0 is the image itself, views 1.. are augmented.
    // `keepImages` also returns the decoded photos (memory grows with the count: fine-tuning
    // streams them from disk instead).
    Result extract(const std::vector<std::filesystem::path>& paths, int views, bool keepImages,
                   const Progress& progress, const CancelCheck& checkCanceled);

    // Embeddings of already decoded input-size RGB images (no cache), e.g. for prediction.
    torch::Tensor embed(const std::vector<cv::Mat>& rgbImages);

    const LoadedBackbone& backbone() const { return backbone_; }
    // The inference path, built on first use (a fully cached run never builds it).
    const InferenceBackbone& inference();
    // The eager modules through the same interface: for a few photos without a cache (one
    // prediction), building the frozen graph costs more than it saves. Never used with a
    // cache, whose features must all come from the one path its key names.
    const InferenceBackbone& eagerInference();
    // Everything that changes a feature but the photo itself: backbone weights, architecture
    // and input size, the resize definition, the inference path, augmentation, views. Names
    // the FeatureCache store, so features computed any other way are never reused.
    std::string featureSpace(int views);
    // Per-image augmentation seed: depends on content, not on the path or the order.
    static uint64_t imageSeed(const std::string& contentHash, uint64_t seed);

private:
    LoadedBackbone backbone_;
    AugmentationSettings augmentation_;
    uint64_t seed_;
    FeatureCache cache_;
    double multiplyAdds_;  // per image
    int batchSize_;
    std::once_flag inferenceBuilt_, eagerBuilt_;
    std::unique_ptr<InferenceBackbone> inference_, eager_;
};

}  // namespace tl
