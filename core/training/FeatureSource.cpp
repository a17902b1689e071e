// SPDX-License-Identifier: MIT
#include "training/FeatureSource.h"

#include <QElapsedTimer>

#include <algorithm>

#include "support/Errors.h"
#include "training/FeatureExtractor.h"

namespace tl {

namespace fs = std::filesystem;

FeatureSource::FeatureSource(std::string reference, FeatureCache cache, uint64_t seed,
                             BackboneLoadHooks hooks, std::function<void()> cancel)
    : reference_(std::move(reference)),
      cache_(std::move(cache)),
      seed_(seed),
      hooks_(std::move(hooks)),
      cancel_(std::move(cancel)) {}

void FeatureSource::adopt(int size, LoadedBackbone backbone) {
    backbones_.insert_or_assign(size, std::move(backbone));
}

LoadedBackbone& FeatureSource::backboneAt(int size) {
    auto found = backbones_.find(size);
    if (found == backbones_.end()) {
        found = backbones_.emplace(size, loadBackbone(reference_, size, hooks_)).first;
    }
    return found->second;
}

torch::Tensor FeatureSource::features(const std::vector<fs::path>& paths,
                                      const FeatureRequest& request) {
    FeatureExtractor extractor(backboneAt(request.inputSize), request.augmentation, seed_, cache_);
    auto result = extractor.extract(paths, request.views, false, {}, cancel_);
    if (result.kept.size() != paths.size()) {
        const fs::path failed = result.skipped.empty() ? fs::path() : result.skipped[0].path;
        throw DecodeError(failed, result.skipped.empty() ? "a photo could not be read again"
                                                         : result.skipped.front().reason);
    }
    return result.features;
}

// Photos are decoded and run through the base without the cache, timed on the second batch
// of the same shape, so that the base's one-off set-up is not counted; views cost alike. The
// probe takes the frozen graph, as every real extraction of the training photos does: left to
// itself, a probe of a few photos takes the eager path meant for one prediction, which made
// 160 px look 7x dearer than it is for the 1.0 base.
double FeatureSource::estimate(const std::vector<fs::path>& paths, const FeatureRequest& request) {
    constexpr size_t kProbe = 16;
    if (paths.empty()) {
        return 0.0;
    }
    auto known = secondsPerPhoto_.find(request.inputSize);
    if (known == secondsPerPhoto_.end()) {
        FeatureExtractor extractor(backboneAt(request.inputSize), {}, seed_, FeatureCache());
        extractor.inference();
        auto computeSome = [&](size_t from, size_t count) {
            const auto begin = paths.begin() + std::min(from, paths.size());
            const auto end = paths.begin() + std::min(from + count, paths.size());
            extractor.extract(std::vector<fs::path>(begin, end), 1, false, {}, cancel_);
            return static_cast<size_t>(end - begin);
        };
        computeSome(0, kProbe);
        QElapsedTimer timer;
        timer.start();
        const size_t probed = computeSome(paths.size() > kProbe ? kProbe : 0, kProbe);
        const double seconds = double(timer.nsecsElapsed()) / 1e9;
        known = secondsPerPhoto_.emplace(request.inputSize, probed ? seconds / probed : 0.0).first;
    }
    const int views = request.augmentation.enabled ? std::max(1, request.views) : 1;
    return known->second * double(paths.size()) * views;
}

torch::Tensor FeatureSource::testTimeViews(const std::vector<fs::path>& paths, int size,
                                           TestTimeAugmentation mode) {
    using Fixed = AugmentationSettings::FixedViews;
    std::vector<torch::Tensor> parts{
        features(paths, {size, testTimeViewSettings(Fixed::Mirror), 1})};
    if (mode == TestTimeAugmentation::MirrorAndCrops) {
        parts.push_back(features(paths, {size, testTimeViewSettings(Fixed::Crops), 2}));
    }
    return torch::cat(parts, 1);
}

}  // namespace tl
