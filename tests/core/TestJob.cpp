// SPDX-License-Identifier: MIT
// The job protocol: a job runs once, has a status, keeps its error's kind, and the JobManager
// owns it, delivers finished() on its own thread only after the run has ended, runs one
// compute job at a time, and can be destroyed or waited for at any moment.
#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <stdexcept>

#include "jobs/Job.h"
#include "jobs/JobManager.h"
#include "support/ComputeThreads.h"

using namespace tl;

namespace {

// Counts until canceled or until `limit` steps, so tests can exercise every outcome.
class CountingJob : public Job {
public:
    explicit CountingJob(int limit = 1000000, JobWeight weight = JobWeight::Light)
        : Job(weight), limit(limit) {}
    const int limit;
    bool failAtEnd = false;
    std::atomic<int> steps{0};
    std::atomic<int> computeThreadsSeen{0};
    std::atomic<bool>* concurrentFlag = nullptr;  // set while a compute job runs
    std::atomic<bool>* overlapSeen = nullptr;

protected:
    void run() override {
        if (weight() == JobWeight::Compute) {
            computeThreadsSeen = ComputeThreads::effectiveInThisThread();
        }
        if (concurrentFlag && concurrentFlag->exchange(true) && overlapSeen) {
            *overlapSeen = true;
        }
        setPhase("counting", "Counting");
        for (int i = 0; i < limit; ++i) {
            throwIfCanceled();
            steps = i + 1;
            setProgress(double(i + 1) / limit);
            QThread::usleep(100);
        }
        if (concurrentFlag) {
            *concurrentFlag = false;
        }
        if (failAtEnd) {
            throw FileSystemError("disk full", "/tmp/out");
        }
    }
};

// Records what a job's finished() saw, since the manager deletes the job right after it.
struct Outcome {
    int calls = 0;
    bool ok = false;
    JobStatus status = JobStatus::Ready;
    int steps = 0;
    QThread* thread = nullptr;
};

Job* submitWatched(JobManager& manager, std::unique_ptr<CountingJob> job, Outcome& outcome) {
    CountingJob* raw = job.get();
    QObject::connect(raw, &Job::finished, &manager, [&outcome, raw](bool ok) {
        ++outcome.calls;
        outcome.ok = ok;
        outcome.status = raw->status();
        outcome.steps = raw->steps;
        outcome.thread = QThread::currentThread();
    });
    return manager.submit(std::move(job));
}

}  // namespace

