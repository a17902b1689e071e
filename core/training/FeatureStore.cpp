// SPDX-License-Identifier: MIT
#include "training/FeatureStore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QLockFile>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QtEndian>

#include <algorithm>
#include <cstring>

#include "support/Paths.h"

namespace tl {

namespace fs = std::filesystem;

namespace {

// Segment layout, little-endian: header (kHeaderBytes), the space name padded to 8 bytes,
// entryCount hashes (32 bytes), entryCount row checksums (8 bytes), then the rows.
constexpr char kMagic[8] = {'T', 'L', 'F', 'E', 'A', 'T', 'S', '\x01'};
constexpr uint32_t kVersion = 1;
constexpr int64_t kHeaderBytes = 32;
constexpr int64_t kMaxSpaceBytes = 1024;
constexpr const char* kSuffix = ".tlfeat";

int64_t paddedSpaceBytes(int64_t bytes) {
    return (bytes + 7) / 8 * 8;
}

// Checksum of a row, to notice a damaged one: FNV-1a over 64-bit words with a shift mix.
uint64_t rowChecksum(const float* values, int64_t count) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(values);
    const size_t size = static_cast<size_t>(count) * sizeof(float);
    uint64_t hash = 0xcbf29ce484222325ull ^ size;
    size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        uint64_t word;
        std::memcpy(&word, bytes + i, 8);
        hash = (hash ^ word) * 0x100000001b3ull;
        hash ^= hash >> 29;
    }
    for (; i < size; ++i) {
        hash = (hash ^ bytes[i]) * 0x100000001b3ull;
    }
    return hash ^ (hash >> 32);
}

QByteArray header(uint32_t values, uint64_t entries, const std::string& space) {
    QByteArray out(static_cast<int>(kHeaderBytes + paddedSpaceBytes(int64_t(space.size()))), '\0');
    char* p = out.data();
    std::memcpy(p, kMagic, 8);
    qToLittleEndian<uint32_t>(kVersion, p + 8);
    qToLittleEndian<uint32_t>(values, p + 12);
    qToLittleEndian<uint64_t>(entries, p + 16);
    qToLittleEndian<uint32_t>(static_cast<uint32_t>(space.size()), p + 24);
    std::memcpy(p + kHeaderBytes, space.data(), space.size());
    return out;
}

bool writeAll(QSaveFile& file, const void* data, int64_t bytes) {
    return file.write(static_cast<const char*>(data), bytes) == bytes;
}

}  // namespace

struct FeatureStore::Segment {
    fs::path path;
    QFile file;
    int64_t entries = 0;
    int64_t dataOffset = 0;
    std::vector<uint64_t> checksums;
};

size_t FeatureStore::HashKey::operator()(const Hash& hash) const {
    size_t value;
    std::memcpy(&value, hash.data(), sizeof value);  // already uniformly distributed
    return value;
}

FeatureStore::FeatureStore(fs::path folder, std::string space, int64_t valuesPerEntry)
    : directory_(std::move(folder) / safeName(space)),
      space_(std::move(space)),
      values_(valuesPerEntry) {
    loadSegments();
}

FeatureStore::~FeatureStore() {
    flush();
}

FeatureStore::Hash FeatureStore::hashOf(const QByteArray& bytes) {
    const QByteArray digest = QCryptographicHash::hash(bytes, QCryptographicHash::Blake2b_256);
    Hash hash{};
    std::memcpy(hash.data(), digest.constData(), hash.size());
    return hash;
}

bool FeatureStore::fromHex(const std::string& hex, Hash* out) {
    const QByteArray bytes = QByteArray::fromHex(QByteArray::fromStdString(hex));
    if (hex.size() != 64 || bytes.size() != 32) {
        return false;
    }
    std::memcpy(out->data(), bytes.constData(), out->size());
    return true;
}

std::string FeatureStore::toHex(const Hash& hash) {
    return QByteArray(reinterpret_cast<const char*>(hash.data()), int(hash.size()))
        .toHex()
        .toStdString();
}

std::string FeatureStore::safeName(const std::string& text) {
    std::string out = text;
    for (char& c : out) {
        const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
        if (!safe) {
            c = '_';
        }
    }
    return out.empty() ? "_" : out;
}

size_t FeatureStore::size() const {
    std::lock_guard lock(mutex_);
    return index_.size();
}

int FeatureStore::segmentCount() const {
    std::lock_guard lock(mutex_);
    return static_cast<int>(segments_.size());
}

bool FeatureStore::contains(const Hash& hash) const {
    std::lock_guard lock(mutex_);
    return index_.count(hash) > 0;
}

