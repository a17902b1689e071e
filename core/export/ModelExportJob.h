// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include "export/ModelExporter.h"
#include "jobs/Job.h"

namespace tl {

// Loads a saved model folder and exports it (TorchScript, ONNX or TF.js) in a worker thread,
// so the GUI stays responsive while the backbone is loaded and the files are written.
class ModelExportJob : public Job {
    Q_OBJECT
public:
    ModelExportJob(QString modelFolder, ExportFormat format, QString outputPath,
                   QObject* parent = nullptr);
    ModelExportJob(QString modelFolder, ExportFormat format, QString outputPath,
                   ExportOptions options, QObject* parent = nullptr);
    // Valid after a successful run.
    const ExportResult& result() const { return result_; }

protected:
    void run() override;

private:
    QString modelFolder_;
    ExportFormat format_;
    QString outputPath_;
    ExportOptions options_;
    ExportResult result_;
};

}  // namespace tl
