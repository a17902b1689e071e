// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "data/ImageFolderDataset.h"
#include "inspection/EmbeddingTable.h"
#include "inspection/Suggestion.h"
#include "jobs/Job.h"
#include "training/TrainingSettings.h"

namespace tl {

class TrainedModel;

// Which unlabeled photos to label next (LabelSuggester), in one of two ways:
// - with a trained model (`transferlab-cli suggest`): the pool's features with the model's
//   backbone (from the feature cache where possible), probabilities from its head;
// - from embeddings already in memory ("Label next" in the GUI): a head is trained on the
//   labelled embeddings (HeadTrainer, about a second) and ranks the pool's embeddings.
class SuggestionJob : public Job {
    Q_OBJECT
public:
    SuggestionJob(std::shared_ptr<const TrainedModel> model,
                  std::vector<std::filesystem::path> pool, int count,
                  TrainingSettings settings = TrainingSettings::recommended(),
                  QObject* parent = nullptr);
    SuggestionJob(EmbeddingTable labelled, std::vector<int> labels, int classes,
                  EmbeddingTable pool, int count,
                  TrainingSettings settings = TrainingSettings::recommended(),
                  QObject* parent = nullptr);
    ~SuggestionJob() override;

    // Valid after a successful run. Suggestion::index is a row of the pool: with a model, an
    // index into poolPaths() (the photos that could be read).
    const std::vector<Suggestion>& suggestions() const { return suggestions_; }
    const std::vector<std::filesystem::path>& poolPaths() const { return poolPaths_; }
    const std::vector<SkippedFile>& skipped() const { return skipped_; }

protected:
    void run() override;

private:
    void rankWithModel();
    void rankWithNewHead();

    std::shared_ptr<const TrainedModel> model_;
    std::vector<std::filesystem::path> poolPaths_;
    EmbeddingTable labelled_;
    std::vector<int> labels_;
    int classes_ = 0;
    EmbeddingTable pool_;
    int count_;
    TrainingSettings settings_;
    std::vector<Suggestion> suggestions_;
    std::vector<SkippedFile> skipped_;
};

}  // namespace tl
