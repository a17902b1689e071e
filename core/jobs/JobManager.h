// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

#include <memory>
#include <vector>

#include "jobs/Job.h"

class QThread;

namespace tl {

// Owns and runs jobs in worker threads, like QGIS's QgsTaskManager. For each job it:
// - starts it at once, or queues it while another compute job (LibTorch) runs: one at a
//   time, so they never fight over the cores; light jobs (downloads) run beside them;
// - delivers the job's finished() on the manager's thread once the run has ended, and only
//   then counts the job as done and deletes it. So a caller never sees a job "not running"
//   whose finish is still in flight, and a new job never receives an old job's finish.
// Receivers of a job's signals must live in the manager's thread (the GUI thread). A job
// pointer returned by submit() stays valid until its finished() has returned.
class JobManager : public QObject {
    Q_OBJECT
public:
    explicit JobManager(QObject* parent = nullptr);
    // Cancels every job, waits for the running ones to stop and deletes them all, without
    // delivering their finished().
    ~JobManager() override;

    // Takes ownership and starts or queues the job. Throws std::logic_error for a job that
    // was started before (a job runs once).
    Job* submit(std::unique_ptr<Job> job);
    // Jobs submitted and not yet done (queued, running, or awaiting their finished()).
    int activeCount() const { return static_cast<int>(entries_.size()); }
    bool isIdle() const { return entries_.empty(); }
    void cancelAll();
    // Blocks until every job (queued ones included) has ended, delivering each finished() as
    // its job ends: for shutdown, tests and the command line. Needs no event loop, so it
    // cannot deadlock waiting for one.
    void waitForAll();

signals:
    // After the job's own finished(), just before it is deleted.
    void jobFinished(tl::Job* job);
    void idleChanged(bool idle);

private:
    struct Entry;
    void startReadyJobs();
    void startThread(Entry& entry);
    // By id, not by pointer: a late notification must not reach a new job at the same address.
    void onRunEnded(quint64 id);
    void deliver(quint64 id);
    bool computeJobRunning() const;

    std::vector<std::unique_ptr<Entry>> entries_;  // in submission order
    quint64 nextId_ = 1;
};

}  // namespace tl
