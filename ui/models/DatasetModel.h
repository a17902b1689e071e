// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractListModel>
#include <QPixmap>
#include <QSet>

namespace tl {

class Project;
class ThumbnailCache;

// Every photo of the project as a list (one row per image, in project order), with its
// thumbnail (none while it loads), label, split side and whether the current model
// misclassified it.
class DatasetModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        PathRole = Qt::UserRole + 1,
        LabelRole,       // int, -1 = unlabeled
        ExcludedRole,    // bool
        ValidationRole,  // bool: on the validation side of the split
        MisclassifiedRole,
        FileNameRole,
        ClassNameRole,  // QString: the class, or "Unlabeled"
        MissingRole,    // bool: the file was not found when the project was checked
    };
    static constexpr const char* kPathsMimeType = "application/x-transferlab-image-paths";

    DatasetModel(Project* project, ThumbnailCache* thumbnails, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    Qt::DropActions supportedDragActions() const override { return Qt::MoveAction; }

    Project* project() const { return project_; }
    void setMisclassified(const QSet<QString>& paths);
    // Photos found missing on disk (checked off the UI thread by the Data page).
    void setMissing(const QSet<QString>& paths);
    const QSet<QString>& missing() const { return missing_; }
    static QStringList pathsFromMime(const QMimeData* mime);

private:
    void onThumbnailReady(const QString& path);

    Project* project_;
    ThumbnailCache* thumbnails_;
    QSet<QString> misclassified_;
    QSet<QString> missing_;
};

}  // namespace tl
