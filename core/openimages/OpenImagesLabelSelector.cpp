// SPDX-License-Identifier: MIT
#include "openimages/OpenImagesLabelSelector.h"

#include <QFile>

#include <algorithm>
#include <bitset>

#include "support/StreamingCsvReader.h"

namespace tl {

namespace {

constexpr qint64 kProgressEveryBytes = 8 << 20;
constexpr std::size_t kReadBufferBytes = 1 << 20;

quint64 splitMix64(quint64 x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

// Which columns hold what; Open Images files all start with ImageID,Source,LabelName,Confidence.
struct Columns {
    std::size_t imageId = 0;
    std::size_t labelName = 2;
    std::size_t confidence = 3;
    std::size_t needed() const { return std::max({imageId, labelName, confidence}) + 1; }
};

bool isHeader(const std::vector<std::string_view>& fields) {
    return !fields.empty() && fields[0] == "ImageID";
}

Columns columnsFromHeader(const std::vector<std::string_view>& fields) {
    Columns columns;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i] == "ImageID") {
            columns.imageId = i;
        } else if (fields[i] == "LabelName") {
            columns.labelName = i;
        } else if (fields[i] == "Confidence") {
            columns.confidence = i;
        }
    }
    return columns;
}

// "1" in practice; "1.0" and friends are accepted, "0" (verified absent) is not.
bool isPositive(std::string_view confidence) {
    if (confidence == "1") {
        return true;
    }
    if (confidence.empty() || confidence == "0") {
        return false;
    }
    bool ok = false;
    const double value = QByteArray(confidence.data(), qsizetype(confidence.size())).toDouble(&ok);
    return ok && value >= 1.0;
}

}  // namespace

OpenImagesLabelSelector::OpenImagesLabelSelector(QList<OpenImagesSelectionTarget> targets,
                                                 quint64 seed)
    : targets_(std::move(targets)), seed_(seed) {
    for (int t = 0; t < targets_.size() && t < 64; ++t) {
        for (const QString& label : targets_.at(t).labelIds) {
            labelToTarget_.emplace_back(label.toStdString(), t);
        }
        if (!targets_.at(t).negative) {
            positiveMask_ |= std::uint64_t(1) << t;
        }
    }
    std::sort(labelToTarget_.begin(), labelToTarget_.end());
    for (const auto& [label, target] : labelToTarget_) {
        if (!label.empty()) {
            lastCharFilter_.set(static_cast<unsigned char>(label.back()));
        }
    }
}

