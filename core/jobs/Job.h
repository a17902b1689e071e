// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

#include <atomic>

namespace tl {

// One abstraction for every long-running task (training, downloads, imports), modelled on
// QGIS's QgsTask: the caller runs execute() in a worker thread; run() polls isCanceled()
// and reports through setProgress()/setPhase(); finished() is emitted once at the end.
// Signals cross threads as queued connections, so receivers on the UI thread are safe.
class Job : public QObject {
    Q_OBJECT
public:
    explicit Job(QObject* parent = nullptr);
    ~Job() override;

    // Runs the job synchronously in the calling thread. Returns true on success.
    bool execute();

    // Thread-safe; the job stops at its next cancellation point.
    void cancel();
    bool isCanceled() const { return canceled_.load(); }

    // Valid after execute(): why the job failed (empty on success, "Canceled" on cancel).
    QString errorMessage() const { return errorMessage_; }
    bool wasCanceled() const { return wasCanceled_; }

signals:
    void phaseChanged(const QString& phase);
    // fraction in [0, 1] of the current phase; detail is a short human-readable line.
    void progressChanged(double fraction, const QString& detail);
    void logMessage(const QString& line);
    void finished(bool ok, const QString& errorMessage);

protected:
    // Return normally on success; throw (any std::exception) on failure. Throwing
    // JobCanceled or returning after cancel() counts as a cancellation.
    virtual void run() = 0;

    void setPhase(const QString& phase);
    void setProgress(double fraction, const QString& detail = {});
    void log(const QString& line);
    // Throws JobCanceled when cancel() was called: a convenient cancellation point.
    void throwIfCanceled() const;

private:
    std::atomic<bool> canceled_{false};
    QString errorMessage_;
    bool wasCanceled_ = false;
};

// Thrown by Job::throwIfCanceled(); execute() turns it into a canceled result.
struct JobCanceled : std::exception {
    const char* what() const noexcept override { return "Canceled"; }
};

}  // namespace tl
