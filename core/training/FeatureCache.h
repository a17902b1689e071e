// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tl {

// Backbone features on disk, one small file per image (all its augmented views), keyed by
// the image's content hash + backbone identity + input size + augmentation: a second Train
// on the same photos starts training at once, and an edited photo only recomputes itself.
// Files are written to a temporary name and renamed, so readers never see half a file.
class FeatureCache {
public:
    // An empty folder disables the cache.
    explicit FeatureCache(std::filesystem::path folder = {});
    // The per-user cache folder (QStandardPaths::CacheLocation/features).
    static std::filesystem::path defaultFolder();

    bool enabled() const { return !folder_.empty(); }
    // nullopt when absent or of another size (then it is simply recomputed).
    std::optional<std::vector<float>> load(const std::string& key, size_t expectedCount) const;
    // Failures to write are not errors: the cache is an optimisation.
    void store(const std::string& key, const std::vector<float>& values) const;

    // BLAKE2b-256 (hex) of a file's bytes: a collision-resistant key at ~4x the speed of
    // SHA-256 here (hashing is most of a warm run). Throws std::runtime_error when unreadable.
    static std::string contentHash(const std::filesystem::path& file);

private:
    std::filesystem::path pathFor(const std::string& key) const;
    std::filesystem::path folder_;
};

}  // namespace tl
