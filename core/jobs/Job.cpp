// SPDX-License-Identifier: MIT
#include "jobs/Job.h"

#include <exception>

namespace tl {

Job::Job(QObject* parent) : QObject(parent) {}

Job::~Job() = default;

bool Job::execute() {
    errorMessage_.clear();
    wasCanceled_ = false;
    try {
        run();
        if (isCanceled()) {
            throw JobCanceled();
        }
    } catch (const JobCanceled&) {
        wasCanceled_ = true;
        errorMessage_ = tr("Canceled");
    } catch (const std::exception& e) {
        errorMessage_ = QString::fromUtf8(e.what());
    } catch (...) {
        errorMessage_ = tr("Unknown error");
    }
    const bool ok = errorMessage_.isEmpty();
    emit finished(ok, errorMessage_);
    return ok;
}

void Job::cancel() {
    canceled_.store(true);
}

void Job::setPhase(const QString& phase) {
    emit phaseChanged(phase);
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
