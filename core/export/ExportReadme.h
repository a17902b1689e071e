// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include "export/ModelExporter.h"

namespace tl {

// What the README beside an export needs to know.
struct ExportReadmeInfo {
    ExportFormat format = ExportFormat::Onnx;
    bool selfContained = false;
    QString modelFile;     // as the examples open it: "classifier.onnx", "model.json"
    QString metadataFile;  // "classifier.onnx.json", "metadata.json"
    int inputSize = 0;
    QStringList classes;
};

// The README written beside every export: what goes in and out, the preprocessing TransferLab
// applies (follow it to get its answers) and a usage example of about ten lines: Python with
// OpenCV DNN (ONNX) or torch (TorchScript), JavaScript with TensorFlow.js (TF.js). The Python
// examples take the photo as their first argument and print "class: probability" lines; the
// tests run them. Starts with kExportReadmeMarker, which tells an earlier export's README
// (replaceable) from a user's file (never replaced).
QString exportReadme(const ExportReadmeInfo& info);

constexpr const char* kExportReadmeMarker = "<!-- transferlab-export -->";

}  // namespace tl
