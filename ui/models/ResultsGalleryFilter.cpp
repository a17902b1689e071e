// SPDX-License-Identifier: MIT
#include "models/ResultsGalleryFilter.h"

#include <QCoreApplication>

namespace tl {

ResultsGalleryFilter ResultsGalleryFilter::forCell(int trueLabel, int predictedLabel,
                                                   int classCount) {
    ResultsGalleryFilter filter;
    filter.classIndex = trueLabel;
    if (trueLabel == predictedLabel) {
        filter.kind = Kind::Correct;
    } else if (classCount <= 2) {
        filter.kind = Kind::FalseNegatives;
    } else {
        filter.kind = Kind::PredictedAs;
        filter.predictedAs = predictedLabel;
    }
    return filter;
}

QVector<ResultsGalleryFilter::Option> ResultsGalleryFilter::options(const QStringList& classNames,
                                                                    int classIndex) {
    QVector<Option> options;
    options.push_back(
        {Kind::FalseNegatives, -1,
         QCoreApplication::translate("ResultsGalleryFilter",
                                     "False negatives: missed, predicted as another class")});
    options.push_back(
        {Kind::FalsePositives, -1,
         QCoreApplication::translate("ResultsGalleryFilter",
                                     "False positives: other photos predicted as this class")});
    if (classNames.size() > 2) {
        for (int c = 0; c < classNames.size(); ++c) {
            if (c != classIndex) {
                options.push_back(
                    {Kind::PredictedAs, c,
                     QCoreApplication::translate("ResultsGalleryFilter", "Predicted as %1")
                         .arg(classNames[c])});
            }
        }
    }
    options.push_back(
        {Kind::Correct, -1, QCoreApplication::translate("ResultsGalleryFilter", "Correct")});
    options.push_back(
        {Kind::AllMistakes, -1,
         QCoreApplication::translate("ResultsGalleryFilter", "All mistakes, every class")});
    return options;
}

int ResultsGalleryFilter::optionIndex(const QVector<Option>& options) const {
    for (int i = 0; i < options.size(); ++i) {
        if (options[i].kind == kind &&
            (kind != Kind::PredictedAs || options[i].predictedAs == predictedAs)) {
            return i;
        }
    }
    return -1;
}

std::vector<ImagePrediction> ResultsGalleryFilter::select(const EvaluationReport& report) const {
    std::vector<ImagePrediction> items;
    for (const ImagePrediction& p : report.predictions) {
        const bool wrong = p.trueLabel != p.predictedLabel;
        bool keep = false;
        switch (kind) {
            case Kind::FalseNegatives:
                keep = wrong && p.trueLabel == classIndex;
                break;
            case Kind::FalsePositives:
                keep = wrong && p.predictedLabel == classIndex;
                break;
            case Kind::PredictedAs:
                keep = p.trueLabel == classIndex && p.predictedLabel == predictedAs;
                break;
            case Kind::Correct:
                keep = !wrong && p.trueLabel == classIndex;
                break;
            case Kind::AllMistakes:
                keep = wrong;
                break;
        }
        if (keep) {
            items.push_back(p);
        }
    }
    return items;
}

QString ResultsGalleryFilter::title(const QStringList& classNames, int count) const {
    const QString name = classNames.value(classIndex);
    switch (kind) {
        case Kind::FalseNegatives:
            return QCoreApplication::translate("ResultsGalleryFilter",
                                               "%n photo(s) of %1 predicted as another class",
                                               nullptr, count)
                .arg(name);
        case Kind::FalsePositives:
            return QCoreApplication::translate("ResultsGalleryFilter",
                                               "%n photo(s) of other classes predicted as %1",
                                               nullptr, count)
                .arg(name);
        case Kind::PredictedAs:
            return QCoreApplication::translate("ResultsGalleryFilter",
                                               "%n photo(s) of %1 predicted as %2", nullptr, count)
                .arg(name, classNames.value(predictedAs));
        case Kind::Correct:
            return QCoreApplication::translate("ResultsGalleryFilter",
                                               "%n photo(s) of %1 predicted correctly", nullptr,
                                               count)
                .arg(name);
        case Kind::AllMistakes:
            break;
    }
    return QCoreApplication::translate("ResultsGalleryFilter", "%n misclassified photo(s)", nullptr,
                                       count);
}

}  // namespace tl
