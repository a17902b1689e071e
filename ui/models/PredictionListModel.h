// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QStringList>

#include <vector>

#include "training/EvaluationReport.h"

namespace tl {

class ThumbnailCache;

// Photos with the model's class probabilities: the misclassified gallery and the Test page.
class PredictionListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        PathRole = Qt::UserRole + 1,
        TrueLabelRole,
        PredictedLabelRole,
        ConfidenceRole,     // probability of the predicted class
        ProbabilitiesRole,  // QVariantList of double, one per class
        ClassNamesRole,     // QStringList
    };

    explicit PredictionListModel(ThumbnailCache* thumbnails, QObject* parent = nullptr);

    void setClassNames(const QStringList& names) { classNames_ = names; }
    const QStringList& classNames() const { return classNames_; }
    // Sorted by confidence, most confident mistakes first.
    void setPredictions(std::vector<ImagePrediction> predictions, bool sortByConfidence = true);
    void appendPredictions(const std::vector<ImagePrediction>& predictions);
    void clear();
    const std::vector<ImagePrediction>& predictions() const { return predictions_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

private:
    ThumbnailCache* thumbnails_;
    QStringList classNames_;
    std::vector<ImagePrediction> predictions_;
};

}  // namespace tl
