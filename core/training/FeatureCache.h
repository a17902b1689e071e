// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <memory>
#include <string>

namespace tl {

class FeatureStore;

// Backbone features on disk, reused across runs: a second Train on the same photos starts
// training at once, and an edited photo only recomputes itself. One packed FeatureStore per
// feature space (everything that changes a feature: backbone weights and input size, resize
// definition, inference path, augmentation and views; see FeatureExtractor::featureSpace()),
// keyed within it by the photo's content hash. Features of an older layout (one file per
// photo) are never read.
class FeatureCache {
public:
    // An empty folder disables the cache.
    explicit FeatureCache(std::filesystem::path folder = {});
    // The per-user cache folder (QStandardPaths::CacheLocation/features).
    static std::filesystem::path defaultFolder();

    bool enabled() const { return !folder_.empty(); }
    const std::filesystem::path& folder() const { return folder_; }
    // The store of one feature space (created on first use); null when disabled.
    std::shared_ptr<FeatureStore> open(const std::string& space, int64_t valuesPerEntry) const;

    // BLAKE2b-256 (hex) of a file's bytes: a collision-resistant key at ~4x the speed of
    // SHA-256 here. Throws std::runtime_error when unreadable.
    static std::string contentHash(const std::filesystem::path& file);

private:
    std::filesystem::path folder_;
};

}  // namespace tl
