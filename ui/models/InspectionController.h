// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <vector>

#include "inspection/InspectionReport.h"
#include "jobs/Job.h"

namespace tl {

class InspectionJob;
class JobManager;
class Project;
class ProjectionJob;

// Runs "Check labels" (InspectionJob) over every photo of the project on the window's
// JobManager and keeps the report for the inspection views: suspected label errors,
// near-duplicates, outliers, the map (PCA at once, t-SNE on demand, off the UI thread) and
// the embeddings "Label next" retrains from.
class InspectionController : public QObject {
    Q_OBJECT
public:
    InspectionController(Project* project, JobManager* jobs, QObject* parent = nullptr);
    ~InspectionController() override;

    // Starts an inspection of every photo that is not excluded. Returns false with *error set
    // when it cannot start (no backbone chosen, no photos, one already running).
    bool inspect(QString* error = nullptr);
    // Starts the t-SNE layout of the report's photos; false when there is no report or it runs.
    bool computeTsne();
    void cancel();
    bool isBusy() const { return !inspection_.isNull() || !projection_.isNull(); }

    bool hasReport() const { return !report_.images.empty(); }
    const InspectionReport& report() const { return report_; }
    // The project path of a report image, and back (-1 when the photo was not inspected).
    QString pathOf(std::size_t image) const { return paths_.value(static_cast<int>(image)); }
    int imageOf(const QString& path) const { return imageOfPath_.value(path, -1); }
    const QStringList& paths() const { return paths_; }
    const std::vector<float>& tsnePoints() const { return tsne_; }

signals:
    void busyChanged(bool busy);
    void phaseChanged(const QString& text);
    void progressChanged(double fraction, const QString& detail);
    void logMessage(const QString& line);
    void inspectionFinished(bool ok, const QString& error);
    void reportChanged();
    void tsneFinished(bool ok, const QString& error);

private:
    void track(Job* job);
    void setReport(InspectionReport report);

    Project* project_;
    JobManager* jobs_;
    QPointer<InspectionJob> inspection_;
    QPointer<ProjectionJob> projection_;
    InspectionReport report_;
    QStringList paths_;
    QHash<QString, int> imageOfPath_;
    std::vector<float> tsne_;
};

}  // namespace tl
