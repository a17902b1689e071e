// SPDX-License-Identifier: MIT
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <stdexcept>

#include "jobs/Job.h"
#include "jobs/JobRunner.h"

using namespace tl;

namespace {

// Counts until canceled or until `limit` steps, so tests can exercise every outcome.
class CountingJob : public Job {
public:
    int limit = 1000000;
    bool failAtEnd = false;
    std::atomic<int> steps{0};

protected:
    void run() override {
        setPhase("counting");
        for (int i = 0; i < limit; ++i) {
            throwIfCanceled();
            steps = i + 1;
            setProgress(double(i + 1) / limit);
            QThread::usleep(100);
        }
        if (failAtEnd) {
            throw std::runtime_error("disk full");
        }
    }
};

}  // namespace

class TestJob : public QObject {
    Q_OBJECT
private slots:
    void successReportsProgressAndFinishedOnce() {
        CountingJob job;
        job.limit = 10;
        QSignalSpy progress(&job, &Job::progressChanged);
        QSignalSpy finished(&job, &Job::finished);
        QVERIFY(job.execute());
        QCOMPARE(progress.count(), 10);
        QCOMPARE(progress.last().at(0).toDouble(), 1.0);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(finished.first().at(0).toBool(), true);
        QVERIFY(job.errorMessage().isEmpty());
    }

    void exceptionBecomesErrorMessage() {
        CountingJob job;
        job.limit = 3;
        job.failAtEnd = true;
        QVERIFY(!job.execute());
        QCOMPARE(job.errorMessage(), QString("disk full"));
        QVERIFY(!job.wasCanceled());
    }

    void cancelFromAnotherThreadStopsPromptly() {
        CountingJob job;
        JobRunner runner;
        QSignalSpy finished(&runner, &JobRunner::jobFinished);
        QVERIFY(runner.start(&job));
        QTRY_VERIFY(job.steps > 5);
        QElapsedTimer timer;
        timer.start();
        runner.cancel();
        QVERIFY(finished.wait(2000));
        QVERIFY(timer.elapsed() < 1000);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QVERIFY(job.wasCanceled());
        QVERIFY(job.steps < job.limit);
    }

    void runnerRefusesSecondJobWhileBusy() {
        CountingJob first;
        CountingJob second;
        JobRunner runner;
        QVERIFY(runner.start(&first));
        QVERIFY(!runner.start(&second));
        runner.cancel();
        runner.wait();
        QVERIFY(!runner.isRunning());
        second.limit = 2;
        QVERIFY(runner.start(&second));
        runner.wait();
        QCOMPARE(second.steps.load(), 2);
    }
};

QTEST_GUILESS_MAIN(TestJob)
#include "TestJob.moc"
