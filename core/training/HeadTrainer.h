// SPDX-License-Identifier: MIT
#pragma once

#include <functional>
#include <memory>

#include "support/TorchInclude.h"
#include "training/TrainingHistory.h"
#include "training/TrainingSettings.h"

namespace tl {

class ClassifierHead;

// Labelled features in memory, as the head trains on them.
struct FeatureSet {
    torch::Tensor features;  // [n, views, channels] float32; view 0 is the unaugmented photo
    torch::Tensor labels;    // [n] int64

    int64_t size() const { return features.defined() ? features.size(0) : 0; }
    // The rows `indices` of both tensors.
    FeatureSet subset(const torch::Tensor& indices) const;
};

// Trains the classifier head of the frozen-base recipe on features already in memory: the
// whole training loop without any image work. The training run, cross-validation, the
// automatic recipe and the label-error finder all train their heads through this class, so
// they train them the same way (Keras's losses, Adam or AdamW, dropout, early stopping).
class HeadTrainer {
public:
    struct Result {
        std::shared_ptr<ClassifierHead> head;  // in eval mode; the best epoch's with early stopping
        TrainingHistory history;
        int stoppedEarlyAfter = 0;      // the epoch early stopping ended at, 0 if it did not
        bool stoppedOnRequest = false;  // the stop check ended training
    };
    using EpochCallback = std::function<void(const EpochMetrics&)>;
    using BatchCallback = std::function<void(const BatchMetrics&)>;
    using CancelCheck = std::function<void()>;  // throws to abort
    using StopCheck = std::function<bool()>;    // true: end after this epoch, keep the head

    // Uses the head settings of `settings`: epochs, learning rate, batch size, dropout,
    // hidden units, weight decay, label smoothing, class weights, early stopping, seed.
    HeadTrainer(TrainingSettings settings, int classes);

    void setCancelCheck(CancelCheck check) { cancelCheck_ = std::move(check); }
    void setEpochCallback(EpochCallback callback) { onEpoch_ = std::move(callback); }
    void setBatchCallback(BatchCallback callback) { onBatch_ = std::move(callback); }
    // Asked after every epoch: a user's "stop and keep the best model so far". The head
    // returned is then the best epoch's (lowest validation loss), or the last one's without
    // validation photos.
    void setStopCheck(StopCheck check) { stopCheck_ = std::move(check); }

    // A new head trained on `train`; validation loss and accuracy after each epoch when
    // `validation` is not empty (and early stopping on it when the settings ask for it).
    Result train(const FeatureSet& train, const FeatureSet& validation = {}) const;

    // Class probabilities [n, classes] of view 0 of `features` ([n, views, channels]).
    static torch::Tensor probabilities(ClassifierHead& head, const torch::Tensor& features);

private:
    TrainingSettings settings_;
    int classes_;
    CancelCheck cancelCheck_;
    EpochCallback onEpoch_;
    BatchCallback onBatch_;
    StopCheck stopCheck_;
};

// Loss and correct predictions for logits, as Keras's binary / categorical cross-entropy
// compute them (shared by the head trainer and fine-tuning).
struct HeadLoss {
    torch::Tensor loss;
    int64_t hits = 0;
    static HeadLoss of(const ClassifierHead& head, const torch::Tensor& logits,
                       const torch::Tensor& labels, const torch::Tensor& classWeights,
                       double labelSmoothing);
};

}  // namespace tl
