// SPDX-License-Identifier: MIT
#include "models/LabelNextController.h"

#include <QUndoStack>

#include "commands/RelabelCommand.h"
#include "inspection/SuggestionJob.h"
#include "jobs/JobManager.h"
#include "models/InspectionController.h"
#include "project/Project.h"

namespace tl {

LabelNextController::LabelNextController(Project* project, QUndoStack* undoStack,
                                         InspectionController* inspection, JobManager* jobs,
                                         QObject* parent)
    : QObject(parent),
      project_(project),
      undoStack_(undoStack),
      inspection_(inspection),
      jobs_(jobs) {}

bool LabelNextController::start(QString* error) {
    if (!inspection_->hasReport()) {
        if (error) {
            *error = tr("Check the labels first: Label next uses the inspection's features.");
        }
        return false;
    }
    labelled_ = 0;
    sinceRetrain_ = 0;
    skipped_.clear();
    return retrain(error);
}

const Suggestion* LabelNextController::currentSuggestion() const {
    return current_.isEmpty() ? nullptr : &currentSuggestion_;
}

bool LabelNextController::isCandidate(const QString& path) const {
    const int row = project_->rowOf(path);
    return row >= 0 && project_->image(row).label < 0 && !project_->image(row).excluded &&
           !skipped_.contains(path);
}

int LabelNextController::remainingUnlabeled() const {
    int count = 0;
    for (const QString& path : inspection_->paths()) {
        count += isCandidate(path) ? 1 : 0;
    }
    return count;
}

// Trains a head on the photos labelled now (their inspection embeddings) and ranks the
// unlabeled ones.
bool LabelNextController::retrain(QString* error) {
    if (job_) {
        return true;  // the running one will refresh the queue
    }
    const InspectionReport& report = inspection_->report();
    std::vector<std::size_t> labelledRows, poolRows;
    std::vector<int> labels;
    for (std::size_t i = 0; i < report.images.size(); ++i) {
        const QString path = inspection_->pathOf(i);
        const int row = project_->rowOf(path);
        if (row < 0 || project_->image(row).excluded) {
            continue;
        }
        if (project_->image(row).label >= 0) {
            labelledRows.push_back(i);
            labels.push_back(project_->image(row).label);
        } else if (isCandidate(path) && path != current_) {
            poolRows.push_back(i);
        }
    }
    auto job = std::make_unique<SuggestionJob>(
        report.embeddings.rows(labelledRows), labels, project_->classCount(),
        report.embeddings.rows(poolRows), kQueueSize, project_->settings());
    SuggestionJob* raw = job.get();
    connect(raw, &Job::finished, this, [this, raw, poolRows](bool ok, const QString& message) {
        job_.clear();
        emit retrainingChanged(false);
        if (!ok) {
            if (!raw->wasCanceled()) {
                emit failed(message);
            }
            return;
        }
        queue_.clear();
        for (Suggestion suggestion : raw->suggestions()) {
            suggestion.index = poolRows[suggestion.index];
            queue_.push_back(std::move(suggestion));
        }
        if (current_.isEmpty() || !isCandidate(current_)) {
            advance();
        }
    });
    job_ = raw;
    jobs_->submit(std::move(job));
    emit retrainingChanged(true);
    Q_UNUSED(error);
    return true;
}

void LabelNextController::advance() {
    while (!queue_.empty()) {
        Suggestion next = queue_.front();
        queue_.erase(queue_.begin());
        const QString path = inspection_->pathOf(next.index);
        if (isCandidate(path)) {
            current_ = path;
            currentSuggestion_ = std::move(next);
            emit currentChanged(current_);
            return;
        }
    }
    current_.clear();
    emit currentChanged(current_);
    if (remainingUnlabeled() > 0) {
        retrain(nullptr);
    }
}

void LabelNextController::label(int classIndex) {
    if (current_.isEmpty() || classIndex < 0 || classIndex >= project_->classCount()) {
        return;
    }
    undoStack_->push(new RelabelCommand(project_, {current_}, classIndex));
    ++labelled_;
    if (++sinceRetrain_ >= retrainEvery_) {
        sinceRetrain_ = 0;
        retrain(nullptr);
    }
    advance();
}

void LabelNextController::skip() {
    if (!current_.isEmpty()) {
        skipped_.insert(current_);
        advance();
    }
}

}  // namespace tl
