// SPDX-License-Identifier: MIT
#include "jobs/JobManager.h"

#include <QThread>

#include <algorithm>

#include "support/ComputeThreads.h"

namespace tl {

struct JobManager::Entry {
    quint64 id = 0;
    std::unique_ptr<Job> job;
    std::unique_ptr<QThread> thread;
    bool runEnded = false;
};

JobManager::JobManager(QObject* parent) : QObject(parent) {}

JobManager::~JobManager() {
    cancelAll();
    for (auto& entry : entries_) {
        if (entry->thread) {
            entry->thread->wait();
        }
    }
    entries_.clear();
}

Job* JobManager::submit(std::unique_ptr<Job> job) {
    job->claim(JobStatus::Queued);
    Job* raw = job.get();
    const bool wasIdle = isIdle();
    auto entry = std::make_unique<Entry>();
    entry->id = nextId_++;
    entry->job = std::move(job);
    entries_.push_back(std::move(entry));
    if (wasIdle) {
        emit idleChanged(false);
    }
    startReadyJobs();
    return raw;
}

void JobManager::cancelAll() {
    for (auto& entry : entries_) {
        entry->job->cancel();
    }
}

bool JobManager::computeJobRunning() const {
    return std::any_of(entries_.begin(), entries_.end(), [](const auto& entry) {
        return entry->thread && !entry->runEnded && entry->job->weight() == JobWeight::Compute;
    });
}

void JobManager::startReadyJobs() {
    for (size_t i = 0; i < entries_.size(); ++i) {
        Entry& entry = *entries_[i];
        if (entry.thread || entry.runEnded) {
            continue;
        }
        if (entry.job->isCanceled()) {
            // Canceled while queued: it ends without ever running.
            entry.job->runToEnd();
            entry.runEnded = true;
            QMetaObject::invokeMethod(
                this, [this, id = entry.id] { deliver(id); }, Qt::QueuedConnection);
            continue;
        }
        if (entry.job->weight() == JobWeight::Compute && computeJobRunning()) {
            continue;  // waits for the running compute job
        }
        startThread(entry);
    }
}

void JobManager::startThread(Entry& entry) {
    Job* job = entry.job.get();
    entry.thread.reset(QThread::create([this, job, id = entry.id] {
        if (job->weight() == JobWeight::Compute) {
            ComputeThreads::applyToThisThread();
        }
        job->runToEnd();
        // Back on the manager's thread; dropped if the manager is gone by then.
        QMetaObject::invokeMethod(
            this, [this, id] { onRunEnded(id); }, Qt::QueuedConnection);
    }));
    entry.thread->start();
}

void JobManager::onRunEnded(quint64 id) {
    for (auto& entry : entries_) {
        if (entry->id == id) {
            entry->runEnded = true;
            deliver(id);
            return;
        }
    }
}

void JobManager::deliver(quint64 id) {
    auto it = std::find_if(entries_.begin(), entries_.end(),
                           [id](const auto& entry) { return entry->id == id; });
    if (it == entries_.end() || !(*it)->runEnded) {
        return;  // already delivered (waitForAll) or not ended yet
    }
    std::unique_ptr<Entry> entry = std::move(*it);
    entries_.erase(it);
    if (entry->thread) {
        entry->thread->wait();  // its function has returned or is about to
    }
    Job* job = entry->job.get();
    job->emitFinished();
    emit jobFinished(job);
    entry.reset();
    startReadyJobs();
    if (isIdle()) {
        emit idleChanged(true);
    }
}

void JobManager::waitForAll() {
    while (!entries_.empty()) {
        startReadyJobs();
        auto ended = std::find_if(entries_.begin(), entries_.end(),
                                  [](const auto& entry) { return entry->runEnded; });
        if (ended != entries_.end()) {
            deliver((*ended)->id);
            continue;
        }
        auto started = std::find_if(entries_.begin(), entries_.end(),
                                    [](const auto& entry) { return entry->thread != nullptr; });
        if (started == entries_.end()) {
            return;  // cannot happen: a queued job always has a running job ahead of it
        }
        (*started)->thread->wait();
        (*started)->runEnded = true;
        deliver((*started)->id);
    }
}

}  // namespace tl
