// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <bitset>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

class QIODevice;

namespace tl {

// One output class of a selection: the images whose labels include any of `labelIds`.
struct OpenImagesSelectionTarget {
    QString name;          // for messages only
    QStringList labelIds;  // MIDs ("/m/0pcr"); several for a pooled negative class
    int limit = 0;         // how many images to keep
    // A negative target drops images that also carry a positive target's label (an alpaca
    // photo with a goat in it is not a "not alpaca" example).
    bool negative = false;
};

struct OpenImagesSelection {
    QList<QStringList> images;  // per target: the chosen ImageIDs, best-ranked first
    QList<qint64> eligible;     // per target: distinct images that qualified
    qint64 rows = 0;
    qint64 bytes = 0;
    qint64 ambiguous = 0;   // images carrying two or more positive targets: skipped
    qint64 invalidIds = 0;  // matching rows whose ImageID failed validation: skipped
    // False when the file was not grouped by ImageID. Open Images files are sorted, and the
    // cross-class rules above are exact only for rows of one image that are adjacent.
    bool groupedByImage = true;
    bool canceled = false;
};

// Picks up to `limit` images per target from an Open Images labels CSV, streaming it.
//
// Accepted inputs: the human-verified image-level labels (`ImageID,Source,LabelName,
// Confidence`) and the bounding boxes (`ImageID,Source,LabelName,Confidence,XMin,...`);
// columns are found by header name. Only positive rows (Confidence 1) count.
//
// Sampling is hash-based, not reservoir-based: every image gets the rank key
// hash(seed, ImageID) and each target keeps the `limit` smallest keys in a bounded heap.
// Memory is O(sum of limits), never O(matches), and the result depends only on the seed and
// the set of (image, label) rows: not on row order, file chunking or buffer sizes, and an
// image repeated on many rows (one per box) is counted once. Growing `limit` extends the
// previous selection instead of reshuffling it, which keeps resumed downloads stable.
class OpenImagesLabelSelector {
public:
    // bytesRead lets callers show a fraction of the file size; return value unused.
    using ProgressCallback = std::function<void(qint64 bytesRead, qint64 rows)>;
    using CancelCheck = std::function<bool()>;

    // At most 64 targets (one bit each per image group).
    OpenImagesLabelSelector(QList<OpenImagesSelectionTarget> targets, quint64 seed);

    // Returns false with *error on I/O errors, too many targets, or when canceled
    // (then selection->canceled is true).
    bool selectFromFile(const QString& path, OpenImagesSelection* selection, QString* error,
                        const ProgressCallback& progress = {}, const CancelCheck& isCanceled = {});
    bool select(QIODevice* device, OpenImagesSelection* selection, QString* error,
                const ProgressCallback& progress = {}, const CancelCheck& isCanceled = {});

    // Open Images ImageIDs are 16 lower-case hex digits; [0-9a-f]{8,32} is accepted. Anything
    // else is rejected before it can become part of a file path or URL.
    static bool isValidImageId(std::string_view id);
    static bool isValidImageId(const QString& id);
    // The deterministic rank of an image for a seed (smaller = chosen first).
    static quint64 rankKey(quint64 seed, std::string_view imageId);

private:
    struct Entry {
        quint64 key;
        std::string id;
        bool operator<(const Entry& other) const {
            return key != other.key ? key < other.key : id < other.id;
        }
    };
    // The `limit` best entries of one target: a max-heap, so the worst kept one is on top.
    struct Pool {
        std::vector<Entry> heap;
        std::unordered_set<std::string> members;  // an image repeated on many rows counts once
    };

    void finishGroup();
    void offer(int target, const Entry& entry);

    QList<OpenImagesSelectionTarget> targets_;
    quint64 seed_;
    std::vector<std::pair<std::string, int>> labelToTarget_;  // sorted by label for lookup
    std::bitset<256> lastCharFilter_;                         // last bytes of the wanted labels
    std::uint64_t positiveMask_ = 0;
    std::vector<Pool> pools_;
    OpenImagesSelection* selection_ = nullptr;
    std::string groupId_;  // ImageID of the rows being accumulated
    std::uint64_t groupTargets_ = 0;
};

}  // namespace tl