void FeatureStore::loadSegments() {
    std::error_code error;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(directory_, error), end; !error && it != end;
         it.increment(error)) {
        const std::string name = it->path().filename().string();
        if (name.rfind("seg-", 0) == 0 && it->path().extension() == kSuffix) {
            files.push_back(it->path());
        }
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& file : files) {
        loadSegment(file);
    }
}

bool FeatureStore::loadSegment(const fs::path& path) {
    auto segment = std::make_unique<Segment>();
    segment->path = path;
    segment->file.setFileName(toQString(path));
    if (!segment->file.open(QIODevice::ReadOnly)) {
        return false;
    }
    const int64_t fileSize = segment->file.size();
    char head[kHeaderBytes];
    if (segment->file.read(head, kHeaderBytes) != kHeaderBytes ||
        std::memcmp(head, kMagic, 8) != 0 || qFromLittleEndian<uint32_t>(head + 8) != kVersion ||
        qFromLittleEndian<uint32_t>(head + 12) != static_cast<uint32_t>(values_)) {
        return false;
    }
    const uint64_t entries = qFromLittleEndian<uint64_t>(head + 16);
    const int64_t spaceBytes = qFromLittleEndian<uint32_t>(head + 24);
    if (spaceBytes != static_cast<int64_t>(space_.size()) || spaceBytes > kMaxSpaceBytes) {
        return false;
    }
    const int64_t rowBytes = values_ * int64_t(sizeof(float));
    const int64_t perEntry = int64_t(sizeof(Hash)) + 8 + rowBytes;
    const int64_t indexOffset = kHeaderBytes + paddedSpaceBytes(spaceBytes);
    // The entry count must match the file's size before anything is allocated for it.
    if (entries == 0 || fileSize < indexOffset ||
        entries > static_cast<uint64_t>((fileSize - indexOffset) / perEntry) ||
        indexOffset + static_cast<int64_t>(entries) * perEntry != fileSize) {
        return false;
    }
    const QByteArray space = segment->file.read(paddedSpaceBytes(spaceBytes));
    if (space.size() != paddedSpaceBytes(spaceBytes) ||
        std::memcmp(space.constData(), space_.data(), space_.size()) != 0) {
        return false;
    }
    const auto count = static_cast<int64_t>(entries);
    std::vector<Hash> hashes(static_cast<size_t>(count));
    segment->checksums.resize(static_cast<size_t>(count));
    const int64_t hashBytes = count * int64_t(sizeof(Hash));
    if (segment->file.read(reinterpret_cast<char*>(hashes.data()), hashBytes) != hashBytes ||
        segment->file.read(reinterpret_cast<char*>(segment->checksums.data()), count * 8) !=
            count * 8) {
        return false;
    }
    for (auto& checksum : segment->checksums) {
        checksum = qFromLittleEndian(checksum);
    }
    segment->entries = count;
    segment->dataOffset = indexOffset + count * (int64_t(sizeof(Hash)) + 8);
    const int id = static_cast<int>(segments_.size());
    segments_.push_back(std::move(segment));
    index_.reserve(index_.size() + hashes.size());
    for (int64_t row = 0; row < count; ++row) {
        index_[hashes[static_cast<size_t>(row)]] = {id, row};
    }
    return true;
}

bool FeatureStore::read(const Hash& hash, float* out) const {
    std::lock_guard lock(mutex_);
    const auto found = index_.find(hash);
    if (found == index_.end()) {
        return false;
    }
    const Location& at = found->second;
    if (at.segment < 0) {
        std::copy_n(pendingValues_.data() + at.row * values_, values_, out);
        return true;
    }
    Segment& segment = *segments_[static_cast<size_t>(at.segment)];
    const int64_t rowBytes = values_ * int64_t(sizeof(float));
    return segment.file.seek(segment.dataOffset + at.row * rowBytes) &&
           segment.file.read(reinterpret_cast<char*>(out), rowBytes) == rowBytes &&
           rowChecksum(out, values_) == segment.checksums[static_cast<size_t>(at.row)];
}

void FeatureStore::add(const Hash& hash, const float* values) {
    std::lock_guard lock(mutex_);
    if (index_.count(hash)) {
        return;
    }
    index_[hash] = {-1, static_cast<int64_t>(pendingHashes_.size())};
    pendingHashes_.push_back(hash);
    pendingValues_.insert(pendingValues_.end(), values, values + values_);
    if (static_cast<int64_t>(pendingValues_.size() * sizeof(float)) >= kFlushBytes) {
        flushLocked();
    }
}

void FeatureStore::flush() {
    std::lock_guard lock(mutex_);
    flushLocked();
}

