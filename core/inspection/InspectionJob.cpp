// SPDX-License-Identifier: MIT
#include "inspection/InspectionJob.h"

#include <QElapsedTimer>

#include <set>

#include "backbones/BackboneLoader.h"
#include "inspection/LabelIssueFinder.h"
#include "inspection/NearDuplicateFinder.h"
#include "inspection/OutlierFinder.h"
#include "inspection/PcaProjection.h"
#include "inspection/TensorConversions.h"
#include "support/Errors.h"
#include "training/FeatureExtractor.h"

namespace tl {

namespace fs = std::filesystem;

namespace {

bool straddles(const DuplicateGroup& group, const std::vector<InspectedImage>& images) {
    std::set<Subset> sides;
    for (std::size_t i : group.images) {
        if (images[i].label >= 0) {
            sides.insert(images[i].subset);
        }
    }
    return sides.size() > 1;
}

}  // namespace

InspectionJob::InspectionJob(InspectionRequest request, QObject* parent)
    : BackboneJob(JobWeight::Compute, parent), request_(std::move(request)) {}

InspectionJob::~InspectionJob() = default;

void InspectionJob::run() {
    const TrainingSettings& settings = request_.settings;
    const int classes = static_cast<int>(request_.classNames.size());
    for (const InspectedImage& image : request_.images) {
        if (image.label >= classes) {
            throw Error(ErrorKind::InvalidInput, "label " + std::to_string(image.label) +
                                                     " out of range for '" + image.path.u8string() +
                                                     "'");
        }
    }
    if (request_.images.empty()) {
        throw DatasetError("there are no photos to inspect");
    }
    setPhase(QStringLiteral("loading-backbone"), tr("Loading backbone"));
    LoadedBackbone backbone = loadReportingBackbone(settings.backbone, settings.inputSize);
    throwIfCanceled();

    setPhase(QStringLiteral("extracting-features"), tr("Extracting features"));
    QElapsedTimer timer;
    timer.start();
    FeatureCache cache;
    if (settings.featureCache) {
        cache = FeatureCache(settings.cacheDirectory.empty() ? FeatureCache::defaultFolder()
                                                             : fs::u8path(settings.cacheDirectory));
    }
    FeatureExtractor extractor(backbone, AugmentationSettings{}, settings.seed, cache,
                               settings.batchSize);
    std::vector<fs::path> paths;
    for (const InspectedImage& image : request_.images) {
        paths.push_back(image.path);
    }
    const auto extracted = extractor.extract(
        paths, 1, false,
        [this](size_t done, size_t total) {
            setProgress(double(done) / total, tr("%1 of %2 photos").arg(done).arg(total));
        },
        [this] { throwIfCanceled(); });
    report_.classNames = request_.classNames;
    report_.skipped = extracted.skipped;
    for (const auto& file : extracted.skipped) {
        log(tr("Skipped %1: %2")
                .arg(QString::fromStdU16String(file.path.u16string()),
                     QString::fromStdString(file.reason)));
    }
    for (size_t index : extracted.kept) {
        report_.images.push_back(request_.images[index]);
    }
    if (report_.images.empty()) {
        throw DatasetError("none of the photos could be read");
    }
    const torch::Tensor features = extracted.features.select(1, 0).contiguous();
    report_.embeddings = TensorConversions::toTable(features);
    log(tr("Features of %1 photos in %2 s (%3 from the cache)")
            .arg(report_.images.size())
            .arg(timer.elapsed() / 1000.0, 0, 'f', 1)
            .arg(extracted.cacheHits));
    const auto cancel = [this] { throwIfCanceled(); };

    setPhase(QStringLiteral("finding-duplicates"), tr("Finding near-duplicates"));
    const NearDuplicateFinder duplicates(request_.duplicateThreshold > 0
                                             ? request_.duplicateThreshold
                                             : NearDuplicateFinder::kDefaultThreshold);
    report_.duplicateThreshold = duplicates.threshold();
    report_.duplicates = duplicates.find(features, cancel);
    for (DuplicateGroup& group : report_.duplicates) {
        group.straddlesSplit = straddles(group, report_.images);
    }

    setPhase(QStringLiteral("cross-validating"), tr("Checking labels"));
    std::vector<int64_t> labelledRows, labels;
    for (size_t i = 0; i < report_.images.size(); ++i) {
        if (report_.images[i].label >= 0) {
            labelledRows.push_back(static_cast<int64_t>(i));
            labels.push_back(report_.images[i].label);
        }
    }
    report_.outOfFold.assign(report_.images.size(), {});
    const std::set<int64_t> presentClasses(labels.begin(), labels.end());
    if (presentClasses.size() >= 2 && labelledRows.size() >= 2) {
        const std::vector<int> allGroups =
            NearDuplicateFinder::groupIds(report_.duplicates, report_.images.size());
        std::vector<int> groups;
        for (int64_t row : labelledRows) {
            groups.push_back(allGroups[static_cast<size_t>(row)]);
        }
        const LabelIssueFinder finder(settings, request_.folds, settings.seed);
        const auto found = finder.find(
            features.index_select(0, torch::tensor(labelledRows)), labels, classes, groups, cancel,
            [this](int done, int total) {
                setProgress(double(done) / total, tr("Fold %1 of %2").arg(done).arg(total));
            });
        report_.folds = std::min<int>(request_.folds, static_cast<int>(labelledRows.size()));
        report_.outOfFoldAccuracy = found.accuracy;
        const torch::Tensor probabilities = found.outOfFold.contiguous();
        for (size_t r = 0; r < labelledRows.size(); ++r) {
            const float* row = probabilities.data_ptr<float>() + r * classes;
            report_.outOfFold[static_cast<size_t>(labelledRows[r])].assign(row, row + classes);
        }
        for (LabelIssue issue : found.issues) {
            issue.image = static_cast<size_t>(labelledRows[issue.image]);
            report_.labelIssues.push_back(issue);
        }
        log(tr("Out-of-fold accuracy %1% over %2 labelled photos; %3 suspected label errors")
                .arg(found.accuracy * 100, 0, 'f', 1)
                .arg(labelledRows.size())
                .arg(report_.labelIssues.size()));
    } else {
        log(tr("Label check skipped: it needs labelled photos of at least two classes"));
    }

    setPhase(QStringLiteral("finding-outliers"), tr("Finding outliers"));
    const OutlierFinder outliers(5, request_.outlierMinimumScore > 0
                                        ? request_.outlierMinimumScore
                                        : OutlierFinder::kDefaultMinimumScore);
    report_.outliers = outliers.find(features, cancel);

    setPhase(QStringLiteral("projecting"), tr("Projecting the map"));
    report_.pca = TensorConversions::toPoints(PcaProjection(2, settings.seed).project(features));
    setProgress(1.0);
}

}  // namespace tl
