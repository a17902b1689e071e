// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "data/ImageFolderDataset.h"
#include "inspection/Explanation.h"
#include "jobs/Job.h"

namespace tl {

class TrainedModel;

// Grad-CAM heat-maps of photos with a trained model (`transferlab-cli explain`, the heat-map
// overlays in the GUI), optionally writing "<name>-cam.png" overlays into a folder.
// Unreadable photos are skipped and listed; an overlay that would replace a file TransferLab
// did not write is refused and listed, the others are still written.
class GradCamJob : public Job {
    Q_OBJECT
public:
    // targetClass -1: explain each photo's predicted class.
    GradCamJob(std::shared_ptr<const TrainedModel> model, std::vector<std::filesystem::path> images,
               int targetClass = -1, std::filesystem::path overlayFolder = {},
               QObject* parent = nullptr);
    ~GradCamJob() override;

    const std::vector<Explanation>& explanations() const { return explanations_; }
    const std::vector<SkippedFile>& skipped() const { return skipped_; }
    const std::vector<std::filesystem::path>& overlays() const { return overlays_; }
    const std::vector<SkippedFile>& overlayErrors() const { return overlayErrors_; }

    // "<stem>-cam.png"; occurrence 2, 3, ... ("<stem>-2-cam.png") for later photos whose name
    // was taken in the same run.
    static std::filesystem::path overlayName(const std::filesystem::path& image, int occurrence);

protected:
    void run() override;

private:
    std::shared_ptr<const TrainedModel> model_;
    std::vector<std::filesystem::path> images_;
    int targetClass_;
    std::filesystem::path overlayFolder_;
    std::vector<Explanation> explanations_;
    std::vector<SkippedFile> skipped_;
    std::vector<std::filesystem::path> overlays_;
    std::vector<SkippedFile> overlayErrors_;
};

}  // namespace tl
