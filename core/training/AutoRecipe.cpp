// SPDX-License-Identifier: MIT
#include "training/AutoRecipe.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <sstream>

#include "data/TestTimeAugmentation.h"
#include "training/OutOfFoldViews.h"
#include "training/TemperatureScaling.h"

namespace tl {

namespace {

// Each fold trains until its held-out loss has not improved for this many epochs, and at
// most kMaxEpochFactor times the starting recipe's epochs.
constexpr int kPatience = 10;
constexpr int kMaxEpochFactor = 4;
constexpr int kHiddenUnits = 128;

double now() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

std::string seconds(double value) {
    std::ostringstream text;
    text.setf(std::ios::fixed);
    text.precision(1);
    text << value << " s";
    return text.str();
}

std::string fixed(double value, int digits) {
    std::ostringstream text;
    text.setf(std::ios::fixed);
    text.precision(digits);
    text << value;
    return text.str();
}

std::vector<int64_t> toVector(const torch::Tensor& labels) {
    const torch::Tensor values = labels.contiguous();
    return std::vector<int64_t>(values.data_ptr<int64_t>(),
                                values.data_ptr<int64_t>() + values.numel());
}

AugmentationSettings mirrorViews() {
    return testTimeViewSettings(AugmentationSettings::FixedViews::Mirror);
}

// Two binomial standard errors of an accuracy measured on `samples` photos, in photos: the
// noise within which two candidates' error counts do not differ.
double noiseInPhotos(int correct, int samples) {
    if (samples <= 0) {
        return 0.0;
    }
    const double p = double(correct) / samples;
    const double variance = std::max(p * (1 - p), 1.0 / samples);
    return 2 * std::sqrt(variance * samples);
}

}  // namespace

struct AutoRecipe::Candidate {
    std::string stage;
    TrainingSettings settings;  // head, input size and augmentation of the candidate
    std::string views = "photo";
};

struct AutoRecipe::Evaluation {
    AutoRecipeTrial trial;
    TrainingSettings settings;  // with the chosen epochs, early stopping off