bool OpenImagesLabelSelector::isValidImageId(std::string_view id) {
    if (id.size() < 8 || id.size() > 32) {
        return false;
    }
    return std::all_of(id.begin(), id.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool OpenImagesLabelSelector::isValidImageId(const QString& id) {
    const QByteArray latin = id.toLatin1();
    return id.size() == latin.size() &&
           isValidImageId(std::string_view(latin.constData(), std::size_t(latin.size())));
}

quint64 OpenImagesLabelSelector::rankKey(quint64 seed, std::string_view imageId) {
    // FNV-1a over the ID, then a SplitMix64 finaliser keyed by the seed: fixed arithmetic,
    // so the same seed picks the same images on every platform and compiler.
    quint64 hash = 0xCBF29CE484222325ULL ^ splitMix64(seed);
    for (char c : imageId) {
        hash ^= quint64(static_cast<unsigned char>(c));
        hash *= 0x100000001B3ULL;
    }
    return splitMix64(hash ^ seed);
}

bool OpenImagesLabelSelector::selectFromFile(const QString& path, OpenImagesSelection* selection,
                                             QString* error, const ProgressCallback& progress,
                                             const CancelCheck& isCanceled) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    if (!select(&file, selection, error, progress, isCanceled)) {
        if (!selection->canceled) {
            *error = path + QStringLiteral(": ") + *error;
        }
        return false;
    }
    return true;
}

bool OpenImagesLabelSelector::select(QIODevice* device, OpenImagesSelection* selection,
                                     QString* error, const ProgressCallback& progress,
                                     const CancelCheck& isCanceled) {
    *selection = OpenImagesSelection();
    if (targets_.size() > 64) {
        *error = QStringLiteral("at most 64 classes can be selected at once");
        return false;
    }
    selection_ = selection;
    pools_.assign(std::size_t(targets_.size()), Pool());
    selection->eligible = QList<qint64>(targets_.size(), 0);
    groupId_.clear();
    groupTargets_ = 0;

    StreamingCsvReader reader(device, kReadBufferBytes);
    std::vector<std::string_view> fields;
    Columns columns;
    qint64 nextReport = kProgressEveryBytes;
    while (reader.next(fields)) {
        if (reader.recordNumber() == 1 && isHeader(fields)) {
            columns = columnsFromHeader(fields);
            reader.setMaxFields(columns.needed() + 1);  // XMin... of boxes are never looked at
            continue;
        }
        ++selection->rows;
        if (reader.bytesRead() >= nextReport) {
            nextReport = reader.bytesRead() + kProgressEveryBytes;
            if (isCanceled && isCanceled()) {
                selection->canceled = true;
                *error = QStringLiteral("canceled");
                return false;
            }
            if (progress) {
                progress(reader.bytesRead(), selection->rows);
            }
        }
        if (fields.size() < columns.needed()) {
            continue;  // blank or malformed line
        }
        const std::string_view imageId = fields[columns.imageId];
        if (imageId != groupId_) {
            finishGroup();
            if (!groupId_.empty() && imageId < groupId_) {
                selection->groupedByImage = false;
            }
            groupId_.assign(imageId);
        }
        const std::string_view label = fields[columns.labelName];
        // Almost no row carries a wanted label; one bit test rejects most before a search.
        if (label.empty() || !lastCharFilter_.test(static_cast<unsigned char>(label.back()))) {
            continue;
        }
        auto it =
            std::lower_bound(labelToTarget_.begin(), labelToTarget_.end(), label,
                             [](const std::pair<std::string, int>& entry, std::string_view value) {
                                 return std::string_view(entry.first) < value;
                             });
        for (; it != labelToTarget_.end() && it->first == label; ++it) {
            if (isPositive(fields[columns.confidence])) {
                groupTargets_ |= std::uint64_t(1) << it->second;
            }
        }
    }
    finishGroup();
    if (!reader.error().isEmpty()) {
        *error = reader.error();
        return false;
    }
    selection->bytes = reader.bytesRead();
    if (progress) {
        progress(selection->bytes, selection->rows);
    }
    for (Pool& pool : pools_) {
        std::sort(pool.heap.begin(), pool.heap.end());
        QStringList ids;
        ids.reserve(qsizetype(pool.heap.size()));
        for (const Entry& entry : pool.heap) {
            ids.append(QString::fromLatin1(entry.id.data(), qsizetype(entry.id.size())));
        }
        selection->images.append(ids);
    }
    pools_.clear();
    selection_ = nullptr;
    return true;
}

// Called once all adjacent rows of one image are seen: decides which targets it joins.
void OpenImagesLabelSelector::finishGroup() {
    const std::uint64_t matched = groupTargets_;
    groupTargets_ = 0;
    if (matched == 0) {
        return;
    }
    if (!isValidImageId(groupId_)) {
        ++selection_->invalidIds;
        return;
    }
    const std::uint64_t positives = matched & positiveMask_;
    const std::size_t positiveCount = std::bitset<64>(positives).count();
    if (positiveCount > 1) {
        ++selection_->ambiguous;
        return;
    }
    const Entry entry{rankKey(seed_, groupId_), groupId_};
    for (int t = 0; t < targets_.size(); ++t) {
        const bool joins = positiveCount == 1 ? (positives >> t) & 1
                                              : (matched >> t) & 1;  // only negatives matched
        if (joins) {
            offer(t, entry);
        }
    }
}

void OpenImagesLabelSelector::offer(int target, const Entry& entry) {
    Pool& pool = pools_[std::size_t(target)];
    const std::size_t limit = std::size_t(std::max(0, targets_.at(target).limit));
    if (limit == 0 || pool.members.count(entry.id)) {
        return;
    }
    ++selection_->eligible[target];
    if (pool.heap.size() < limit) {
        pool.heap.push_back(entry);
        std::push_heap(pool.heap.begin(), pool.heap.end());
        pool.members.insert(entry.id);
        return;
    }
    if (!(entry < pool.heap.front())) {
        return;  // ranks below every kept image
    }
    pool.members.erase(pool.heap.front().id);
    std::pop_heap(pool.heap.begin(), pool.heap.end());
    pool.heap.back() = entry;
    std::push_heap(pool.heap.begin(), pool.heap.end());
    pool.members.insert(entry.id);
}

}  // namespace tl
