// SPDX-License-Identifier: MIT
#include "models/DuplicateGroupModel.h"

#include <QFileInfo>
#include <QPixmap>
#include <QSet>

#include <algorithm>

#include "models/InspectionController.h"
#include "models/ThumbnailCache.h"
#include "project/Project.h"

namespace tl {

DuplicateGroupModel::DuplicateGroupModel(Project* project, InspectionController* inspection,
                                         ThumbnailCache* thumbnails, QObject* parent)
    : QAbstractListModel(parent),
      project_(project),
      inspection_(inspection),
      thumbnails_(thumbnails) {
    connect(inspection_, &InspectionController::reportChanged, this, &DuplicateGroupModel::rebuild);
    connect(project_, &Project::reset, this, &DuplicateGroupModel::rebuild);
    // Exclusions, labels and split groups change what a row says, not which rows exist.
    const auto refresh = [this] {
        if (rowCount() > 0) {
            emit dataChanged(index(0), index(rowCount() - 1));
        }
    };
    connect(project_, &Project::imageChanged, this, refresh);
    connect(project_, &Project::inspectionMarksChanged, this, refresh);
    connect(project_, &Project::settingsChanged, this, refresh);
    if (thumbnails_) {
        connect(thumbnails_, &ThumbnailCache::thumbnailReady, this, [this](const QString& path) {
            for (int row = 0; row < groups_.size(); ++row) {
                if (groups_[row].contains(path)) {
                    emit dataChanged(index(row), index(row), {ThumbnailsRole});
                }
            }
        });
    }
    rebuild();
}

void DuplicateGroupModel::rebuild() {
    beginResetModel();
    groups_.clear();
    similarity_.clear();
    for (const DuplicateGroup& group : inspection_->report().duplicates) {
        QStringList paths;
        for (std::size_t image : group.images) {
            const QString path = inspection_->pathOf(image);
            if (project_->rowOf(path) >= 0) {
                paths.push_back(path);
            }
        }
        if (paths.size() >= 2) {
            groups_.push_back(paths);
            similarity_.push_back(group.similarity);
        }
    }
    endResetModel();
}

int DuplicateGroupModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(groups_.size());
}

QStringList DuplicateGroupModel::pathsAt(int row) const {
    return groups_.value(row);
}

bool DuplicateGroupModel::straddles(const QStringList& paths) const {
    QSet<int> sides;
    for (const QString& path : paths) {
        const int row = project_->rowOf(path);
        if (row >= 0 && !project_->image(row).excluded && project_->image(row).label >= 0) {
            sides.insert(static_cast<int>(project_->subsetOf(path)));
        }
    }
    return sides.size() > 1;
}

bool DuplicateGroupModel::keptTogether(const QStringList& paths) const {
    for (const QStringList& group : project_->splitGroups()) {
        if (std::all_of(paths.begin(), paths.end(),
                        [&](const QString& p) { return group.contains(p); })) {
            return true;
        }
    }
    return false;
}

int DuplicateGroupModel::straddlingCount() const {
    return static_cast<int>(std::count_if(groups_.begin(), groups_.end(),
                                          [this](const QStringList& g) { return straddles(g); }));
}

QVariant DuplicateGroupModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const QStringList& paths = groups_[index.row()];
    switch (role) {
        case Qt::DisplayRole: {
            QString text = tr("%n photo(s), similarity %1", nullptr, int(paths.size()))
                               .arg(similarity_[index.row()], 0, 'f', 3);
            if (straddles(paths)) {
                text += tr(" · straddles the training/validation split");
            } else if (keptTogether(paths)) {
                text += tr(" · kept on one side");
            }
            return text;
        }
        case Qt::ToolTipRole: {
            QStringList names;
            for (const QString& path : paths) {
                names << QFileInfo(path).fileName();
            }
            return names.join('\n');
        }
        case PathsRole:
            return paths;
        case ExcludedRole: {
            QStringList excluded;
            for (const QString& path : paths) {
                const int row = project_->rowOf(path);
                if (row >= 0 && project_->image(row).excluded) {
                    excluded << path;
                }
            }
            return excluded;
        }
        case SimilarityRole:
            return similarity_[index.row()];
        case StraddlesRole:
            return straddles(paths);
        case KeptTogetherRole:
            return keptTogether(paths);
        case ThumbnailsRole: {
            QVariantList thumbs;
            for (const QString& path : paths) {
                const QImage image = thumbnails_ ? thumbnails_->thumbnail(path) : QImage();
                thumbs.push_back(image.isNull() ? QPixmap() : QPixmap::fromImage(image));
            }
            return thumbs;
        }
        default:
            return {};
    }
}

}  // namespace tl
