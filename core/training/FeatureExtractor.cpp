// SPDX-License-Identifier: MIT
#include "training/FeatureExtractor.h"

#include <QtConcurrent/QtConcurrentMap>

#include <cstring>
#include <sstream>

#include "data/Augmenter.h"
#include "data/ImageDecoder.h"
#include "data/Preprocessing.h"
#include "support/Errors.h"

namespace tl {

namespace fs = std::filesystem;

namespace {

// One image on its way through the pipeline.
struct Item {
    fs::path path;
    std::string hash;
    std::string error;
    cv::Mat image;
    std::vector<float> features;  // views * channels, once known
};

uint64_t fnv1a(const std::string& text) {
    uint64_t hash = 1469598103934665603ull;
    for (unsigned char c : text) {
        hash = (hash ^ c) * 1099511628211ull;
    }
    return hash;
}

std::string augmentationKey(const AugmentationSettings& a, uint64_t seed) {
    if (!a.enabled) {
        return "plain";
    }
    if (a.fixedViews != AugmentationSettings::FixedViews::None) {  // the same for every seed
        return a.fixedViews == AugmentationSettings::FixedViews::Mirror ? "mirror" : "crops";
    }
    std::ostringstream text;
    text << a.horizontalFlip << a.rotation << '_' << a.zoom << '_' << a.translation << '_'
         << a.contrast << '_' << a.brightness << '_' << seed;
    return "aug" + std::to_string(fnv1a(text.str()) % 1000000007ull);
}

}  // namespace

FeatureExtractor::FeatureExtractor(LoadedBackbone backbone, AugmentationSettings augmentation,
                                   uint64_t seed, FeatureCache cache, int batchSize)
    : backbone_(std::move(backbone)),
      augmentation_(augmentation),
      seed_(seed),
      cache_(std::move(cache)),
      batchSize_(std::max(1, batchSize)) {}

uint64_t FeatureExtractor::imageSeed(const std::string& contentHash, uint64_t seed) {
    return fnv1a(contentHash) ^ (seed * 0x9E3779B97F4A7C15ull);
}

std::string FeatureExtractor::cacheKey(const std::string& contentHash, int views) const {
    // "r2": ImageDecoder's resize definition (full decode, area resize). Features cached under
    // an earlier definition (reduced JPEG decode) are never reused.
    return contentHash + "_r2_" + backboneCacheKey(backbone_) + "_" +
           augmentationKey(augmentation_, seed_) + "_v" + std::to_string(views);
}

torch::Tensor FeatureExtractor::embed(const std::vector<cv::Mat>& rgbImages) {
    torch::InferenceMode inference;
    std::vector<torch::Tensor> parts;
    for (size_t start = 0; start < rgbImages.size(); start += batchSize_) {
        const size_t end = std::min(rgbImages.size(), start + batchSize_);
        const std::vector<cv::Mat> batch(rgbImages.begin() + start, rgbImages.begin() + end);
        parts.push_back(
            backbone_.backbone->embed(toInputBatch(batch, backbone_.backbone->preprocessing())));
    }
    return parts.empty() ? torch::empty({0, backbone_.backbone->featureChannels()})
                         : torch::cat(parts, 0);
}

FeatureExtractor::Result FeatureExtractor::extract(const std::vector<fs::path>& paths, int views,
                                                   bool keepImages, const Progress& progress,
                                                   const CancelCheck& checkCanceled) {
    views = augmentation_.enabled ? std::max(1, views) : 1;
    const int64_t channels = backbone_.backbone->featureChannels();
    const int size = backbone_.backbone->spec().inputSize;
    const ImageDecoder decoder(cv::Size(size, size));
    const Augmenter augmenter(augmentation_);

    Result result;
    std::vector<torch::Tensor> rows;
    for (size_t start = 0; start < paths.size(); start += batchSize_) {
        checkCanceled();
        const size_t end = std::min(paths.size(), start + batchSize_);
        std::vector<Item> items(end - start);
        for (size_t i = start; i < end; ++i) {
            items[i - start].path = paths[i];
        }
        // Hash, look up the cache and decode the misses, in parallel across cores.
        QtConcurrent::blockingMap(items, [&](Item& item) {
            try {
                // The content hash keys the cache and seeds augmentation; skip it otherwise.
                if (cache_.enabled() || augmentation_.enabled) {
                    item.hash = FeatureCache::contentHash(item.path);
                }
                if (auto cached = cache_.load(cacheKey(item.hash, views), views * channels)) {
                    item.features = std::move(*cached);
                }
                if (item.features.empty() || keepImages) {
                    item.image = decoder.decode(item.path);
                }
            } catch (const std::exception& error) {
                item.error = error.what();
            }
        });
        // All views of all cache misses of this chunk go through the backbone together.
        std::vector<cv::Mat> inputs;
        std::vector<Item*> misses;
        for (auto& item : items) {
            if (item.error.empty() && item.features.empty()) {
                misses.push_back(&item);
                const uint64_t seed = imageSeed(item.hash, seed_);
                for (int view = 0; view < views; ++view) {
                    inputs.push_back(augmenter.augment(item.image, seed, view));
                }
            }
        }
        if (!inputs.empty()) {
            const torch::Tensor embedded = embed(inputs).contiguous();
            for (size_t m = 0; m < misses.size(); ++m) {
                const float* begin = embedded.data_ptr<float>() + m * views * channels;
                misses[m]->features.assign(begin, begin + views * channels);
                cache_.store(cacheKey(misses[m]->hash, views), misses[m]->features);
            }
        }
        for (size_t i = 0; i < items.size(); ++i) {
            auto& item = items[i];
            if (!item.error.empty()) {
                result.skipped.push_back({item.path, item.error});
                continue;
            }
            const bool computed = std::find(misses.begin(), misses.end(), &item) != misses.end();
            (computed ? result.computed : result.cacheHits) += 1;
            rows.push_back(
                torch::from_blob(item.features.data(), {views, channels}, torch::kFloat32).clone());
            result.kept.push_back(start + i);
            if (keepImages) {
                result.images.push_back(item.image);
            }
        }
        if (progress) {
            progress(end, paths.size());
        }
    }
    result.features = rows.empty() ? torch::empty({0, views, channels}) : torch::stack(rows, 0);
    return result;
}

}  // namespace tl
