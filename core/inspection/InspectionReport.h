// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "data/ImageFolderDataset.h"
#include "inspection/EmbeddingTable.h"

namespace tl {

// A photo the inspection looked at. Analyses refer to photos by their index in
// InspectionReport::images.
struct InspectedImage {
    std::filesystem::path path;
    int label = -1;  // -1: unlabeled
    Subset subset = Subset::Training;
};

// A photo whose given label the out-of-fold predictions doubt.
struct LabelIssue {
    std::size_t image = 0;
    int label = 0;      // the given label
    int suggested = 0;  // the class the predictions point to
    // 0..1, higher is more suspect: (p(best other class) - p(given label) + 1) / 2, the
    // normalized margin of confident learning turned round. Above 0.5 the photo is
    // misclassified out of fold.
    double score = 0;
    // Confident learning counts it off the diagonal of the confident joint: the suggested
    // class reaches that class's own average confidence (its per-class threshold).
    bool confident = false;
};

// Photos whose embeddings are nearly identical: copies, resized or recompressed versions,
// bursts of the same scene.
struct DuplicateGroup {
    std::vector<std::size_t> images;  // sorted
    double similarity = 0;            // the lowest cosine similarity between two members
    // Labelled members on both sides of the training/validation split: validation then sees
    // what training saw, and its accuracy is optimistic.
    bool straddlesSplit = false;
};

// A photo far from every other photo in feature space.
struct Outlier {
    std::size_t image = 0;
    // Mean cosine distance to its nearest neighbours, divided by the median of that distance
    // over all photos: 1 is typical, 2 twice as isolated.
    double score = 0;
};

// Everything InspectionJob finds; the CLI's `inspect` prints it, the GUI's views show it.
struct InspectionReport {
    std::vector<std::string> classNames;
    std::vector<InspectedImage> images;  // the photos whose features could be extracted
    std::vector<SkippedFile> skipped;    // unreadable photos, left out
    EmbeddingTable embeddings;           // one row per image
    // Out-of-fold class probabilities of each labelled image (empty rows for unlabeled ones).
    std::vector<std::vector<float>> outOfFold;
    double outOfFoldAccuracy = 0;
    int folds = 0;
    double duplicateThreshold = 0;
    std::vector<LabelIssue> labelIssues;  // most suspect first
    std::vector<DuplicateGroup> duplicates;
    std::vector<Outlier> outliers;  // most isolated first
    std::vector<float> pca;         // 2 per image (x, y): the instant first map

    std::size_t straddlingGroups() const;
};

}  // namespace tl
