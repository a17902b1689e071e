// SPDX-License-Identifier: MIT
#include "training/FeatureCache.h"

#include "support/Errors.h"
#include "support/FileHash.h"
#include "support/Paths.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

#include <stdexcept>

namespace tl {

namespace fs = std::filesystem;

FeatureCache::FeatureCache(fs::path folder) : folder_(std::move(folder)) {}

fs::path FeatureCache::defaultFolder() {
    return fs::path(
               QStandardPaths::writableLocation(QStandardPaths::CacheLocation).toStdU16String()) /
           "features";
}

fs::path FeatureCache::pathFor(const std::string& key) const {
    // Two-character fan-out keeps folders small with tens of thousands of images.
    return folder_ / key.substr(0, 2) / (key + ".f32");
}

std::optional<std::vector<float>> FeatureCache::load(const std::string& key,
                                                     size_t expectedCount) const {
    if (!enabled()) {
        return std::nullopt;
    }
    QFile file(toQString(pathFor(key)));
    if (!file.open(QIODevice::ReadOnly) ||
        file.size() != static_cast<qint64>(expectedCount * sizeof(float))) {
        return std::nullopt;
    }
    std::vector<float> values(expectedCount);
    const qint64 bytes = static_cast<qint64>(expectedCount * sizeof(float));
    if (file.read(reinterpret_cast<char*>(values.data()), bytes) != bytes) {
        return std::nullopt;
    }
    return values;
}

void FeatureCache::store(const std::string& key, const std::vector<float>& values) const {
    if (!enabled()) {
        return;
    }
    const fs::path path = pathFor(key);
    std::error_code ignored;
    fs::create_directories(path.parent_path(), ignored);
    QSaveFile file(toQString(path));
    if (file.open(QIODevice::WriteOnly)) {
        file.write(reinterpret_cast<const char*>(values.data()),
                   static_cast<qint64>(values.size() * sizeof(float)));
        file.commit();
    }
}

std::string FeatureCache::contentHash(const fs::path& path) {
    return FileHash::of(toQString(path), QCryptographicHash::Blake2b_256).toStdString();
}

}  // namespace tl
