// SPDX-License-Identifier: MIT
#include "inspection/InspectionReport.h"

#include <algorithm>

namespace tl {

std::size_t InspectionReport::straddlingGroups() const {
    return static_cast<std::size_t>(std::count_if(duplicates.begin(), duplicates.end(),
                                                  [](const auto& g) { return g.straddlesSplit; }));
}

}  // namespace tl
