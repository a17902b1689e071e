// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

#include <vector>

#include "training/EvaluationReport.h"

namespace tl {

// Which validation photos the Results gallery shows: for one class, its false negatives, its
// false positives, the photos predicted as one other class, or the correct ones; or every
// mistake. The class and "Show" selectors edit this state, and a confusion-matrix cell sets
// it too, so the selectors always describe what the gallery shows.
struct ResultsGalleryFilter {
    enum class Kind { FalseNegatives, FalsePositives, PredictedAs, Correct, AllMistakes };
    // One entry of the "Show" selector.
    struct Option {
        Kind kind;
        int predictedAs;  // PredictedAs only
        QString text;
    };

    int classIndex = 0;
    Kind kind = Kind::FalseNegatives;
    int predictedAs = -1;

    // The filter for the cell (true t, predicted p): with two classes the cell off the
    // diagonal is exactly t's false negatives; with more it is "t predicted as p".
    static ResultsGalleryFilter forCell(int trueLabel, int predictedLabel, int classCount);
    // What "Show" offers for `classIndex`, in order.
    static QVector<Option> options(const QStringList& classNames, int classIndex);
    // The option matching this filter among options(...), or -1.
    int optionIndex(const QVector<Option>& options) const;

    std::vector<ImagePrediction> select(const EvaluationReport& report) const;
    // "4 photos of alpaca predicted as another class"
    QString title(const QStringList& classNames, int count) const;
};

}  // namespace tl
