#include "BackboneFactory.h"

#include <algorithm>

#include "ImportError.h"
#include "MobileNetV2.h"

namespace tl {

std::shared_ptr<Backbone> createBackbone(const BackboneSpec& spec) {
    if (spec.architecture == "mobilenet_v2") {
        return std::make_shared<MobileNetV2>(spec);
    }
    throw ImportError("unknown backbone architecture '" + spec.architecture + "'");
}

std::string detectArchitecture(const std::vector<std::string>& layerNames) {
    auto has = [&](const char* name) {
        return std::find(layerNames.begin(), layerNames.end(), name) != layerNames.end();
    };
    if (has("Conv1") && has("block_16_project") && has("Conv_1")) {
        return "mobilenet_v2";
    }
    return {};
}

}  // namespace tl
