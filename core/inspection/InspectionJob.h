// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

#include "backbones/BackboneJob.h"
#include "inspection/InspectionReport.h"
#include "training/TrainingSettings.h"

namespace tl {

// What to inspect: every photo (labelled or not) with its split side, and how.
struct InspectionRequest {
    std::vector<std::string> classNames;
    std::vector<InspectedImage> images;
    // backbone, inputSize, the feature cache and the head's training settings; its seed
    // seeds the folds. Augmentation is not used: the analyses look at the photos themselves.
    TrainingSettings settings = TrainingSettings::recommended();
    int folds = 5;
    double duplicateThreshold = 0;   // 0: NearDuplicateFinder's default
    double outlierMinimumScore = 0;  // 0: OutlierFinder's default
};

// "Check labels" and `transferlab-cli inspect`: extracts (cached) features of every photo, then
// finds likely label errors (k-fold out-of-fold predictions, confident learning),
// near-duplicates and the groups that straddle the split, outliers, and a PCA map. Phases:
// "loading-backbone", "extracting-features", "finding-duplicates", "cross-validating",
// "finding-outliers", "projecting".
class InspectionJob : public BackboneJob {
    Q_OBJECT
public:
    explicit InspectionJob(InspectionRequest request, QObject* parent = nullptr);
    ~InspectionJob() override;

    const InspectionRequest& request() const { return request_; }
    // Valid after a successful run.
    const InspectionReport& report() const { return report_; }
    InspectionReport takeReport() { return std::move(report_); }

protected:
    void run() override;

private:
    InspectionRequest request_;
    InspectionReport report_;
};

}  // namespace tl
