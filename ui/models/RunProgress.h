// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

#include <functional>

#include "training/TrainingHistory.h"
#include "training/TrainingSettings.h"

namespace tl {

// One progress model for a whole training run, fed by the job's phase, progress, batch and
// epoch signals. Each phase counts in its own unit ("120 of 327 photos", "epoch 12 of 50",
// "fine-tuning epoch 2 of 5"); the estimate covers the whole run, not the current phase:
// phases not reached yet are estimated from what has been measured (photos per second of the
// feature extraction, seconds per batch), so it never says "0 s left" with fine-tuning ahead.
class RunProgress : public QObject {
    Q_OBJECT
public:
    using Clock = std::function<double()>;  // seconds, monotonic

    explicit RunProgress(QObject* parent = nullptr);
    // For tests: a clock that does not run by itself.
    void setClock(Clock clock) { clock_ = std::move(clock); }

    // A run starts: what it will do.
    void start(const TrainingSettings& settings, int photoCount);
    void setPhase(const QString& phaseId);
    void setPhaseFraction(double fraction);
    void addBatch(const BatchMetrics& metrics);
    void addEpoch(const EpochMetrics& metrics);
    void finish();

    bool isRunning() const { return running_; }
    QString phaseId() const { return phase_; }
    // "Extracting features", "Training the classifier", ...
    QString phaseText() const;
    // The phase's own count: "120 of 327 photos", "Epoch 12 of 50", ...
    QString countText() const;
    // Of the whole run, in [0, 1].
    double overallFraction() const;
    // Whole-run estimate; -1 while nothing has been measured yet.
    double secondsLeft() const;
    double secondsElapsed() const;
    // "About 1 min 20 s left" / "Estimating the time left…"
    QString estimateText() const;
    int headEpochsDone() const { return headEpochsDone_; }
    int fineTuneEpochsDone() const { return fineTuneEpochsDone_; }

    static QString formatDuration(double seconds);

signals:
    void changed();

private:
    double now() const { return clock_(); }
    double extractionSecondsLeft() const;
    double headSecondsLeft() const;
    double fineTuneSecondsLeft() const;
    double secondsPerPhoto() const;

    Clock clock_;
    bool running_ = false;
    QString phase_;
    double phaseFraction_ = 0;
    double runStart_ = 0, phaseStart_ = 0;
    int photos_ = 0, trainPhotos_ = 0, views_ = 1;
    int headEpochs_ = 0, fineTuneEpochs_ = 0;
    int headEpochsDone_ = 0, fineTuneEpochsDone_ = 0;
    int batch_ = 0, batchesPerEpoch_ = 0;
    double extractionSeconds_ = -1;  // measured once the phase is over
    double headSecondsPerBatch_ = -1, fineTuneSecondsPerBatch_ = -1;
    int phaseBatches_ = 0;  // batches seen in the current phase
};

}  // namespace tl