    // Lower held-out log-loss (it also weighs how confident each prediction was, so it
    // separates candidates the error count cannot) without losing accuracy beyond noise, or
    // more accurate beyond noise.
    bool beats(const Evaluation& best) const {
        const double noise = noiseInPhotos(best.trial.correct, best.trial.samples);
        const int gained = trial.correct - best.trial.correct;
        if (gained > noise) {
            return true;
        }
        return trial.loss < best.trial.loss && -gained <= noise;
    }
};

AutoRecipe::AutoRecipe(TrainingSettings start, int classes, Sources sources)
    : start_(std::move(start)), classes_(classes), sources_(std::move(sources)) {}

int AutoRecipe::largerSize(int size) {
    return (size * 5 / 4 + 16) / 32 * 32;
}

std::vector<int> AutoRecipe::candidateSizes(int nativeSize) {
    // Small and distant subjects gain from more pixels than the backbone was trained at: on
    // the 327 shared photos, 1.0 @ 288 cross-validates 1.4 points above 224, and 0.35 2 points
    // (bench/README.md).
    const std::vector<int> order =
        nativeSize > 0 ? std::vector<int>{nativeSize, largerSize(nativeSize), 160, 224}
                       : std::vector<int>{160, 224, largerSize(224)};
    std::vector<int> sizes;
    for (int size : order) {
        if (size > 0 && std::find(sizes.begin(), sizes.end(), size) == sizes.end()) {
            sizes.push_back(size);
        }
    }
    return sizes;
}

void AutoRecipe::note(const std::string& line) const {
    if (log_) {
        log_("Automatic recipe: " + line);
    }
}

void AutoRecipe::charge(double seconds) {
    charged_ += seconds;
    if (progress_ && budget_ > 0) {
        progress_(std::min(1.0, charged_ / budget_), "");
    }
}

// Features are charged what computing them costs, cached or not: the same choices either way.
double AutoRecipe::extractionCost(const FeatureRequest& request, bool alsoValidation) {
    const double started = now();
    double cost = sources_.estimateSeconds(request);
    if (alsoValidation && samples_ > 0) {
        cost *= double(samples_ + sources_.validationPhotos) / double(samples_);
    }
    charge(now() - started);  // the estimate itself takes a moment
    return cost;
}

torch::Tensor AutoRecipe::fetch(const FeatureRequest& request, bool alsoValidation) {
    const double cost = extractionCost(request, alsoValidation);
    torch::Tensor features = sources_.features(request);
    charge(cost);
    return features;
}

double AutoRecipe::candidateSeconds(const TrainingSettings& settings) const {
    const int folds = start_.crossValidationFolds;
    const double maxEpochs = kMaxEpochFactor * start_.epochs;
    double epochs = epochsPerFold_ > 0 ? epochsPerFold_ : maxEpochs;
    if (lastLearningRate_ > 0 && settings.learningRate < lastLearningRate_) {
        epochs *= lastLearningRate_ / settings.learningRate;  // slower to converge
    }
    epochs = std::min(epochs, maxEpochs);
    const double perEpoch = secondsPerSampleEpoch_ * double(samples_) * (folds - 1);
    return perEpoch * epochs * (settings.hiddenUnits.empty() ? 1.0 : hiddenLayerFactor_);
}

// Kept back for the end: the final training and the cross-validation of the choice (k + 1
// trainings of a fold's length), and the mirror views test-time augmentation is tried with.
double AutoRecipe::reserve() const {
    const double trainings = secondsPerSampleEpoch_ * double(samples_) *
                             std::max(1.0, epochsPerFold_) * start_.crossValidationFolds;
    return trainings + (mirrorFetched_ ? 0.0 : std::max(0.0, mirrorCost_));
}

bool AutoRecipe::affordable(double cost, const std::string& what) {
    if (charged_ + cost + reserve() <= budget_) {
        return true;
    }
    const std::string line = what + ": left out, it would cost about " + seconds(cost) + " and " +
                             seconds(std::max(0.0, budget_ - charged_ - reserve())) +
                             " of the budget are left";
    report_.skipped.push_back(line);
    note(line);
    return false;
}

AutoRecipe::Evaluation AutoRecipe::evaluate(const Candidate& candidate, const FeatureSet& data) {
    if (cancel_) {
        cancel_();
    }
    const double started = now();
    const int folds = start_.crossValidationFolds;
    TrainingSettings settings = candidate.settings;
    settings.epochs = std::max(1, kMaxEpochFactor * start_.epochs);
    settings.earlyStoppingPatience = kPatience;
    const int64_t n = data.size();

    std::vector<TrainingHistory> curves;
    std::vector<int64_t> heldOutSizes;
    double sampleEpochs = 0;
    for (int fold = 0; fold < folds; ++fold) {
        std::vector<int64_t> trainRows, heldOutRows;
        for (int64_t i = 0; i < n; ++i) {
            (foldOf_[i] == fold ? heldOutRows : trainRows).push_back(i);
        }
        if (trainRows.empty() || heldOutRows.empty()) {
            continue;
        }
        HeadTrainer trainer(settings, classes_);
        trainer.setCancelCheck(cancel_);
        const auto result = trainer.train(data.subset(torch::tensor(trainRows)),
                                          data.subset(torch::tensor(heldOutRows)));
        curves.push_back(result.history);
        heldOutSizes.push_back(static_cast<int64_t>(heldOutRows.size()));
        sampleEpochs += static_cast<double>(result.history.size() * trainRows.size());
    }
    // The epoch with the lowest mean held-out loss, over the epochs every fold reached.
    size_t common = std::numeric_limits<size_t>::max();
    for (const auto& curve : curves) {
        common = std::min(common, curve.size());
    }
    int bestEpoch = 1;
    double bestLoss = std::numeric_limits<double>::infinity();
    for (size_t e = 0; e < common; ++e) {
        double loss = 0;
        for (const auto& curve : curves) {
            loss += curve[e].validationLoss;
        }
        loss /= static_cast<double>(curves.size());
        if (loss < bestLoss) {
            bestLoss = loss;
            bestEpoch = static_cast<int>(e) + 1;
        }
    }
    Evaluation evaluation;
    AutoRecipeTrial& trial = evaluation.trial;
    std::vector<double> accuracy;
    for (size_t f = 0; f < curves.size(); ++f) {
        const double a = curves[f][bestEpoch - 1].validationAccuracy;
        accuracy.push_back(a);
        trial.correct += static_cast<int>(std::lround(a * heldOutSizes[f]));
        trial.samples += static_cast<int>(heldOutSizes[f]);
    }
    trial.accuracyMean = std::accumulate(accuracy.begin(), accuracy.end(), 0.0) /
                         std::max<size_t>(1, accuracy.size());
    double squares = 0;
    for (double a : accuracy) {
        squares += (a - trial.accuracyMean) * (a - trial.accuracyMean);
    }
    trial.accuracySd = accuracy.size() > 1 ? std::sqrt(squares / (accuracy.size() - 1)) : 0.0;
    trial.loss = bestLoss;
    trial.epochs = bestEpoch;
    trial.stage = candidate.stage;
    trial.inputSize = settings.inputSize;
    trial.learningRate = settings.learningRate;
    trial.dropout = settings.dropout;
    trial.weightDecay = settings.weightDecay;
    trial.hiddenUnits = settings.hiddenUnits;
    trial.views = candidate.views;

    // Training speed, for the estimates: seconds per sample and epoch of a plain head.
    const double elapsed = now() - started;
    trial.seconds = elapsed;
    const double perSampleEpoch = elapsed / std::max(1.0, sampleEpochs);
    if (settings.hiddenUnits.empty()) {
        secondsPerSampleEpoch_ = secondsPerSampleEpoch_ > 0
                                     ? (secondsPerSampleEpoch_ + perSampleEpoch) / 2
                                     : perSampleEpoch;
    } else if (secondsPerSampleEpoch_ > 0) {
        hiddenLayerFactor_ = std::max(1.0, perSampleEpoch / secondsPerSampleEpoch_);
    }
    epochsPerFold_ = sampleEpochs / std::max(1.0, (folds - 1.0) * n);
    lastLearningRate_ = settings.learningRate;
    charge(elapsed);

    evaluation.settings = candidate.settings;
    evaluation.settings.epochs = bestEpoch;
    evaluation.settings.earlyStoppingPatience = 0;
    evaluation.settings.automatic = false;
    note(trial.describe() + ": " + std::to_string(trial.correct) + "/" +
         std::to_string(trial.samples) + " out of fold (" + fixed(trial.accuracyMean, 3) + " ± " +
         fixed(trial.accuracySd, 3) + "), held-out loss " + fixed(trial.loss, 4) + ", " +
         seconds(elapsed));
    return evaluation;
}

AutoRecipe::Outcome AutoRecipe::run(const FeatureSet& primary, double primarySeconds) {
    startedAt_ = now();
    const int folds = start_.crossValidationFolds;
    samples_ = primary.size();
    const int64_t n = samples_;
    foldOf_ =
        CrossValidation::assignFolds(toVector(primary.labels), folds, start_.seed, sources_.groups);
    report_ = {};
    report_.ran = true;
    report_.folds = folds;
    report_.nativeInputSize = nativeSize_;
    report_.rule =
        "the lowest mean held-out log-loss, unless it loses accuracy beyond 2 binomial standard "
        "errors (or another candidate gains that much); epochs: the lowest mean held-out loss "
        "over the folds (early stopping, patience " +
        std::to_string(kPatience) +
        "); test-time augmentation: only with more correct out-of-fold predictions";
    report_.budgetRule =
        "features charged what computing them costs (cached or not), head training its time";
    charged_ = primarySeconds;

    TrainingSettings base = start_;
    base.automatic = false;
    base.augmentation.enabled = false;
    base.testTimeAugmentation = TestTimeAugmentation::Off;
    std::vector<Evaluation> tried;
    int best = -1;
    auto consider = [&](Evaluation evaluation) {
        evaluation.trial.kept = best < 0 || evaluation.beats(tried[best]);
        tried.push_back(std::move(evaluation));
        if (tried.back().trial.kept) {
            best = static_cast<int>(tried.size()) - 1;
        }
    };

    // 1. Input size. The first candidate also measures the training speed, which sets the
    // budget: a plain run is every photo's features plus k + 1 trainings of recommended()
    // length.
    std::map<int, FeatureSet> plainAt{{start_.inputSize, primary}};
    consider(evaluate({"input size", base, "photo"}, primary));
    const double headSeconds =
        secondsPerSampleEpoch_ * double(n) * TrainingSettings::recommended().epochs;
    report_.plainRunSeconds = primarySeconds + headSeconds * folds;
    budget_ = start_.automaticBudget * report_.plainRunSeconds;
    report_.budgetSeconds = budget_;
    note("budget " + seconds(budget_) + " (" + fixed(start_.automaticBudget, 1) +
         " x a plain run from scratch of about " + seconds(report_.plainRunSeconds) + ")");
    // Sizes come first and are not held back by the mirror's reserve: on the shared photos a
    // quarter more pixels gained 1.4-2 points out of fold, test-time augmentation 0-1 photo.
    for (int size : candidateSizes(nativeSize_)) {
        if (plainAt.count(size)) {
            continue;
        }
        TrainingSettings candidate = base;
        candidate.inputSize = size;
        const FeatureRequest request{size, {}, 1};
        const double cost = extractionCost(request, true) + candidateSeconds(candidate);
        if (!affordable(cost, std::to_string(size) + " px")) {
            continue;
        }
        plainAt[size] = {fetch(request, true), primary.labels};
        consider(evaluate({"input size", candidate, "photo"}, plainAt[size]));
    }
    const int size = tried[best].settings.inputSize;
    const FeatureSet& photos = plainAt.at(size);
    mirrorCost_ = extractionCost({size, mirrorViews(), 1}, true);

    // 2. The head, one change at a time from the best so far.
    auto headOf = [&](const Evaluation& e) {
        TrainingSettings s = e.settings;
        s.epochs = start_.epochs;
        return s;
    };
    struct Change {
        std::string what;
        std::function<void(TrainingSettings&)> apply;
    };
    const std::vector<Change> changes{
        {"learning rate 0.003", [](TrainingSettings& s) { s.learningRate = 3e-3; }},
        {"dropout 0.5", [](TrainingSettings& s) { s.dropout = 0.5; }},
        {"L2 0.1", [](TrainingSettings& s) { s.weightDecay = 0.1; }},
    };
    for (const auto& change : changes) {
        TrainingSettings candidate = headOf(tried[best]);
        change.apply(candidate);
        if (affordable(candidateSeconds(candidate), change.what)) {
            consider(evaluate({"head", candidate, "photo"}, photos));
        }
    }

    // 3. Training views and the hidden layer: the photo and its mirror (whose features
    // test-time augmentation reuses), one hidden layer, random augmented views.
    FeatureSet training = photos;
    torch::Tensor mirror;
    const FeatureRequest mirrorRequest{size, mirrorViews(), 1};
    {
        TrainingSettings candidate = headOf(tried[best]);
        candidate.augmentation = mirrorViews();
        // The mirror is kept in reserve for test-time augmentation anyway.
        if (affordable(candidateSeconds(candidate), "training on the photo and its mirror")) {
            mirror = fetch(mirrorRequest, true);
            mirrorFetched_ = true;
            const FeatureSet withMirror{torch::cat({photos.features, mirror}, 1), photos.labels};
            const int before = best;
            consider(evaluate({"augmented views", candidate, "photo+mirror"}, withMirror));
            if (best != before) {
                training = withMirror;
            }
        }
    }
    {
        TrainingSettings candidate = headOf(tried[best]);
        candidate.hiddenUnits = {kHiddenUnits};
        if (affordable(candidateSeconds(candidate), "one hidden layer of 128")) {
            consider(evaluate({"head", candidate, tried[best].trial.views}, training));
        }
    }
    {
        TrainingSettings candidate = headOf(tried[best]);
        AugmentationSettings random = start_.augmentation;
        random.enabled = true;
        random.fixedViews = AugmentationSettings::FixedViews::None;
        random.viewsPerImage = std::max(2, random.viewsPerImage);
        candidate.augmentation = random;
        const FeatureRequest request{size, random, random.viewsPerImage};
        const std::string label = "augmented x" + std::to_string(random.viewsPerImage);
        const double cost = extractionCost(request, false) + candidateSeconds(candidate);
        if (affordable(cost, "random augmented views (" + label + ", flip and rotation)")) {
            const FeatureSet augmented{fetch(request, false), photos.labels};
            const int before = best;
            consider(evaluate({"augmented views", candidate, label}, augmented));
            if (best != before) {
                training = augmented;
            }
        }
    }

    // The choice, cross-validated once more on the same folds with its epochs fixed: the same
    // figures (training is deterministic), plus out-of-fold scores and the heads of the folds.
    Outcome outcome;
    outcome.settings = tried[best].settings;
    outcome.training = training;
    {
        const double started = now();
        outcome.crossValidation = CrossValidation::run(outcome.settings, classes_, training, folds,
                                                       start_.seed, sources_.groups, cancel_);
        charge(now() - started);
    }
    outcome.outOfFoldScores = outcome.crossValidation.outOfFoldScores.unsqueeze(1);

    // 4. Test-time augmentation: on only if more out-of-fold predictions come out right.
    int chosen = best;
    auto correctOf = [&](const torch::Tensor& scores) {
        const auto predicted = TemperatureScaling::probabilities(scores, 1.0).argmax(1);
        return static_cast<int>((predicted == photos.labels).sum().item<int64_t>());
    };
    auto testTimeTrial = [&](TestTimeAugmentation mode, const torch::Tensor& scores, double spent) {
        Evaluation evaluation = tried[best];
        evaluation.trial.stage = "test-time augmentation";
        evaluation.trial.testTime = toString(mode);
        evaluation.trial.correct = correctOf(scores);
        evaluation.trial.accuracyMean = double(evaluation.trial.correct) / std::max<int64_t>(1, n);
        evaluation.trial.accuracySd = 0;
        evaluation.trial.loss = TemperatureScaling::negativeLogLikelihood(scores, photos.labels, 1);
        evaluation.trial.seconds = spent;
        evaluation.settings.testTimeAugmentation = mode;
        evaluation.trial.kept = evaluation.trial.correct > tried[chosen].trial.correct;
        note("test-time augmentation " + toString(mode) + ": " +
             std::to_string(evaluation.trial.correct) + "/" + std::to_string(n) +
             " out of fold (without: " + std::to_string(tried[best].trial.correct) + ")");
        tried.push_back(evaluation);
        if (evaluation.trial.kept) {
            chosen = static_cast<int>(tried.size()) - 1;
            outcome.outOfFoldScores = scores;
            outcome.settings.testTimeAugmentation = mode;
        }
    };
    if (mirror.defined() || budget_ - charged_ >= mirrorCost_) {
        const double started = now();
        if (!mirror.defined()) {
            mirror = fetch(mirrorRequest, true);
            mirrorFetched_ = true;
        }
        testTimeTrial(TestTimeAugmentation::Mirror,
                      OutOfFoldViews::scores(outcome.crossValidation, mirror), now() - started);
        const FeatureRequest cropsRequest{
            size, testTimeViewSettings(AugmentationSettings::FixedViews::Crops), 2};
        if (affordable(extractionCost(cropsRequest, true),
                       "test-time augmentation with centre crops")) {
            const double cropsStarted = now();
            const torch::Tensor crops = fetch(cropsRequest, true);
            testTimeTrial(
                TestTimeAugmentation::MirrorAndCrops,
                OutOfFoldViews::scores(outcome.crossValidation, torch::cat({mirror, crops}, 1)),
                now() - cropsStarted);
        }
    } else {
        const std::string line = "test-time augmentation: left out, the budget is spent";
        report_.skipped.push_back(line);
        note(line);
    }
    tried[chosen].trial.kept = true;

    for (const auto& evaluation : tried) {
        report_.trials.push_back(evaluation.trial);
    }
    report_.chosen = chosen;
    const AutoRecipeTrial& winner = tried[chosen].trial;
    report_.reason = winner.describe() + ": " + std::to_string(winner.correct) + " of " +
                     std::to_string(winner.samples) + " training photos right out of fold (" +
                     fixed(double(winner.correct) / std::max(1, winner.samples), 3) +
                     "), held-out loss " + fixed(tried[best].trial.loss, 4) + "; best of " +
                     std::to_string(tried.size()) + " configurations by " + report_.rule;
    report_.costSeconds = charged_;
    report_.spentSeconds = now() - startedAt_;
    note("chose " + winner.describe() + "; cost " + seconds(report_.costSeconds) + " of a " +
         seconds(budget_) + " budget (" + seconds(report_.spentSeconds) + " of it spent now)");
    outcome.report = report_;
    return outcome;
}

}  // namespace tl
