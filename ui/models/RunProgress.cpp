// SPDX-License-Identifier: MIT
#include "models/RunProgress.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <memory>

namespace tl {

namespace {

const QString kLoading = QStringLiteral("loading-backbone");
const QString kExtracting = QStringLiteral("extracting-features");
const QString kTraining = QStringLiteral("training");
const QString kFineTuning = QStringLiteral("fine-tuning");

// Until measured: a frozen MobileNetV2 forward pass per photo on a laptop CPU, and the head's
// cost per sample and epoch. Only used for phases that have not started yet.
constexpr double kDefaultSecondsPerPhoto = 0.02;
constexpr double kDefaultHeadSecondsPerSample = 2e-4;
// Fine-tuning runs the unfrozen blocks forwards and backwards: about three forward passes.
constexpr double kFineTuneCostPerForward = 3.0;
// Faster than this, features came from the cache and say nothing about the network's speed.
constexpr double kCacheSecondsPerPhoto = 0.002;

}  // namespace

RunProgress::RunProgress(QObject* parent) : QObject(parent) {
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    clock_ = [timer] { return timer->nsecsElapsed() / 1e9; };
}

void RunProgress::start(const TrainingSettings& settings, int photoCount) {
    running_ = true;
    phase_ = kLoading;
    phaseFraction_ = 0;
    runStart_ = phaseStart_ = now();
    photos_ = std::max(0, photoCount);
    trainPhotos_ = static_cast<int>(std::lround(photos_ * (1.0 - settings.validationFraction)));
    views_ = settings.augmentation.enabled ? std::max(1, settings.augmentation.viewsPerImage) : 1;
    headEpochs_ = std::max(0, settings.epochs);
    fineTuneEpochs_ = settings.fineTuneBlocks > 0 ? std::max(0, settings.fineTuneEpochs) : 0;
    headEpochsDone_ = fineTuneEpochsDone_ = 0;
    batch_ = batchesPerEpoch_ = phaseBatches_ = 0;
    extractionSeconds_ = headSecondsPerBatch_ = fineTuneSecondsPerBatch_ = -1;
    emit changed();
}

void RunProgress::setPhase(const QString& phaseId) {
    if (phaseId == phase_) {
        return;
    }
    if (phase_ == kExtracting) {
        extractionSeconds_ = now() - phaseStart_;
    }
    phase_ = phaseId;
    phaseFraction_ = 0;
    phaseStart_ = now();
    phaseBatches_ = 0;
    batch_ = 0;
    emit changed();
}

void RunProgress::setPhaseFraction(double fraction) {
    phaseFraction_ = std::clamp(fraction, 0.0, 1.0);
    emit changed();
}

void RunProgress::addBatch(const BatchMetrics& metrics) {
    batch_ = metrics.batch;
    batchesPerEpoch_ = std::max(1, metrics.batchesPerEpoch);
    ++phaseBatches_;
    const double perBatch = (now() - phaseStart_) / phaseBatches_;
    if (phase_ == kFineTuning) {
        fineTuneSecondsPerBatch_ = perBatch;
    } else {
        headSecondsPerBatch_ = perBatch;
    }
    emit changed();
}

void RunProgress::addEpoch(const EpochMetrics& metrics) {
    if (metrics.fineTuning) {
        ++fineTuneEpochsDone_;
    } else {
        headEpochsDone_ = std::max(headEpochsDone_, metrics.epoch);
    }
    batch_ = 0;
    emit changed();
}

void RunProgress::finish() {
    running_ = false;
    emit changed();
}

QString RunProgress::phaseText() const {
    if (phase_ == kLoading) {
        return tr("Loading the backbone");
    }
    if (phase_ == kExtracting) {
        return tr("Extracting features");
    }
    if (phase_ == kTraining) {
        return tr("Training the classifier");
    }
    if (phase_ == kFineTuning) {
        return tr("Fine-tuning the backbone");
    }
    if (phase_ == QLatin1String("choosing-recipe")) {
        return tr("Choosing the recipe by cross-validation");
    }
    if (phase_ == QLatin1String("cross-validating")) {
        return tr("Cross-validating the classifier");
    }
    if (phase_ == QLatin1String("evaluating")) {
        return tr("Measuring on the validation photos");
    }
    if (phase_ == QLatin1String("saving")) {
        return tr("Saving the model");
    }
    return phase_;
}

QString RunProgress::countText() const {
    if (phase_ == kExtracting && photos_ > 0) {
        const int done = static_cast<int>(std::lround(phaseFraction_ * photos_));
        return tr("%1 of %2 photos").arg(done).arg(photos_);
    }
    if (phase_ == kTraining && headEpochs_ > 0) {
        return tr("Epoch %1 of %2")
            .arg(std::min(headEpochs_, headEpochsDone_ + (batch_ > 0 ? 1 : 0)))
            .arg(headEpochs_);
    }
    if (phase_ == kFineTuning && fineTuneEpochs_ > 0) {
        return tr("Epoch %1 of %2")
            .arg(std::min(fineTuneEpochs_, fineTuneEpochsDone_ + (batch_ > 0 ? 1 : 0)))
            .arg(fineTuneEpochs_);
    }
    return {};
}

double RunProgress::secondsPerPhoto() const {
    const double measured = extractionSeconds_ > 0 && photos_ > 0 ? extractionSeconds_ / photos_
                            : phase_ == kExtracting && phaseFraction_ > 0.05
                                ? (now() - phaseStart_) / (phaseFraction_ * photos_)
                                : -1;
    return measured > kCacheSecondsPerPhoto ? measured : kDefaultSecondsPerPhoto;
}

double RunProgress::extractionSecondsLeft() const {
    if (phase_ == kLoading) {
        return photos_ * secondsPerPhoto();
    }
    if (phase_ != kExtracting) {
        return 0;
    }
    if (phaseFraction_ < 0.02) {
        return -1;  // too early to tell
    }
    const double spent = now() - phaseStart_;
    return spent * (1.0 - phaseFraction_) / phaseFraction_;
}

double RunProgress::headSecondsLeft() const {
    const int epochsLeft = headEpochs_ - headEpochsDone_;
    if (epochsLeft <= 0 || phase_ == kFineTuning) {
        return 0;
    }
    if (phase_ == kTraining && headSecondsPerBatch_ > 0 && batchesPerEpoch_ > 0) {
        const int batchesLeft = epochsLeft * batchesPerEpoch_ - batch_;
        return std::max(0, batchesLeft) * headSecondsPerBatch_;
    }
    return epochsLeft * double(trainPhotos_) * views_ * kDefaultHeadSecondsPerSample;
}

double RunProgress::fineTuneSecondsLeft() const {
    const int epochsLeft = fineTuneEpochs_ - fineTuneEpochsDone_;
    if (epochsLeft <= 0) {
        return 0;
    }
    if (phase_ == kFineTuning && fineTuneSecondsPerBatch_ > 0 && batchesPerEpoch_ > 0) {
        const int batchesLeft = epochsLeft * batchesPerEpoch_ - batch_;
        return std::max(0, batchesLeft) * fineTuneSecondsPerBatch_;
    }
    // Each epoch runs the base over the training photos, and re-embeds the validation ones.
    const int validationPhotos = photos_ - trainPhotos_;
    return epochsLeft * secondsPerPhoto() *
           (kFineTuneCostPerForward * trainPhotos_ + validationPhotos);
}

double RunProgress::secondsLeft() const {
    if (!running_) {
        return 0;
    }
    const double extraction = extractionSecondsLeft();
    if (extraction < 0) {
        return -1;
    }
    return extraction + headSecondsLeft() + fineTuneSecondsLeft();
}

double RunProgress::secondsElapsed() const {
    return running_ || runStart_ > 0 ? now() - runStart_ : 0;
}

double RunProgress::overallFraction() const {
    if (!running_) {
        return runStart_ > 0 ? 1.0 : 0.0;
    }
    const double left = secondsLeft();
    if (left < 0) {
        return 0.0;
    }
    const double elapsed = secondsElapsed();
    return elapsed + left > 0 ? elapsed / (elapsed + left) : 0.0;
}

QString RunProgress::estimateText() const {
    const double left = secondsLeft();
    if (left < 0) {
        return tr("Estimating the time left…");
    }
    return tr("About %1 left").arg(formatDuration(std::max(1.0, left)));
}

QString RunProgress::formatDuration(double seconds) {
    if (seconds < 0) {
        return tr("–");
    }
    const int s = static_cast<int>(seconds + 0.5);
    return s >= 3600 ? tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60)
           : s >= 60 ? tr("%1 min %2 s").arg(s / 60).arg(s % 60)
                     : tr("%1 s").arg(s);
}

}  // namespace tl
