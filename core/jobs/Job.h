// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <exception>

#include "support/Errors.h"

namespace tl {

enum class JobStatus { Ready, Queued, Running, Succeeded, Failed, Canceled };

// LibTorch jobs (training, extraction, prediction, inspection) run one at a time, so they
// never fight over the cores; light jobs (downloads, imports, file work) run beside them.
enum class JobWeight { Light, Compute };

// Why a job failed, with its kind kept, so that the caller can react per kind.
struct JobError {
    ErrorKind kind = ErrorKind::Internal;
    QString message;  // one line, naming the file and field where it can
    QString path;     // the file or folder concerned, if one
    std::exception_ptr exception;
};

// One abstraction for every long-running task, modelled on QGIS's QgsTask: run() does the
// work in a worker thread, polls throwIfCanceled() and reports through setPhase(),
// setProgress() and log(); finished() comes once at the end, on the thread that started the
// job. A job runs once: to run again, create a new one.
//
// Two ways to run one: JobManager::submit() (the GUI: a worker thread, owned and deleted by
// the manager), or execute() (the command line and tests: in the calling thread).
class Job : public QObject {
    Q_OBJECT
public:
    explicit Job(JobWeight weight = JobWeight::Light, QObject* parent = nullptr);
    ~Job() override;

    // Runs the job in the calling thread and emits finished() there. Returns true on success.
    // Throws std::logic_error when the job has already been started.
    bool execute();

    // Thread-safe; the job stops at its next cancellation point. A queued job never starts.
    void cancel();
    bool isCanceled() const { return canceled_.load(); }

    JobStatus status() const { return status_.load(); }
    JobWeight weight() const { return weight_; }
    bool wasCanceled() const { return status() == JobStatus::Canceled; }
    // Valid once the job has ended: the failure (kind Internal with an empty message when the
    // job succeeded or was canceled).
    const JobError& error() const { return error_; }
    // The failure's message, "Canceled" for a canceled job, empty on success.
    QString errorMessage() const;

signals:
    // `phase` is a stable identifier ("extracting-features"), `text` its translated label.
    void phaseChanged(const QString& phase, const QString& text);
    // fraction in [0, 1] of the current phase; detail is a short human-readable line.
    void progressChanged(double fraction, const QString& detail);
    void logMessage(const QString& line);
    // Once, when the job has ended; ok means it succeeded (see error() otherwise).
    void finished(bool ok, const QString& errorMessage);

protected:
    // Return normally on success; throw on failure (an Error keeps its kind). Throwing
    // JobCanceled, or returning after cancel(), counts as a cancellation.
    virtual void run() = 0;

    // Also a fault-injection point for the crash tests: "phase:<phase>" (support/CrashPoint.h).
    void setPhase(const QString& phase, const QString& text);
    void setProgress(double fraction, const QString& detail = {});
    void log(const QString& line);
    // Throws JobCanceled when cancel() was called: a convenient cancellation point.
    void throwIfCanceled() const;

private:
    friend class JobManager;
    // Ready -> Queued/Running; throws std::logic_error for a job that was started before.
    void claim(JobStatus next);
    // run() with every exception turned into error_; sets the final status.
    void runToEnd();
    void emitFinished();

    const JobWeight weight_;
    std::atomic<bool> canceled_{false};
    std::atomic<JobStatus> status_{JobStatus::Ready};
    JobError error_;
};

// Thrown by Job::throwIfCanceled(); the job then ends as canceled.
struct JobCanceled : std::exception {
    const char* what() const noexcept override { return "Canceled"; }
};

}  // namespace tl
