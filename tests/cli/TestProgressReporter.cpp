// SPDX-License-Identifier: MIT
// transferlab-cli's progress display: a plain line every 10% when stderr is not a terminal, a
// bar with rate and time left redrawn in place on one, nothing for short phases, log lines
// kept clear of the bar.
#include <QTemporaryFile>
#include <QTest>

#include <cstdio>
#include <thread>

#include "ProgressReporter.h"

using cli::ProgressReporter;

namespace {

// A FILE* whose contents the test reads back.
struct Capture {
    std::FILE* file = std::tmpfile();
    ~Capture() { std::fclose(file); }
    QString text() const {
        std::fflush(file);
        std::rewind(file);
        QByteArray bytes;
        char buffer[4096];
        size_t n;
        while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) {
            bytes.append(buffer, static_cast<qsizetype>(n));
        }
        return QString::fromUtf8(bytes);
    }
};

void sleepMs(int ms) {
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

}  // namespace

class TestProgressReporter : public QObject {
    Q_OBJECT
private slots:
    void linesEveryTenPercentWithRateAndTimeLeft() {
        Capture out;
        {
            ProgressReporter progress(ProgressReporter::Style::Lines, out.file, 0.0);
            progress.phase("Extracting features");
            const auto count = progress.counter("images");
            for (size_t done = 1; done <= 200; ++done) {
                count(done, 200);
            }
            progress.finish();
        }
        const QStringList lines = out.text().split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 10);  // 10%, 20%, ... 90%, then the final line
        QVERIFY2(lines[0].startsWith("Extracting features: 10% (20 of 200 images, "),
                 qPrintable(lines[0]));
        QVERIFY2(lines[0].contains("images/s") && lines[0].contains("left"), qPrintable(lines[0]));
        QVERIFY2(lines[8].startsWith("Extracting features: 90%"), qPrintable(lines[8]));
        QVERIFY2(lines[9].startsWith("Extracting features: 200 images in "), qPrintable(lines[9]));
    }

    void shortPhasesPrintNothingLongOnesSayHowLong() {
        Capture out;
        {
            ProgressReporter progress(ProgressReporter::Style::Lines, out.file, 0.2);
            progress.phase("Quick");
            progress.progress(0.5, "1 of 2 things");
            progress.phase("Slow, without progress");
            sleepMs(250);
            progress.finish();
        }
        const QString text = out.text();
        QVERIFY2(!text.contains("Quick"), qPrintable(text));
        QVERIFY2(text.startsWith("Slow, without progress: done in 0."), qPrintable(text));
    }

    void barIsRedrawnInPlaceAndClearedForOtherOutput() {
        Capture out;
        {
            ProgressReporter progress(ProgressReporter::Style::Bar, out.file, 0.0);
            progress.phase("Training");
            progress.progress(0.25, "Epoch 1/4");
            progress.clearLine();
            std::fputs("a log line\n", out.file);
            sleepMs(120);  // redraws are throttled to 10 per second
            progress.progress(0.5, "Epoch 2/4");
        }
        const QString text = out.text();
        QVERIFY2(text.startsWith("\r\033[KTraining [######..................]  25%  Epoch 1/4"),
                 qPrintable(text));
        QVERIFY2(text.contains("\r\033[Ka log line\n"), qPrintable(text));
        QVERIFY2(text.contains("[############............]  50%  Epoch 2/4"), qPrintable(text));
        QVERIFY2(text.endsWith("Training: done in 0.1 s\n"), qPrintable(text));
    }

    void durations() {
        QCOMPARE(ProgressReporter::formatDuration(42.4), QStringLiteral("42 s"));
        QCOMPARE(ProgressReporter::formatDuration(65), QStringLiteral("1:05"));
        QCOMPARE(ProgressReporter::formatDuration(7384), QStringLiteral("2:03:04"));
    }
};

QTEST_GUILESS_MAIN(TestProgressReporter)
#include "TestProgressReporter.moc"
