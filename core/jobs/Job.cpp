// SPDX-License-Identifier: MIT
#include "jobs/Job.h"

#include <stdexcept>

#include "support/CrashPoint.h"

namespace tl {

Job::Job(JobWeight weight, QObject* parent) : QObject(parent), weight_(weight) {}

Job::~Job() = default;

void Job::claim(JobStatus next) {
    JobStatus expected = JobStatus::Ready;
    if (!status_.compare_exchange_strong(expected, next)) {
        throw std::logic_error("a job runs once: create a new job to run it again");
    }
}

bool Job::execute() {
    claim(JobStatus::Running);
    runToEnd();
    emitFinished();
    return status() == JobStatus::Succeeded;
}

void Job::runToEnd() {
    status_ = JobStatus::Running;
    try {
        throwIfCanceled();
        run();
        throwIfCanceled();
        status_ = JobStatus::Succeeded;
    } catch (const JobCanceled&) {
        status_ = JobStatus::Canceled;
    } catch (const std::exception& e) {
        error_.kind = kindOf(e);
        error_.message = QString::fromStdString(oneLineMessage(e));
        if (const auto* own = dynamic_cast<const Error*>(&e)) {
            error_.path = QString::fromStdU16String(own->path().u16string());
        }
        error_.exception = std::current_exception();
        status_ = JobStatus::Failed;
    } catch (...) {
        error_.message = tr("Unknown error");
        error_.exception = std::current_exception();
        status_ = JobStatus::Failed;
    }
}

void Job::emitFinished() {
    emit finished(status() == JobStatus::Succeeded, errorMessage());
}

QString Job::errorMessage() const {
    switch (status()) {
        case JobStatus::Failed:
            return error_.message;
        case JobStatus::Canceled:
            return tr("Canceled");
        default:
            return {};
    }
}

void Job::cancel() {
    canceled_.store(true);
}

void Job::setPhase(const QString& phase, const QString& text) {
    crashPoint(("phase:" + phase).toStdString());
    emit phaseChanged(phase, text);
}

void Job::setProgress(double fraction, const QString& detail) {
    emit progressChanged(qBound(0.0, fraction, 1.0), detail);
}

void Job::log(const QString& line) {
    emit logMessage(line);
}

void Job::throwIfCanceled() const {
    if (isCanceled()) {
        throw JobCanceled();
    }
}

}  // namespace tl
