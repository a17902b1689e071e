// SPDX-License-Identifier: MIT
#include "data/TestTimeAugmentation.h"

#include <algorithm>
#include <cctype>

namespace tl {

int testTimeViewCount(TestTimeAugmentation mode) {
    switch (mode) {
        case TestTimeAugmentation::Mirror:
            return 2;
        case TestTimeAugmentation::MirrorAndCrops:
            return 4;
        case TestTimeAugmentation::Off:
            break;
    }
    return 1;
}

std::string toString(TestTimeAugmentation mode) {
    switch (mode) {
        case TestTimeAugmentation::Mirror:
            return "mirror";
        case TestTimeAugmentation::MirrorAndCrops:
            return "mirror+crops";
        case TestTimeAugmentation::Off:
            break;
    }
    return "off";
}

std::optional<TestTimeAugmentation> testTimeAugmentationFromString(const std::string& text) {
    std::string lower = text;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "off" || lower == "none") {
        return TestTimeAugmentation::Off;
    }
    if (lower == "mirror" || lower == "on" || lower == "flip") {
        return TestTimeAugmentation::Mirror;
    }
    if (lower == "mirror+crops" || lower == "crops") {
        return TestTimeAugmentation::MirrorAndCrops;
    }
    return std::nullopt;
}

AugmentationSettings testTimeViewSettings(AugmentationSettings::FixedViews fixed) {
    AugmentationSettings settings;
    settings.enabled = true;
    settings.fixedViews = fixed;
    settings.viewsPerImage = fixed == AugmentationSettings::FixedViews::Crops ? 2 : 1;
    return settings;
}

}  // namespace tl
