// SPDX-License-Identifier: MIT
#include "jobs/JobRunner.h"

namespace tl {

JobRunner::JobRunner(QObject* parent) : QObject(parent) {}

JobRunner::~JobRunner() {
    cancel();
    wait();
}

bool JobRunner::start(Job* job) {
    if (isRunning()) {
        return false;
    }
    wait();
    if (job_) {
        disconnect(job_, &Job::finished, this, &JobRunner::jobFinished);
    }
    job_ = job;
    thread_.reset(QThread::create([job] { job->execute(); }));
    connect(job, &Job::finished, this, &JobRunner::jobFinished, Qt::QueuedConnection);
    thread_->start();
    return true;
}

bool JobRunner::isRunning() const {
    return thread_ && thread_->isRunning();
}

void JobRunner::cancel() {
    if (job_ && isRunning()) {
        job_->cancel();
    }
}

void JobRunner::wait() {
    if (thread_) {
        thread_->wait();
        thread_.reset();
    }
}

}  // namespace tl
