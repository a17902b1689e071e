// SPDX-License-Identifier: MIT
#include "models/SuspectListModel.h"

#include <QFileInfo>
#include <QPixmap>

#include "models/InspectionController.h"
#include "models/ThumbnailCache.h"
#include "project/Project.h"

namespace tl {

SuspectListModel::SuspectListModel(Project* project, InspectionController* inspection,
                                   ThumbnailCache* thumbnails, Kind kind, QObject* parent)
    : QAbstractListModel(parent),
      project_(project),
      inspection_(inspection),
      thumbnails_(thumbnails),
      kind_(kind) {
    connect(inspection_, &InspectionController::reportChanged, this, &SuspectListModel::rebuild);
    connect(project_, &Project::imageChanged, this, &SuspectListModel::rebuild);
    connect(project_, &Project::reset, this, &SuspectListModel::rebuild);
    connect(project_, &Project::classesChanged, this, &SuspectListModel::rebuild);
    connect(project_, &Project::inspectionMarksChanged, this, &SuspectListModel::rebuild);
    if (thumbnails_) {
        connect(thumbnails_, &ThumbnailCache::thumbnailReady, this, [this](const QString& path) {
            if (const int row = rowOf(path); row >= 0) {
                emit dataChanged(index(row), index(row), {Qt::DecorationRole});
            }
        });
    }
    rebuild();
}

// Still worth showing: in the project, not excluded, not confirmed, and (for a label issue)
// still carrying the label the inspection doubted.
bool SuspectListModel::stillSuspect(std::size_t image, int givenLabel) const {
    const int row = project_->rowOf(inspection_->pathOf(image));
    if (row < 0) {
        return false;
    }
    const ProjectImage& photo = project_->image(row);
    if (photo.excluded || project_->isLabelConfirmed(photo.path)) {
        return false;
    }
    // By name: classes may have been added or removed since the inspection.
    const auto& names = inspection_->report().classNames;
    return kind_ == Kind::Outliers || (givenLabel >= 0 && photo.label >= 0 &&
                                       project_->classNames().value(photo.label).toStdString() ==
                                           names[static_cast<std::size_t>(givenLabel)]);
}

void SuspectListModel::rebuild() {
    beginResetModel();
    images_.clear();
    suggested_.clear();
    scores_.clear();
    confident_.clear();
    const InspectionReport& report = inspection_->report();
    if (kind_ == Kind::LabelIssues) {
        for (const LabelIssue& issue : report.labelIssues) {
            if (stillSuspect(issue.image, issue.label)) {
                images_.push_back(issue.image);
                suggested_.push_back(issue.suggested);
                scores_.push_back(issue.score);
                confident_.push_back(issue.confident);
            }
        }
    } else {
        for (const Outlier& outlier : report.outliers) {
            if (stillSuspect(outlier.image, report.images[outlier.image].label)) {
                const auto& p = report.outOfFold[outlier.image];
                int best = -1;
                for (std::size_t c = 0; c < p.size(); ++c) {
                    if (best < 0 || p[c] > p[static_cast<std::size_t>(best)]) {
                        best = static_cast<int>(c);
                    }
                }
                images_.push_back(outlier.image);
                suggested_.push_back(best);
                scores_.push_back(outlier.score);
                confident_.push_back(false);
            }
        }
    }
    endResetModel();
}

int SuspectListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(images_.size());
}

QString SuspectListModel::pathAt(int row) const {
    return row >= 0 && row < rowCount()
               ? inspection_->pathOf(images_[static_cast<std::size_t>(row)])
               : QString();
}

int SuspectListModel::rowOf(const QString& path) const {
    const int image = inspection_->imageOf(path);
    for (std::size_t row = 0; row < images_.size(); ++row) {
        if (static_cast<int>(images_[row]) == image) {
            return static_cast<int>(row);
        }
    }
    return -1;
}

QVariant SuspectListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= rowCount()) {
        return {};
    }
    const auto row = static_cast<std::size_t>(index.row());
    const std::size_t image = images_[row];
    const InspectionReport& report = inspection_->report();
    const QString path = inspection_->pathOf(image);
    QStringList names;
    for (const std::string& name : report.classNames) {
        names.push_back(QString::fromStdString(name));
    }
    const int label = report.images[image].label;
    switch (role) {
        case Qt::DisplayRole:
            return QFileInfo(path).fileName();
        case Qt::DecorationRole:
            if (thumbnails_) {
                const QImage thumb = thumbnails_->thumbnail(path);
                if (!thumb.isNull()) {
                    return QPixmap::fromImage(thumb);
                }
            }
            return {};
        case Qt::ToolTipRole: {
            QString text =
                path + "\n" +
                (label >= 0 ? tr("Labelled %1").arg(names.value(label)) : tr("Unlabeled"));
            if (kind_ == Kind::LabelIssues) {
                text += tr("\nLooks like %1 (suspicion %2%%3)")
                            .arg(names.value(suggested_[row]))
                            .arg(scores_[row] * 100, 0, 'f', 0)
                            .arg(confident_[row] ? QString() : tr(", below the class threshold"));
            } else {
                text += tr("\n%1x as far from its nearest photos as a typical photo")
                            .arg(scores_[row], 0, 'f', 1);
            }
            return text;
        }
        case PathRole:
            return path;
        case LabelRole:
            return label;
        case SuggestedRole:
            return suggested_[row];
        case ProbabilitiesRole: {
            QVariantList list;
            for (float p : report.outOfFold[image]) {
                list.push_back(static_cast<double>(p));
            }
            return list;
        }
        case ClassNamesRole:
            return names;
        case ScoreRole:
            return scores_[row];
        case ConfidentRole:
            return static_cast<bool>(confident_[row]);
        default:
            return {};
    }
}

}  // namespace tl
