// SPDX-License-Identifier: MIT
#include "TestFiles.h"

#include <QFile>
#include <QtGlobal>

#include "support/TorchInclude.h"

namespace tl::test {

std::filesystem::path toPath(const QString& path) {
    return std::filesystem::path(path.toStdU16String());
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("cannot read %s", qPrintable(path));
    }
    return file.readAll();
}

void writeAll(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size()) {
        qFatal("cannot write %s", qPrintable(path));
    }
}

int64_t kerasParameterCount(torch::nn::Module& module) {
    int64_t count = 0;
    // Parameters an architecture keeps frozen (Inception v3's BatchNorm scale, fixed at one)
    // do not exist in Keras, so they are not counted.
    for (const auto& parameter : module.parameters()) {
        count += parameter.requires_grad() ? parameter.numel() : 0;
    }
    for (const auto& buffer : module.named_buffers()) {
        if (buffer.key().find("num_batches_tracked") == std::string::npos) {
            count += buffer.value().numel();
        }
    }
    return count;
}

}  // namespace tl::test
