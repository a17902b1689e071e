// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "backbones/BackboneLoader.h"
#include "data/TestTimeAugmentation.h"
#include "support/TorchInclude.h"
#include "training/AutoRecipe.h"
#include "training/FeatureCache.h"

namespace tl {

// Features of a training run's photos at other input sizes and with fixed or random views,
// through the run's cache: what the automatic recipe and test-time augmentation ask for. The
// backbone is loaded once per size, with the job's hooks (a first-use download reports to it).
class FeatureSource {
public:
    // `cancel` throws when the job is canceled; it is polled between batches.
    FeatureSource(std::string reference, FeatureCache cache, uint64_t seed, BackboneLoadHooks hooks,
                  std::function<void()> cancel);

    // A backbone already loaded at `size` (the run's own).
    void adopt(int size, LoadedBackbone backbone);
    LoadedBackbone& backboneAt(int size);

    // [paths, views, channels]; every photo must decode (they did a moment ago): throws
    // DecodeError otherwise.
    torch::Tensor features(const std::vector<std::filesystem::path>& paths,
                           const FeatureRequest& request);

    // Seconds computing `request` for all `paths` would take without the cache: timed once per
    // input size on a few photos, then scaled by the number of photos and views.
    double estimate(const std::vector<std::filesystem::path>& paths, const FeatureRequest& request);

    // The extra test-time views of `mode` ([n, V, channels]: mirror, then crop and its mirror).
    torch::Tensor testTimeViews(const std::vector<std::filesystem::path>& paths, int size,
                                TestTimeAugmentation mode);

private:
    std::string reference_;
    FeatureCache cache_;
    uint64_t seed_;
    BackboneLoadHooks hooks_;
    std::function<void()> cancel_;
    std::map<int, LoadedBackbone> backbones_;
    std::map<int, double> secondsPerPhoto_;  // by input size, for one view
};

}  // namespace tl
