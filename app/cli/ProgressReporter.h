// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <chrono>
#include <cstdio>
#include <functional>

namespace tl {
class Job;
}

namespace cli {

// Where users wait, show it: the progress of every phase that lasts more than a second, on
// stderr. On a terminal a bar redrawn in place, with the count, the rate and the time left;
// when stderr is a file or a pipe, a plain line every 10%. Phases that end within a second
// print nothing; a longer one without progress reports says how long it took when it ends.
// watch(job) follows a job's phases and progress; code without a job calls phase() and progress()
// itself. Log lines the job emits are kept clear of the bar (watch() before connecting anything
// else to logMessage; see TrainingRun.cpp).
//
// A progress detail of the form "N of M unit" (e.g. "1200 of 20000 images") gives the rate in
// units per second; any other detail ("Epoch 3/50") is shown as it is.
class ProgressReporter {
public:
    enum class Style { Auto, Bar, Lines, Off };

    // `showAfterSeconds`: how long a phase runs before it shows anything (tests shorten it).
    explicit ProgressReporter(Style style = Style::Auto, std::FILE* stream = stderr,
                              double showAfterSeconds = 1.0);
    ~ProgressReporter();
    ProgressReporter(const ProgressReporter&) = delete;
    ProgressReporter& operator=(const ProgressReporter&) = delete;

    void watch(tl::Job& job);
    void phase(const QString& text);
    void progress(double fraction, const QString& detail = {});
    // A (done, total) callback for code that counts, e.g. FeatureExtractor::extract:
    // progress(done / total, "done of total unit").
    std::function<void(size_t, size_t)> counter(const QString& unit);
    // Ends the current phase: its final line when anything was shown.
    void finish();
    // Erases a bar drawn on the current line, before other text goes to the stream.
    void clearLine();

    Style style() const { return style_; }
    // Auto resolved: Bar on a terminal, Lines otherwise.
    static Style styleFor(std::FILE* stream);
    // "1:05", "59 s", "2:03:10": short durations for the time left.
    static QString formatDuration(double seconds);

private:
    using Clock = std::chrono::steady_clock;
    struct Count {
        bool valid = false;
        double done = 0, total = 0;
        QString unit;
    };
    static Count parseCount(const QString& detail);
    QString describe(bool final) const;
    void draw(bool final);
    void write(const QString& text);
    double elapsedSeconds() const;

    Style style_;
    std::FILE* stream_;
    double showAfter_;
    QString phase_;
    Clock::time_point phaseStart_;
    Clock::time_point lastDraw_;
    double fraction_ = 0;
    QString detail_;
    Count count_;
    double startDone_ = -1;  // the count when the phase's progress began (a resumed phase)
    bool shown_ = false;     // something was printed for this phase
    bool barOnLine_ = false;
    int lastDecile_ = 0;
};

}  // namespace cli
