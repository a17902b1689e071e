// SPDX-License-Identifier: MIT
#include "models/DatasetModel.h"

#include <QColor>
#include <QFileInfo>
#include <QIcon>
#include <QMimeData>
#include <QPixmap>
#include <QUrl>

#include "models/ThumbnailCache.h"
#include "project/Project.h"

namespace tl {

DatasetModel::DatasetModel(Project* project, ThumbnailCache* thumbnails, QObject* parent)
    : QAbstractListModel(parent), project_(project), thumbnails_(thumbnails) {
    connect(project_, &Project::aboutToReset, this, [this] { beginResetModel(); });
    connect(project_, &Project::reset, this, [this] { endResetModel(); });
    connect(project_, &Project::imagesAdded, this, [this](int first, int last) {
        // The project has already appended; the view only needs to hear about it.
        beginInsertRows({}, first, last);
        endInsertRows();
    });
    connect(project_, &Project::imageChanged, this,
            [this](int row) { emit dataChanged(index(row), index(row)); });
    connect(project_, &Project::classesChanged, this, [this] {
        if (rowCount() > 0) {
            emit dataChanged(index(0), index(rowCount() - 1));
        }
    });
    connect(project_, &Project::settingsChanged, this, [this] {
        if (rowCount() > 0) {
            emit dataChanged(index(0), index(rowCount() - 1), {ValidationRole});
        }
    });
    if (thumbnails_) {
        connect(thumbnails_, &ThumbnailCache::thumbnailReady, this,
                &DatasetModel::onThumbnailReady);
    }
}

int DatasetModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : project_->imageCount();
}

QVariant DatasetModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= project_->imageCount()) {
        return {};
    }
    const ProjectImage& image = project_->image(index.row());
    switch (role) {
        case Qt::DisplayRole:
        case FileNameRole:
            return QFileInfo(image.path).fileName();
        case Qt::DecorationRole:
            if (thumbnails_) {
                const QImage thumb = thumbnails_->thumbnail(image.path);
                if (!thumb.isNull()) {
                    return QPixmap::fromImage(thumb);
                }
            }
            return {};
        case ClassNameRole:
            return image.label >= 0 ? project_->classNames().value(image.label) : tr("Unlabeled");
        case MissingRole:
            return missing_.contains(image.path);
        case Qt::ToolTipRole: {
            const QString label =
                image.label >= 0 ? project_->classNames().value(image.label) : tr("Unlabeled");
            const QString side = project_->subsetOf(image.path) == Subset::Validation
                                     ? tr("validation")
                                     : tr("training");
            return tr("%1\nClass: %2 (%3)%4")
                .arg(image.path, label, side, image.excluded ? tr("\nExcluded") : QString());
        }
        case Qt::ForegroundRole:
            return image.excluded ? QVariant(QColor(Qt::gray)) : QVariant();
        case PathRole:
            return image.path;
        case LabelRole:
            return image.label;
        case ExcludedRole:
            return image.excluded;
        case ValidationRole:
            return project_->subsetOf(image.path) == Subset::Validation;
        case MisclassifiedRole:
            return misclassified_.contains(image.path);
        default:
            return {};
    }
}

Qt::ItemFlags DatasetModel::flags(const QModelIndex& index) const {
    return QAbstractListModel::flags(index) | Qt::ItemIsDragEnabled;
}

QStringList DatasetModel::mimeTypes() const {
    return {kPathsMimeType};
}

QMimeData* DatasetModel::mimeData(const QModelIndexList& indexes) const {
    QStringList paths;
    QList<QUrl> urls;
    for (const QModelIndex& index : indexes) {
        paths.push_back(index.data(PathRole).toString());
        urls.push_back(QUrl::fromLocalFile(paths.back()));
    }
    auto* mime = new QMimeData;  // ownership passes to the drag (Qt API contract)
    mime->setData(kPathsMimeType, paths.join('\n').toUtf8());
    mime->setUrls(urls);
    return mime;
}

QStringList DatasetModel::pathsFromMime(const QMimeData* mime) {
    if (!mime || !mime->hasFormat(kPathsMimeType)) {
        return {};
    }
    return QString::fromUtf8(mime->data(kPathsMimeType)).split('\n', Qt::SkipEmptyParts);
}

void DatasetModel::setMisclassified(const QSet<QString>& paths) {
    misclassified_ = paths;
    if (rowCount() > 0) {
        emit dataChanged(index(0), index(rowCount() - 1), {MisclassifiedRole});
    }
}

void DatasetModel::setMissing(const QSet<QString>& paths) {
    missing_ = paths;
    if (rowCount() > 0) {
        emit dataChanged(index(0), index(rowCount() - 1), {MissingRole});
    }
}

void DatasetModel::onThumbnailReady(const QString& path) {
    const int row = project_->rowOf(path);
    if (row >= 0) {
        emit dataChanged(index(row), index(row), {Qt::DecorationRole});
    }
}

}  // namespace tl
