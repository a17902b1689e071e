// SPDX-License-Identifier: MIT
#include "export/ModelExportJob.h"

#include "training/TrainedModel.h"

namespace tl {

ModelExportJob::ModelExportJob(QString modelFolder, ExportFormat format, QString outputPath,
                               QObject* parent)
    : ModelExportJob(std::move(modelFolder), format, std::move(outputPath), ExportOptions{},
                     parent) {}

ModelExportJob::ModelExportJob(QString modelFolder, ExportFormat format, QString outputPath,
                               ExportOptions options, QObject* parent)
    : Job(JobWeight::Compute, parent),
      modelFolder_(std::move(modelFolder)),
      format_(format),
      outputPath_(std::move(outputPath)),
      options_(options) {}

void ModelExportJob::run() {
    setPhase(QStringLiteral("loading-model"), tr("Loading the model"));
    const TrainedModel model =
        TrainedModel::load(std::filesystem::path(modelFolder_.toStdU16String()));
    throwIfCanceled();
    setPhase(QStringLiteral("exporting"), tr("Exporting"));
    result_ =
        exportModel(model, format_, std::filesystem::path(outputPath_.toStdU16String()), options_);
    log(tr("Exported %1").arg(QString::fromStdU16String(result_.model.u16string())));
}

}  // namespace tl
