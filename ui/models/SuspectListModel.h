// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QStringList>

#include <vector>

#include "models/PredictionListModel.h"

namespace tl {

class InspectionController;
class Project;
class ThumbnailCache;

// The inspection's suspects as a gallery: likely label errors (most suspect first) or
// outliers. A photo leaves the list once the user has dealt with it: relabelled, excluded,
// removed or marked "not an error" (remembered in the project). The roles are the
// misclassified gallery's (PredictionListModel), so the same delegate draws both; the
// "prediction" is the suggested class, with the out-of-fold probabilities.
class SuspectListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum class Kind { LabelIssues, Outliers };
    enum Role {
        PathRole = PredictionListModel::PathRole,
        LabelRole = PredictionListModel::TrueLabelRole,           // the given label
        SuggestedRole = PredictionListModel::PredictedLabelRole,  // -1 for unlabeled outliers
        ProbabilitiesRole = PredictionListModel::ProbabilitiesRole,
        ClassNamesRole = PredictionListModel::ClassNamesRole,
        ScoreRole = Qt::UserRole + 40,  // double
        ConfidentRole,                  // bool: confident learning flags it
    };

    SuspectListModel(Project* project, InspectionController* inspection, ThumbnailCache* thumbnails,
                     Kind kind, QObject* parent = nullptr);

    Kind kind() const { return kind_; }
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    // Report image indices of the rows.
    const std::vector<std::size_t>& images() const { return images_; }
    QString pathAt(int row) const;
    int rowOf(const QString& path) const;

private:
    void rebuild();
    bool stillSuspect(std::size_t image, int givenLabel) const;

    Project* project_;
    InspectionController* inspection_;
    ThumbnailCache* thumbnails_;
    Kind kind_;
    std::vector<std::size_t> images_;  // report image per row
    std::vector<int> suggested_;       // per row
    std::vector<double> scores_;       // per row
    std::vector<bool> confident_;      // per row
};

}  // namespace tl
