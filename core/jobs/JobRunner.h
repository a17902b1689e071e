// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>
#include <QThread>

#include <memory>

#include "jobs/Job.h"

namespace tl {

// Runs one Job in a dedicated worker thread. The runner owns the thread; the job stays
// owned by the caller and must outlive the run (wait() or finished() tell when it ends).
// Destroying the runner cancels the job and joins the thread, so nothing outlives its owner.
class JobRunner : public QObject {
    Q_OBJECT
public:
    explicit JobRunner(QObject* parent = nullptr);
    ~JobRunner() override;

    // Starts job->execute() in the worker thread. Returns false if a job is still running.
    bool start(Job* job);
    bool isRunning() const;
    void cancel();
    // Blocks until the current job has finished (for tests and the command line).
    void wait();

signals:
    void jobFinished(bool ok, const QString& errorMessage);

private:
    std::unique_ptr<QThread> thread_;
    QPointer<Job> job_;  // guarded: the caller may delete a finished job
};

}  // namespace tl
