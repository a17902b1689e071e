// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include <vector>

#include "inspection/Suggestion.h"

class QUndoStack;

namespace tl {

class InspectionController;
class JobManager;
class Project;
class SuggestionJob;

// "Label next": one suggested unlabeled photo at a time. Suggestions come from a head trained
// on the inspection's embeddings of the photos labelled so far (SuggestionJob: uncertainty
// mixed with diversity); after every few labels the head is retrained in the background
// (about a second, no image is decoded) and the queue is replaced, while the user goes on.
class LabelNextController : public QObject {
    Q_OBJECT
public:
    static constexpr int kQueueSize = 20;

    LabelNextController(Project* project, QUndoStack* undoStack, InspectionController* inspection,
                        JobManager* jobs, QObject* parent = nullptr);

    // Needs the inspection's report (its embeddings). False with *error otherwise.
    bool start(QString* error = nullptr);
    void setRetrainEvery(int labels) { retrainEvery_ = qMax(1, labels); }
    int retrainEvery() const { return retrainEvery_; }

    QString currentPath() const { return current_; }
    // The current photo's suggestion (the model's guess and how unsure it is).
    const Suggestion* currentSuggestion() const;
    int labelledCount() const { return labelled_; }
    int remainingUnlabeled() const;
    bool isRetraining() const { return !job_.isNull(); }

    // Labels the current photo (undoable) and moves on.
    void label(int classIndex);
    void skip();

signals:
    void currentChanged(const QString& path);
    void retrainingChanged(bool running);
    void failed(const QString& error);

private:
    bool retrain(QString* error);
    void advance();
    bool isCandidate(const QString& path) const;

    Project* project_;
    QUndoStack* undoStack_;
    InspectionController* inspection_;
    JobManager* jobs_;
    QPointer<SuggestionJob> job_;
    std::vector<Suggestion> queue_;  // Suggestion::index is a report image
    QString current_;
    Suggestion currentSuggestion_;
    QSet<QString> skipped_;
    int labelled_ = 0;
    int sinceRetrain_ = 0;
    int retrainEvery_ = 5;
};

}  // namespace tl
