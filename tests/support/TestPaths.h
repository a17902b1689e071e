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
// The transferlab-cli of this build; TRANSFERLAB_TEST_CLI runs the end-to-end tests against
// another one (an installed package, an older build).
inline QString cliPath() {
    const QString other = qEnvironmentVariable("TRANSFERLAB_TEST_CLI");
    return other.isEmpty() ? QStringLiteral(TRANSFERLAB_CLI_PATH) : other;
}

}  // namespace tl::test
