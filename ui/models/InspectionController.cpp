// SPDX-License-Identifier: MIT
#include "models/InspectionController.h"

#include "inspection/InspectionJob.h"
#include "inspection/ProjectionJob.h"
#include "jobs/JobManager.h"
#include "project/Project.h"
#include "support/Paths.h"

namespace tl {

InspectionController::InspectionController(Project* project, JobManager* jobs, QObject* parent)
    : QObject(parent), project_(project), jobs_(jobs) {
    // A new project's photos are not the report's: forget it.
    connect(project_, &Project::reset, this, [this] {
        if (!isBusy()) {
            setReport({});
        }
    });
}

InspectionController::~InspectionController() = default;

bool InspectionController::inspect(QString* error) {
    auto fail = [error](const QString& message) {
        if (error) {
            *error = message;
        }
        return false;
    };
    if (isBusy()) {
        return fail(tr("The inspection is already running."));
    }
    InspectionRequest request;
    request.settings = project_->settings();
    if (request.settings.backbone.empty()) {
        return fail(tr("Choose a backbone on the Train page first."));
    }
    for (const QString& name : project_->classNames()) {
        request.classNames.push_back(name.toStdString());
    }
    for (const ProjectImage& image : project_->images()) {
        if (!image.excluded) {
            request.images.push_back(
                {toPath(image.path), image.label,
                 image.label >= 0 ? project_->subsetOf(image.path) : Subset::Training});
        }
    }
    if (request.images.empty()) {
        return fail(tr("Add photos to the project first."));
    }
    auto job = std::make_unique<InspectionJob>(std::move(request));
    InspectionJob* raw = job.get();
    connect(raw, &Job::finished, this, [this, raw](bool ok, const QString& message) {
        inspection_.clear();
        if (ok) {
            setReport(raw->takeReport());
        }
        emit inspectionFinished(ok, raw->wasCanceled() ? QString() : message);
        emit busyChanged(isBusy());
    });
    inspection_ = raw;
    track(raw);
    jobs_->submit(std::move(job));
    emit busyChanged(true);
    return true;
}

bool InspectionController::computeTsne() {
    if (!hasReport() || !projection_.isNull()) {
        return false;
    }
    auto job = std::make_unique<ProjectionJob>(report_.embeddings, ProjectionJob::Method::Tsne,
                                               project_->settings().seed);
    ProjectionJob* raw = job.get();
    connect(raw, &Job::finished, this, [this, raw](bool ok, const QString& message) {
        projection_.clear();
        if (ok && raw->points().size() == 2 * report_.images.size()) {
            tsne_ = raw->points();
        }
        emit tsneFinished(ok, raw->wasCanceled() ? QString() : message);
        emit busyChanged(isBusy());
    });
    projection_ = raw;
    track(raw);
    jobs_->submit(std::move(job));
    emit busyChanged(true);
    return true;
}

void InspectionController::cancel() {
    if (inspection_) {
        inspection_->cancel();
    }
    if (projection_) {
        projection_->cancel();
    }
}

void InspectionController::track(Job* job) {
    connect(job, &Job::phaseChanged, this,
            [this](const QString&, const QString& text) { emit phaseChanged(text); });
    connect(job, &Job::progressChanged, this, &InspectionController::progressChanged);
    connect(job, &Job::logMessage, this, &InspectionController::logMessage);
}

void InspectionController::setReport(InspectionReport report) {
    report_ = std::move(report);
    tsne_.clear();
    paths_.clear();
    imageOfPath_.clear();
    for (std::size_t i = 0; i < report_.images.size(); ++i) {
        paths_.push_back(toQString(report_.images[i].path));
        imageOfPath_.insert(paths_.back(), static_cast<int>(i));
    }
    emit reportChanged();
}

}  // namespace tl
