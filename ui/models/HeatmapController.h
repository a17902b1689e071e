// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include "inspection/Explanation.h"

namespace tl {

class GradCamJob;
class JobManager;
class TrainingController;

// Grad-CAM heat-maps for the views (label-issue gallery, misclassified gallery, viewer, Test
// page) with the current model, computed off the UI thread; a new request supersedes the one
// in flight.
class HeatmapController : public QObject {
    Q_OBJECT
public:
    HeatmapController(TrainingController* training, JobManager* jobs, QObject* parent = nullptr);

    bool hasModel() const;
    QStringList classNames() const;
    // targetClass -1: the predicted class. False with *error when there is no model.
    bool request(const QString& path, int targetClass = -1, QString* error = nullptr);
    bool isBusy() const { return !job_.isNull(); }
    // The latest result, for the path ready() named.
    const Explanation& explanation() const { return explanation_; }

signals:
    void ready(const QString& path);
    void failed(const QString& path, const QString& error);
    void modelChanged();

private:
    TrainingController* training_;
    JobManager* jobs_;
    QPointer<GradCamJob> job_;
    Explanation explanation_;
};

}  // namespace tl
