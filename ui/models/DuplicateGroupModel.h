// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QStringList>

namespace tl {

class InspectionController;
class Project;
class ThumbnailCache;

// The inspection's near-duplicate groups, one row each, with what the user needs to decide:
// the members, whether the group straddles the training/validation split now (labelled,
// included members on both sides), whether it is kept on one side, which members are excluded.
class DuplicateGroupModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        PathsRole = Qt::UserRole + 1,  // QStringList: the members still in the project
        ExcludedRole,                  // QStringList: the excluded members
        SimilarityRole,                // double: the least similar pair's cosine
        StraddlesRole,                 // bool
        KeptTogetherRole,              // bool: a project split group holds every member
        ThumbnailsRole,                // QVariantList of QPixmap (null while loading)
    };

    DuplicateGroupModel(Project* project, InspectionController* inspection,
                        ThumbnailCache* thumbnails, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QStringList pathsAt(int row) const;
    int straddlingCount() const;

private:
    void rebuild();
    bool straddles(const QStringList& paths) const;
    bool keptTogether(const QStringList& paths) const;

    Project* project_;
    InspectionController* inspection_;
    ThumbnailCache* thumbnails_;
    QList<QStringList> groups_;
    QList<double> similarity_;
};

}  // namespace tl
