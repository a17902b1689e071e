// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>

#include <filesystem>

namespace torch::nn {
class Module;
}

// Small helpers every core test needs; they fail the test run loudly on I/O errors.
namespace tl::test {

std::filesystem::path toPath(const QString& path);
QByteArray readAll(const QString& path);
void writeAll(const QString& path, const QByteArray& bytes);
// Parameters plus BatchNorm moving statistics: what Keras's count_params() counts.
int64_t kerasParameterCount(torch::nn::Module& module);

}  // namespace tl::test
