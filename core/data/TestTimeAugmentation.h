// SPDX-License-Identifier: MIT
#pragma once

#include <optional>
#include <string>

#include "data/AugmentationSettings.h"

namespace tl {

// Test-time augmentation: a prediction is the mean of the class probabilities of the photo
// and of fixed variants of it. Mirror: the photo and its horizontal mirror (2 views);
// MirrorAndCrops: also the centre crop and its mirror (4 views).
enum class TestTimeAugmentation { Off, Mirror, MirrorAndCrops };

// How many views a prediction averages (1 when off).
int testTimeViewCount(TestTimeAugmentation mode);
// "off", "mirror", "mirror+crops".
std::string toString(TestTimeAugmentation mode);
// The inverse of toString(), case-insensitive; also "on" (= mirror) and "none" (= off).
std::optional<TestTimeAugmentation> testTimeAugmentationFromString(const std::string& text);

// The augmentation settings whose views are the fixed variants beyond the photo itself: for
// `fixed` = Mirror one view (the mirror), for Crops two (the centre crop and its mirror).
// They are extracted and cached like random augmented views (FeatureExtractor).
AugmentationSettings testTimeViewSettings(AugmentationSettings::FixedViews fixed);

}  // namespace tl
