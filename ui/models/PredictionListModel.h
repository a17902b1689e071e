// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QStringList>

#include <vector>

#include "training/EvaluationReport.h"

namespace tl {

class Project;
class ThumbnailCache;

// Photos with the model's class probabilities: the Results gallery and the Test page. With a
// project attached it also tells, per photo, its label now and whether the user corrected it
// since the model saw it (relabelled or excluded), and follows later edits.
class PredictionListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        PathRole = Qt::UserRole + 1,
        TrueLabelRole,
        PredictedLabelRole,
        ConfidenceRole,        // probability of the predicted class
        ProbabilitiesRole,     // QVariantList of double, one per class
        ClassNamesRole,        // QStringList
        CurrentLabelRole,      // int: the photo's class in the project now (-1 unlabeled), or
                               // kNotInProject
        CorrectedRole,         // bool: relabelled or excluded since the model saw it
        ExcludedRole,          // bool: excluded in the project now
        CurrentClassNameRole,  // QString: the class now ("Unlabeled"), empty if not in it
    };
    static constexpr int kNotInProject = -2;
    enum class Order { Added, MostConfidentFirst, LeastConfidentFirst };

    explicit PredictionListModel(ThumbnailCache* thumbnails, QObject* parent = nullptr);

    void setProject(Project* project);
    void setClassNames(const QStringList& names) { classNames_ = names; }
    const QStringList& classNames() const { return classNames_; }
    // sortByConfidence: most confident first (the gallery's most confident mistakes); else in
    // the current order().
    void setPredictions(std::vector<ImagePrediction> predictions, bool sortByConfidence = true);
    void appendPredictions(const std::vector<ImagePrediction>& predictions);
    void clear();
    const std::vector<ImagePrediction>& predictions() const { return predictions_; }
    void setOrder(Order order);
    Order order() const { return order_; }
    int rowOfPath(const QString& path) const;
    // Photos whose label the user changed since the model saw them.
    int correctedCount() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

private:
    int currentLabel(const ImagePrediction& p) const;
    bool isCorrected(const ImagePrediction& p) const;
    void applyOrder();

    ThumbnailCache* thumbnails_;
    Project* project_ = nullptr;
    QStringList classNames_;
    std::vector<ImagePrediction> predictions_;
    std::vector<int> sequence_;  // arrival order of each row, for Order::Added
    int nextSequence_ = 0;
    Order order_ = Order::Added;
};

}  // namespace tl