class TestJob : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { ComputeThreads::configure(2); }

    void successReportsProgressAndFinishedOnce() {
        CountingJob job(10);
        QSignalSpy progress(&job, &Job::progressChanged);
        QSignalSpy phases(&job, &Job::phaseChanged);
        QSignalSpy finished(&job, &Job::finished);
        QVERIFY(job.execute());
        QCOMPARE(progress.count(), 10);
        QCOMPARE(progress.last().at(0).toDouble(), 1.0);
        QCOMPARE(phases.first().at(0).toString(), QString("counting"));  // the identifier
        QCOMPARE(phases.first().at(1).toString(), QString("Counting"));  // the display text
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).toBool(), true);
        QCOMPARE(job.status(), JobStatus::Succeeded);
        QVERIFY(job.errorMessage().isEmpty());
    }

    void errorsKeepTheirKindAndPath() {
        CountingJob job(3);
        job.failAtEnd = true;
        QVERIFY(!job.execute());
        QCOMPARE(job.status(), JobStatus::Failed);
        QCOMPARE(job.errorMessage(), QString("disk full"));
        QCOMPARE(job.error().kind, ErrorKind::FileSystem);
        QCOMPARE(job.error().path, QString("/tmp/out"));
        QVERIFY(job.error().exception);
        QVERIFY_THROWS_EXCEPTION(FileSystemError, std::rethrow_exception(job.error().exception));
        QVERIFY(!job.wasCanceled());
    }

    void aJobRunsOnce() {
        CountingJob job(1);
        QVERIFY(job.execute());
        QVERIFY_THROWS_EXCEPTION(std::logic_error, job.execute());
        JobManager manager;
        auto submitted = std::make_unique<CountingJob>(1);
        QVERIFY(submitted->execute());
        QVERIFY_THROWS_EXCEPTION(std::logic_error, manager.submit(std::move(submitted)));
    }

    // A cancelled job is never reused: the re-run is a new job, which must not start out
    // cancelled (a shared flag once made every re-run cancel at once).
    void cancelThenRerunWithANewJob() {
        JobManager manager;
        Outcome first, second;
        Job* job = submitWatched(manager, std::make_unique<CountingJob>(), first);
        QTRY_VERIFY(static_cast<CountingJob*>(job)->steps > 5);
        job->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(manager.isIdle(), 2000);
        QCOMPARE(first.status, JobStatus::Canceled);
        submitWatched(manager, std::make_unique<CountingJob>(20), second);
        QTRY_VERIFY_WITH_TIMEOUT(manager.isIdle(), 5000);
        QCOMPARE(second.status, JobStatus::Succeeded);
    }

    void cancelFromAnotherThreadStopsPromptly() {
        JobManager manager;
        Outcome outcome;
        Job* job = submitWatched(manager, std::make_unique<CountingJob>(), outcome);
        QTRY_VERIFY(static_cast<CountingJob*>(job)->steps > 5);
        QElapsedTimer timer;
        timer.start();
        job->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(outcome.calls == 1, 2000);
        QVERIFY(timer.elapsed() < 1000);
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.status, JobStatus::Canceled);
    }

    // The manager stays busy until finished() has been delivered, on its own thread, and only
    // then deletes the job: a caller never sees "not running" with a finish still in flight.
    void finishedIsDeliveredOnTheManagersThreadBeforeTheJobGoes() {
        JobManager manager;
        Outcome outcome;
        QPointer<Job> job = submitWatched(manager, std::make_unique<CountingJob>(5), outcome);
        QVERIFY(!manager.isIdle());
        while (static_cast<CountingJob*>(job.data())->steps < 5) {
            QThread::msleep(1);  // no event processing: nothing can be delivered meanwhile
        }
        QThread::msleep(50);  // the worker has ended; the finish is queued, not yet delivered
        QVERIFY(!manager.isIdle());
        QCOMPARE(outcome.calls, 0);
        QTRY_VERIFY(manager.isIdle());
        QCOMPARE(outcome.calls, 1);
        QCOMPARE(outcome.thread, QThread::currentThread());
        QVERIFY(job.isNull());  // deleted right after its finished()
    }

    // The old race: a second job started right after the first's worker ended received the
    // first's finish. Each job's finished() must reach only its own receivers, once.
    void aFinishArrivingAfterANewStartGoesToItsOwnJob() {
        JobManager manager;
        Outcome first, second;
        submitWatched(manager, std::make_unique<CountingJob>(1), first);
        QThread::msleep(30);  // first run has ended; its finish is still queued
        submitWatched(manager, std::make_unique<CountingJob>(2000), second);
        QTRY_VERIFY(first.calls == 1);
        QCOMPARE(first.status, JobStatus::Succeeded);
        QCOMPARE(second.calls, 0);
        QTRY_VERIFY_WITH_TIMEOUT(manager.isIdle(), 10000);
        QCOMPARE(second.calls, 1);
    }

    void computeJobsRunOneAtATimeAndLightOnesBeside() {
        JobManager manager;
        std::atomic<bool> computeRunning{false}, overlap{false};
        Outcome a, b, light;
        for (Outcome* outcome : {&a, &b}) {
            auto job = std::make_unique<CountingJob>(3000, JobWeight::Compute);
            job->concurrentFlag = &computeRunning;
            job->overlapSeen = &overlap;
            submitWatched(manager, std::move(job), *outcome);
        }
        submitWatched(manager, std::make_unique<CountingJob>(10), light);
        QTRY_VERIFY_WITH_TIMEOUT(light.calls == 1, 5000);
        QCOMPARE(b.calls, 0);  // still queued or running behind a
        QTRY_VERIFY_WITH_TIMEOUT(manager.isIdle(), 20000);
        QVERIFY(!overlap);
        QCOMPARE(a.status, JobStatus::Succeeded);
        QCOMPARE(b.status, JobStatus::Succeeded);
    }

    void aCancelledQueuedJobNeverRuns() {
        JobManager manager;
        Outcome running, queued;
        submitWatched(manager, std::make_unique<CountingJob>(1000000, JobWeight::Compute), running);
        Job* waiting =
            submitWatched(manager, std::make_unique<CountingJob>(10, JobWeight::Compute), queued);
        QCOMPARE(waiting->status(), JobStatus::Queued);
        waiting->cancel();
        manager.cancelAll();
        QTRY_VERIFY_WITH_TIMEOUT(manager.isIdle(), 5000);
        QCOMPARE(queued.status, JobStatus::Canceled);
        QCOMPARE(queued.steps, 0);
        QCOMPARE(running.status, JobStatus::Canceled);
    }

    // libgomp keeps the thread count per thread: a worker must compute with the count
    // configured once at start-up, not LibTorch's default.
    void computeWorkersUseTheConfiguredThreadCount() {
        JobManager manager;
        auto job = std::make_unique<CountingJob>(1, JobWeight::Compute);
        CountingJob* raw = job.get();
        int seen = 0;
        connect(raw, &Job::finished, this, [&seen, raw] { seen = raw->computeThreadsSeen; });
        manager.submit(std::move(job));
        QTRY_VERIFY(manager.isIdle());
        QCOMPARE(seen, 2);
        QCOMPARE(ComputeThreads::count(), 2);
    }

    // The command line has no event loop: waitForAll() must deliver every finish itself.
    void waitForAllNeedsNoEventLoop() {
        JobManager manager;
        Outcome a, b, c;
        submitWatched(manager, std::make_unique<CountingJob>(50, JobWeight::Compute), a);
        submitWatched(manager, std::make_unique<CountingJob>(50, JobWeight::Compute), b);
        submitWatched(manager, std::make_unique<CountingJob>(50), c);
        manager.waitForAll();  // no QTRY, no processEvents
        QVERIFY(manager.isIdle());
        QCOMPARE(a.calls + b.calls + c.calls, 3);
        QCOMPARE(b.status, JobStatus::Succeeded);
        QCoreApplication::processEvents();  // late notifications find nothing to deliver
        QCOMPARE(a.calls + b.calls + c.calls, 3);
    }

    void destroyingTheManagerWhileRunningCancelsJoinsAndDeletes() {
        Outcome outcome;
        QPointer<Job> job;
        QElapsedTimer timer;
        {
            JobManager manager;
            job = submitWatched(manager, std::make_unique<CountingJob>(), outcome);
            QTRY_VERIFY(static_cast<CountingJob*>(job.data())->steps > 5);
            timer.start();
        }
        QVERIFY(timer.elapsed() < 1000);
        QVERIFY(job.isNull());
        QCOMPARE(outcome.calls, 0);  // no finish after the manager is gone
        QCoreApplication::processEvents();
        QCOMPARE(outcome.calls, 0);
    }
};

QTEST_GUILESS_MAIN(TestJob)
#include "TestJob.moc"