void FeatureStore::writeSegment(const fs::path& file, const std::vector<Hash>& hashes,
                                const std::vector<const float*>& rows) const {
    std::vector<uint64_t> checksums(rows.size());
    for (size_t i = 0; i < rows.size(); ++i) {
        checksums[i] = qToLittleEndian(rowChecksum(rows[i], values_));
    }
    QSaveFile out(toQString(file));
    const int64_t rowBytes = values_ * int64_t(sizeof(float));
    bool ok = out.open(QIODevice::WriteOnly);
    ok = ok && out.write(header(static_cast<uint32_t>(values_), rows.size(), space_)) >= 0;
    ok = ok && writeAll(out, hashes.data(), int64_t(hashes.size() * sizeof(Hash)));
    ok = ok && writeAll(out, checksums.data(), int64_t(checksums.size() * 8));
    for (size_t i = 0; ok && i < rows.size(); ++i) {
        ok = writeAll(out, rows[i], rowBytes);
    }
    if (!ok || !out.commit()) {
        throw std::runtime_error("cannot write " + file.u8string());
    }
}

void FeatureStore::flushLocked() {
    if (pendingHashes_.empty()) {
        return;
    }
    std::vector<const float*> rows;
    for (size_t i = 0; i < pendingHashes_.size(); ++i) {
        rows.push_back(pendingValues_.data() + int64_t(i) * values_);
    }
    const QString random = QString::number(QRandomGenerator::system()->generate64(), 16);
    const fs::path file = directory_ / ("seg-" + random.toStdString() + kSuffix);
    bool written = false;
    try {
        std::error_code ignored;
        fs::create_directories(directory_, ignored);
        writeSegment(file, pendingHashes_, rows);
        written = loadSegment(file);
    } catch (const std::exception&) {
        written = false;
    }
    if (!written) {
        // Not kept in memory either: the store must not grow without bound.
        for (const Hash& hash : pendingHashes_) {
            const auto found = index_.find(hash);
            if (found != index_.end() && found->second.segment < 0) {
                index_.erase(found);
            }
        }
    }
    pendingHashes_.clear();
    pendingValues_.clear();
    pendingValues_.shrink_to_fit();
    if (static_cast<int>(segments_.size()) >= kMaxSegments) {
        mergeLocked();
    }
}

// Rewrites all segments of the space as one (rows and checksums copied as they are), then
// deletes the merged ones. Another process merging at the same time skips (lock file).
void FeatureStore::mergeLocked() {
    QLockFile lock(toQString(directory_ / "merge.lock"));
    if (!lock.tryLock(0)) {
        return;
    }
    struct Entry {
        Hash hash;
        Location at;
    };
    std::vector<Entry> entries;
    entries.reserve(index_.size());
    for (const auto& [hash, at] : index_) {
        if (at.segment >= 0) {
            entries.push_back({hash, at});
        }
    }
    std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
        return a.at.segment != b.at.segment ? a.at.segment < b.at.segment : a.at.row < b.at.row;
    });
    const QString random = QString::number(QRandomGenerator::system()->generate64(), 16);
    const fs::path merged = directory_ / ("seg-" + random.toStdString() + kSuffix);
    const int64_t rowBytes = values_ * int64_t(sizeof(float));
    {
        QSaveFile out(toQString(merged));
        bool ok = out.open(QIODevice::WriteOnly);
        ok = ok && out.write(header(static_cast<uint32_t>(values_), entries.size(), space_)) >= 0;
        for (size_t i = 0; ok && i < entries.size(); ++i) {
            ok = writeAll(out, entries[i].hash.data(), int64_t(sizeof(Hash)));
        }
        for (size_t i = 0; ok && i < entries.size(); ++i) {
            const auto& at = entries[i].at;
            const uint64_t checksum = qToLittleEndian(
                segments_[static_cast<size_t>(at.segment)]->checksums[static_cast<size_t>(at.row)]);
            ok = writeAll(out, &checksum, 8);
        }
        std::vector<char> row(static_cast<size_t>(rowBytes));
        for (size_t i = 0; ok && i < entries.size(); ++i) {
            const auto& at = entries[i].at;
            Segment& from = *segments_[static_cast<size_t>(at.segment)];
            ok = from.file.seek(from.dataOffset + at.row * rowBytes) &&
                 from.file.read(row.data(), rowBytes) == rowBytes &&
                 writeAll(out, row.data(), rowBytes);
        }
        if (!ok || !out.commit()) {
            return;  // the old segments stay as they were
        }
    }
    std::vector<fs::path> old;
    for (auto& segment : segments_) {
        segment->file.close();
        old.push_back(segment->path);
    }
    segments_.clear();
    for (auto it = index_.begin(); it != index_.end();) {
        it = it->second.segment >= 0 ? index_.erase(it) : std::next(it);
    }
    for (const fs::path& file : old) {
        std::error_code ignored;
        fs::remove(file, ignored);  // segments this store wrote (seg-*.tlfeat, our magic)
    }
    loadSegment(merged);
}

}  // namespace tl
