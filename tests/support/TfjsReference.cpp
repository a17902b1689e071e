// SPDX-License-Identifier: MIT
#include "TfjsReference.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <cstring>
#include <stdexcept>

namespace tl::test {

namespace {

#ifdef TRANSFERLAB_TFJS_DIR
const QString kTfjsDir = QStringLiteral(TRANSFERLAB_TFJS_DIR);
const QString kNode = QStringLiteral(TRANSFERLAB_NODE);
#else
const QString kTfjsDir;
const QString kNode;
#endif

// Reads `rows` rows of float32 values; the row length follows from the file size.
torch::Tensor readFloats(const QString& path, int64_t rows) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        throw std::runtime_error("TF.js runner wrote no " + path.toStdString());
    }
    const QByteArray bytes = file.readAll();
    if (bytes.isEmpty() || bytes.size() % (4 * rows) != 0) {
        throw std::runtime_error("unexpected size of " + path.toStdString());
    }
    auto tensor = torch::empty({rows, bytes.size() / (4 * rows)}, torch::kFloat32);
    std::memcpy(tensor.data_ptr(), bytes.constData(), bytes.size());
    return tensor;
}

}  // namespace

bool TfjsReference::isAvailable(QString* whyNot) {
    if (kTfjsDir.isEmpty()) {
        *whyNot =
            "node/npm were not found when the tests were configured; install Debian's "
            "nodejs and npm (scripts/setup-debian) to run the TensorFlow.js comparison";
        return false;
    }
    if (!QFile::exists(kTfjsDir + "/node_modules/@tensorflow/tfjs/package.json")) {
        *whyNot = "@tensorflow/tfjs is not installed in " + kTfjsDir +
                  " (the tfjs_reference_setup test installs it)";
        return false;
    }
    return true;
}

TfjsReference::Outputs TfjsReference::run(const QString& modelJson, const torch::Tensor& input) {
    QTemporaryDir work;
    const int64_t count = input.size(0), size = input.size(2);
    const auto nhwc = input.permute({0, 2, 3, 1}).contiguous().to(torch::kFloat32);
    QFile inputFile(work.filePath("input.bin"));
    if (!inputFile.open(QIODevice::WriteOnly)) {
        throw std::runtime_error("cannot write the TF.js input");
    }
    inputFile.write(static_cast<const char*>(nhwc.data_ptr()), nhwc.numel() * 4);
    inputFile.close();

    QProcess node;
    node.setWorkingDirectory(kTfjsDir);
    node.setProcessChannelMode(QProcess::MergedChannels);
    node.start(kNode, {kTfjsDir + "/run_model.js", modelJson, inputFile.fileName(),
                       QString::number(count), QString::number(size), work.filePath("out")});
    if (!node.waitForFinished(300000) || node.exitCode() != 0) {
        throw std::runtime_error("TF.js runner failed: " + node.readAll().toStdString());
    }
    Outputs outputs;
    outputs.embedding = readFloats(work.filePath("out.embedding.bin"), count);
    outputs.output = readFloats(work.filePath("out.output.bin"), count);
    return outputs;
}

}  // namespace tl::test
