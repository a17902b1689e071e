// SPDX-License-Identifier: MIT
#include "training/AutoRecipeReport.h"

#include <sstream>

namespace tl {

std::string AutoRecipeTrial::describe() const {
    std::ostringstream text;
    text << inputSize << " px, lr " << learningRate << ", dropout " << dropout << ", L2 "
         << weightDecay << ", ";
    if (hiddenUnits.empty()) {
        text << "no hidden layer";
    } else {
        text << "hidden layer";
        for (size_t i = 0; i < hiddenUnits.size(); ++i) {
            text << (i ? "," : " ") << hiddenUnits[i];
        }
    }
    text << ", " << epochs << " epochs, views " << views;
    if (testTime != "off") {
        text << ", test-time " << testTime;
    }
    return text.str();
}

}  // namespace tl
