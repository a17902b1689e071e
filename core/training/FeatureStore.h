// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace tl {

// The cached features of one feature space (one backbone, input size, resize definition,
// inference path, augmentation and view count: see FeatureExtractor::featureSpace()) for any
// number of photos, keyed by content hash, packed into a few segment files instead of one
// file per photo: opening 100,000 entries reads their hashes (3 MB), not 100,000 files.
//
// A segment is written once, atomically (QSaveFile), and never changed: a header naming its
// space, the entries' hashes and a checksum per entry, then the rows of float32 values.
// Everything read is validated first (magic, version, space, sizes against the file size), a
// row's checksum when it is read; a segment or row that fails is ignored (and recomputed by
// the caller). New entries collect in memory (at most kFlushBytes) and go to a new segment on
// flush(); when a space has kMaxSegments segments they are merged into one. Several processes
// may use the same store: each writes its own segments, duplicates are harmless.
//
// Thread-safe. Failures to write are not errors: the cache is an optimisation.
class FeatureStore {
public:
    using Hash = std::array<unsigned char, 32>;  // BLAKE2b-256 of a photo's bytes
    static constexpr int64_t kFlushBytes = 32 << 20;
    static constexpr int kMaxSegments = 32;

    // Reads the segments of `space` in `folder` (the space's own folder is folder/space).
    FeatureStore(std::filesystem::path folder, std::string space, int64_t valuesPerEntry);
    ~FeatureStore();  // flush()
    FeatureStore(const FeatureStore&) = delete;
    FeatureStore& operator=(const FeatureStore&) = delete;

    const std::string& space() const { return space_; }
    int64_t valuesPerEntry() const { return values_; }
    std::filesystem::path directory() const { return directory_; }
    // Entries on disk plus those waiting for flush().
    size_t size() const;
    bool contains(const Hash& hash) const;
    // Copies the entry's valuesPerEntry() floats to `out`. False when absent or damaged.
    bool read(const Hash& hash, float* out) const;
    // Queues an entry for the next segment; flushes by itself every kFlushBytes.
    void add(const Hash& hash, const float* values);
    // Writes the queued entries as one new segment; merges the segments when there are many.
    void flush();
    int segmentCount() const;

    // The hash of bytes, and the conversions from and to FeatureCache::contentHash's hex form.
    static Hash hashOf(const QByteArray& bytes);
    static bool fromHex(const std::string& hex, Hash* out);
    static std::string toHex(const Hash& hash);
    // A file or folder name made of [A-Za-z0-9._-] only.
    static std::string safeName(const std::string& text);

private:
    struct HashKey {
        size_t operator()(const Hash& hash) const;
    };
    struct Segment;
    struct Location {
        int segment = -1;  // -1: pending, in memory
        int64_t row = 0;
    };

    void loadSegments();
    bool loadSegment(const std::filesystem::path& file);
    void writeSegment(const std::filesystem::path& file, const std::vector<Hash>& hashes,
                      const std::vector<const float*>& rows) const;
    void flushLocked();
    void mergeLocked();

    std::filesystem::path directory_;
    std::string space_;
    int64_t values_;
    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<Segment>> segments_;
    std::unordered_map<Hash, Location, HashKey> index_;
    std::vector<Hash> pendingHashes_;
    std::vector<float> pendingValues_;
};

}  // namespace tl
