// SPDX-License-Identifier: MIT
#include "inspection/GradCamJob.h"

#include <set>

#include "data/ImageDecoder.h"
#include "inspection/GradCam.h"
#include "inspection/HeatmapOverlay.h"
#include "support/Errors.h"
#include "training/TrainedModel.h"

namespace tl {

namespace fs = std::filesystem;

GradCamJob::GradCamJob(std::shared_ptr<const TrainedModel> model, std::vector<fs::path> images,
                       int targetClass, fs::path overlayFolder, QObject* parent)
    : Job(JobWeight::Compute, parent),
      model_(std::move(model)),
      images_(std::move(images)),
      targetClass_(targetClass),
      overlayFolder_(std::move(overlayFolder)) {}

GradCamJob::~GradCamJob() = default;

fs::path GradCamJob::overlayName(const fs::path& image, int occurrence) {
    const std::string stem = image.stem().u8string();
    return fs::u8path(occurrence <= 1 ? stem + "-cam.png"
                                      : stem + "-" + std::to_string(occurrence) + "-cam.png");
}

void GradCamJob::run() {
    if (!model_ || !model_->backbone || !model_->head) {
        throw Error(ErrorKind::InvalidInput,
                    tr("No model: train one or load a saved model").toStdString());
    }
    const int classes = static_cast<int>(model_->classNames.size());
    if (targetClass_ >= classes) {
        throw Error(ErrorKind::InvalidInput,
                    "class index " + std::to_string(targetClass_) + " out of range for this model");
    }
    if (!overlayFolder_.empty()) {
        std::error_code ec;
        fs::create_directories(overlayFolder_, ec);
        if (!fs::is_directory(overlayFolder_)) {
            throw Error(ErrorKind::FileSystem,
                        "cannot create the folder '" + overlayFolder_.u8string() + "'",
                        overlayFolder_);
        }
    }
    setPhase(QStringLiteral("explaining"), tr("Computing heat-maps"));
    const GradCam gradCam(model_->backbone, model_->head);
    std::set<fs::path> used;  // overlay names given in this run
    for (size_t i = 0; i < images_.size(); ++i) {
        throwIfCanceled();
        const fs::path& path = images_[i];
        cv::Mat rgb;
        try {
            rgb = ImageDecoder::decodeFull(path);
        } catch (const DecodeError& error) {
            skipped_.push_back({path, error.reason()});
            continue;
        }
        Explanation explanation = gradCam.explain(rgb, targetClass_);
        explanation.image = path;
        if (!overlayFolder_.empty()) {
            int occurrence = 1;
            while (used.count(overlayName(path, occurrence))) {
                ++occurrence;
            }
            used.insert(overlayName(path, occurrence));
            const fs::path file = overlayFolder_ / overlayName(path, occurrence);
            try {
                HeatmapOverlay::writePng(file, HeatmapOverlay::render(rgb, explanation.heatmap));
                overlays_.push_back(file);
            } catch (const Error& error) {
                overlayErrors_.push_back({file, error.what()});
                log(QString::fromStdString(error.what()));
            }
        }
        explanations_.push_back(std::move(explanation));
        setProgress(double(i + 1) / images_.size(),
                    tr("%1 of %2 photos").arg(i + 1).arg(images_.size()));
    }
}

}  // namespace tl
