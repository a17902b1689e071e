// SPDX-License-Identifier: MIT
#pragma once

#include <QDir>
#include <QString>

namespace tl::test {

// The read-only shared data beside the checkout (datasets, the Teachable Machine export).
inline QString sharedDir() {
    return QStringLiteral(TRANSFERLAB_SHARED_DIR);
}
inline QString alpacaDatasetDir() {
    return sharedDir() + QStringLiteral("/datasets/alpaca");
}
inline QString teachableMachineDir() {
    return sharedDir() + QStringLiteral("/models/teachable-machine-mobilenet-v2-0.35");
}
inline QString teachableMachineModelJson() {
    return teachableMachineDir() + "/model.json";
}
inline QString sourceDir() {
    return QStringLiteral(TRANSFERLAB_SOURCE_DIR);
}
inline QString cliPath() {
    return QStringLiteral(TRANSFERLAB_CLI_PATH);
}

}  // namespace tl::test
