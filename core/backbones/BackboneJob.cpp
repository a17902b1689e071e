// SPDX-License-Identifier: MIT
#include "backbones/BackboneJob.h"

#include "backbones/BackboneLoader.h"
#include "support/DataSize.h"

namespace tl {

BackboneLoadHooks BackboneJob::backboneLoadHooks() {
    BackboneLoadHooks hooks;
    hooks.isCanceled = [this] { return isCanceled(); };
    hooks.progress = [this](int64_t done, int64_t total) {
        setProgress(total > 0 ? double(done) / total : 0.0,
                    tr("Downloading the backbone: %1 of %2")
                        .arg(formatDataSize(done), formatDataSize(total)));
    };
    hooks.log = [this](const std::string& line) { log(QString::fromStdString(line)); };
    return hooks;
}

LoadedBackbone BackboneJob::loadReportingBackbone(const std::string& reference, int inputSize) {
    return loadBackbone(reference, inputSize, backboneLoadHooks());
}

}  // namespace tl
