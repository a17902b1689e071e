// SPDX-License-Identifier: MIT
#include "training/FeatureCache.h"

#include "support/FileHash.h"
#include "support/Paths.h"
#include "training/FeatureStore.h"

#include <QCryptographicHash>
#include <QStandardPaths>

namespace tl {

namespace fs = std::filesystem;

FeatureCache::FeatureCache(fs::path folder) : folder_(std::move(folder)) {}

fs::path FeatureCache::defaultFolder() {
    return fs::path(
               QStandardPaths::writableLocation(QStandardPaths::CacheLocation).toStdU16String()) /
           "features";
}

std::shared_ptr<FeatureStore> FeatureCache::open(const std::string& space,
                                                 int64_t valuesPerEntry) const {
    if (!enabled()) {
        return nullptr;
    }
    return std::make_shared<FeatureStore>(folder_ / "packed", space, valuesPerEntry);
}

std::string FeatureCache::contentHash(const fs::path& path) {
    return FileHash::of(toQString(path), QCryptographicHash::Blake2b_256).toStdString();
}

}  // namespace tl
