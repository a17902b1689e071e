// SPDX-License-Identifier: MIT
#include "training/HeadTrainer.h"

#include <QElapsedTimer>

#include <limits>
#include <numeric>
#include <random>

#include "nn/ClassifierHead.h"
#include "support/ComputeThreads.h"

namespace tl {

namespace {

torch::Tensor inverseFrequencyWeights(const torch::Tensor& labels, int classes) {
    const auto counts = torch::bincount(labels, {}, classes).to(torch::kFloat32).clamp_min(1);
    return labels.numel() / (classes * counts);
}

std::vector<torch::Tensor> cloneParameters(torch::nn::Module& module) {
    std::vector<torch::Tensor> state;
    for (const auto& parameter : module.parameters()) {
        state.push_back(parameter.detach().clone());
    }
    return state;
}

void restoreParameters(torch::nn::Module& module, const std::vector<torch::Tensor>& state) {
    torch::NoGradGuard noGrad;
    auto parameters = module.parameters();
    for (size_t i = 0; i < parameters.size(); ++i) {
        parameters[i].copy_(state[i]);
    }
}

}  // namespace

FeatureSet FeatureSet::subset(const torch::Tensor& indices) const {
    return {features.index_select(0, indices), labels.index_select(0, indices)};
}

HeadLoss HeadLoss::of(const ClassifierHead& head, const torch::Tensor& logits,
                      const torch::Tensor& labels, const torch::Tensor& classWeights,
                      double labelSmoothing) {
    HeadLoss out;
    if (head.config().isBinary()) {
        auto targets = labels.to(torch::kFloat32);
        if (labelSmoothing > 0) {
            targets = targets * (1 - labelSmoothing) + 0.5 * labelSmoothing;
        }
        const auto flat = logits.reshape({-1});
        auto perSample =
            torch::binary_cross_entropy_with_logits(flat, targets, {}, {}, at::Reduction::None);
        if (classWeights.defined()) {
            perSample = perSample * classWeights.index_select(0, labels);
        }
        out.loss = perSample.mean();
        out.hits = ((flat > 0).to(torch::kInt64) == labels).sum().item<int64_t>();
    } else {
        auto options =
            torch::nn::functional::CrossEntropyFuncOptions().label_smoothing(labelSmoothing);
        if (classWeights.defined()) {
            options = options.weight(classWeights);
        }
        out.loss = torch::nn::functional::cross_entropy(logits, labels, options);
        out.hits = (logits.argmax(1) == labels).sum().item<int64_t>();
    }
    return out;
}

HeadTrainer::HeadTrainer(TrainingSettings settings, int classes)
    : settings_(std::move(settings)), classes_(classes) {}

torch::Tensor HeadTrainer::probabilities(ClassifierHead& head, const torch::Tensor& features) {
    torch::NoGradGuard noGrad;
    head.eval();
    if (features.size(0) == 0) {
        return torch::empty({0, head.config().numClasses});
    }
    return head.probabilities(head.forward(features.select(1, 0)));
}

HeadTrainer::Result HeadTrainer::train(const FeatureSet& train,
                                       const FeatureSet& validation) const {
    torch::manual_seed(settings_.seed);  // initial weights and dropout masks
    HeadConfig config;
    config.inputFeatures = train.features.size(2);
    config.hiddenUnits = settings_.hiddenUnits;
    config.numClasses = classes_;
    config.dropout = settings_.dropout;
    auto head = std::make_shared<ClassifierHead>(config);

    std::unique_ptr<torch::optim::Optimizer> optimizer;
    if (settings_.weightDecay > 0) {
        optimizer = std::make_unique<torch::optim::AdamW>(
            head->parameters(),
            torch::optim::AdamWOptions(settings_.learningRate).weight_decay(settings_.weightDecay));
    } else {
        optimizer = std::make_unique<torch::optim::Adam>(
            head->parameters(), torch::optim::AdamOptions(settings_.learningRate));
    }
    const torch::Tensor classWeights =
        settings_.classWeights ? inverseFrequencyWeights(train.labels, classes_) : torch::Tensor();

    const int64_t count = train.size();
    const int64_t views = train.features.size(1);
    const int64_t batchSize = std::max(1, settings_.batchSize);
    const int batches = static_cast<int>((count + batchSize - 1) / batchSize);
    std::mt19937_64 rng(settings_.seed);
    const bool validate = validation.size() > 0;
    const torch::Tensor validationInputs =
        validate ? validation.features.select(1, 0) : torch::Tensor();

    // Tensors of one batch are tiny ([32, 1280]): a second OpenMP thread woken for each of the
    // hundred operations of a step costs more than it saves (1.4 s -> 0.3 s for 50 epochs).
    const ComputeThreads::OneThreadScope oneThread;
    // One view: rows are gathered from a 2-D [n, channels] view with index_select.
    const torch::Tensor singleView = views == 1 ? train.features.select(1, 0) : torch::Tensor();

    Result result;
    double bestValidationLoss = std::numeric_limits<double>::infinity();
    std::vector<torch::Tensor> bestState;
    int epochsWithoutImprovement = 0;
    std::vector<int64_t> order(count);

    for (int epoch = 1; epoch <= settings_.epochs; ++epoch) {
        QElapsedTimer timer;
        timer.start();
        head->train();
        std::iota(order.begin(), order.end(), 0);
        std::shuffle(order.begin(), order.end(), rng);
        double lossSum = 0;
        int64_t hits = 0, seen = 0;
        for (int batch = 0; batch < batches; ++batch) {
            if (cancelCheck_) {
                cancelCheck_();
            }
            const int64_t begin = batch * batchSize;
            const int64_t end = std::min(count, begin + batchSize);
            std::vector<int64_t> rows(order.begin() + begin, order.begin() + end);
            std::vector<int64_t> viewIndex(rows.size());
            for (auto& view : viewIndex) {
                view = std::uniform_int_distribution<int64_t>(0, views - 1)(rng);
            }
            const auto rowTensor =
                torch::from_blob(rows.data(), {static_cast<int64_t>(rows.size())}, torch::kInt64);
            const auto x =
                views == 1
                    ? singleView.index_select(0, rowTensor)
                    : train.features.index(
                          {rowTensor, torch::from_blob(viewIndex.data(),
                                                       {static_cast<int64_t>(viewIndex.size())},
                                                       torch::kInt64)});
            const auto y = train.labels.index_select(0, rowTensor);
            optimizer->zero_grad();
            const HeadLoss loss =
                HeadLoss::of(*head, head->forward(x), y, classWeights, settings_.labelSmoothing);
            loss.loss.backward();
            optimizer->step();
            lossSum += loss.loss.item<double>() * static_cast<double>(rows.size());
            hits += loss.hits;
            seen += static_cast<int64_t>(rows.size());
            if (onBatch_) {
                onBatch_({epoch, batch + 1, batches, lossSum / seen, double(hits) / seen});
            }
        }
        EpochMetrics metrics;
        metrics.epoch = epoch;
        metrics.loss = seen ? lossSum / seen : 0.0;
        metrics.accuracy = seen ? double(hits) / seen : 0.0;
        if (validate) {
            torch::NoGradGuard noGrad;
            head->eval();
            const HeadLoss loss =
                HeadLoss::of(*head, head->forward(validationInputs), validation.labels, {}, 0.0);
            metrics.validationLoss = loss.loss.item<double>();
            metrics.validationAccuracy = double(loss.hits) / validation.size();
        }
        metrics.seconds = timer.elapsed() / 1000.0;
        result.history.push_back(metrics);
        if (onEpoch_) {
            onEpoch_(metrics);
        }
        const bool trackBest = (settings_.earlyStoppingPatience > 0 || stopCheck_) && validate;
        if (trackBest && metrics.validationLoss < bestValidationLoss) {
            bestValidationLoss = metrics.validationLoss;
            bestState = cloneParameters(*head);
            epochsWithoutImprovement = 0;
        } else if (settings_.earlyStoppingPatience > 0 && validate &&
                   ++epochsWithoutImprovement >= settings_.earlyStoppingPatience) {
            result.stoppedEarlyAfter = epoch;
            break;
        }
        if (stopCheck_ && stopCheck_()) {
            result.stoppedOnRequest = true;
            break;
        }
    }
    // Without early stopping or a stop request the recipe keeps the last epoch's head.
    if (!bestState.empty() && (settings_.earlyStoppingPatience > 0 || result.stoppedOnRequest)) {
        restoreParameters(*head, bestState);
    }
    head->eval();
    result.head = head;
    return result;
}

}  // namespace tl
