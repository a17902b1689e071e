// SPDX-License-Identifier: MIT
#include "inspection/SuggestionJob.h"

#include <set>

#include "inspection/LabelSuggester.h"
#include "inspection/TensorConversions.h"
#include "nn/ClassifierHead.h"
#include "support/Errors.h"
#include "training/FeatureExtractor.h"
#include "training/HeadTrainer.h"
#include "training/TrainedModel.h"

namespace tl {

namespace fs = std::filesystem;

SuggestionJob::SuggestionJob(std::shared_ptr<const TrainedModel> model, std::vector<fs::path> pool,
                             int count, TrainingSettings settings, QObject* parent)
    : Job(JobWeight::Compute, parent),
      model_(std::move(model)),
      poolPaths_(std::move(pool)),
      count_(count),
      settings_(std::move(settings)) {}

SuggestionJob::SuggestionJob(EmbeddingTable labelled, std::vector<int> labels, int classes,
                             EmbeddingTable pool, int count, TrainingSettings settings,
                             QObject* parent)
    : Job(JobWeight::Compute, parent),
      labelled_(std::move(labelled)),
      labels_(std::move(labels)),
      classes_(classes),
      pool_(std::move(pool)),
      count_(count),
      settings_(std::move(settings)) {}

SuggestionJob::~SuggestionJob() = default;

void SuggestionJob::run() {
    if (model_) {
        rankWithModel();
    } else {
        rankWithNewHead();
    }
}

void SuggestionJob::rankWithModel() {
    setPhase(QStringLiteral("extracting-features"), tr("Extracting features"));
    // A fine-tuned base no longer matches the cache key of its original weights.
    FeatureCache cache;
    if (settings_.featureCache && !model_->backboneFineTuned) {
        cache =
            FeatureCache(settings_.cacheDirectory.empty() ? FeatureCache::defaultFolder()
                                                          : fs::u8path(settings_.cacheDirectory));
    }
    FeatureExtractor extractor(
        {model_->backbone, model_->backboneReference, model_->backboneSha256},
        AugmentationSettings{}, settings_.seed, cache, settings_.batchSize);
    const auto extracted = extractor.extract(
        poolPaths_, 1, false,
        [this](size_t done, size_t total) {
            setProgress(double(done) / total, tr("%1 of %2 photos").arg(done).arg(total));
        },
        [this] { throwIfCanceled(); });
    skipped_ = extracted.skipped;
    std::vector<fs::path> kept;
    for (size_t index : extracted.kept) {
        kept.push_back(poolPaths_[index]);
    }
    poolPaths_ = std::move(kept);
    setPhase(QStringLiteral("ranking"), tr("Ranking"));
    const torch::Tensor probabilities =
        HeadTrainer::probabilities(*model_->head, extracted.features);
    suggestions_ = LabelSuggester().suggest(probabilities, extracted.features.select(1, 0), count_);
}

void SuggestionJob::rankWithNewHead() {
    const std::set<int> present(labels_.begin(), labels_.end());
    if (present.size() < 2 || classes_ < 2) {
        throw Error(ErrorKind::InvalidInput,
                    tr("Label a few photos of at least two classes first").toStdString());
    }
    if (labelled_.dims != pool_.dims && pool_.count() > 0) {
        throw Error(ErrorKind::Internal, "labelled and pool embeddings differ in size");
    }
    setPhase(QStringLiteral("training"), tr("Training the head"));
    const torch::Tensor labelled = TensorConversions::fromTable(labelled_).unsqueeze(1);
    const FeatureSet train{labelled,
                           torch::tensor(std::vector<int64_t>(labels_.begin(), labels_.end()))};
    HeadTrainer trainer(settings_, classes_);
    trainer.setCancelCheck([this] { throwIfCanceled(); });
    const auto trained = trainer.train(train);
    setPhase(QStringLiteral("ranking"), tr("Ranking"));
    if (pool_.count() == 0) {
        return;
    }
    const torch::Tensor pool = TensorConversions::fromTable(pool_);
    const torch::Tensor probabilities =
        HeadTrainer::probabilities(*trained.head, pool.unsqueeze(1));
    suggestions_ = LabelSuggester().suggest(probabilities, pool, count_);
}

}  // namespace tl
