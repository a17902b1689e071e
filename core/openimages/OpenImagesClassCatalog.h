// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

class QIODevice;

namespace tl {

struct OpenImagesClass {
    QString labelId;      // MID, e.g. "/m/0pcr"
    QString displayName;  // e.g. "Alpaca"
};

// The Open Images class list: label MIDs and their display names, looked up by name.
// Reads both published formats, told apart by the first line:
//   class-descriptions-boxable.csv  no header  "/m/0pcr,Alpaca"
//   oidv6-class-descriptions.csv    header     "LabelName,DisplayName"
class OpenImagesClassCatalog {
public:
    // Returns false (and fills *error) when the file cannot be read or holds no class.
    bool load(const QString& path, QString* error = nullptr);
    bool load(QIODevice* device, QString* error = nullptr);

    int size() const { return int(classes_.size()); }
    const QList<OpenImagesClass>& classes() const { return classes_; }

    // Case-insensitive exact display-name match, or a MID given as is ("/m/0pcr"). Several
    // entries can share a display name in the full list; all of them are returned.
    QList<OpenImagesClass> find(const QString& nameOrId) const;

    // Classes whose display name contains `pattern` (case-insensitive); `*` and `?`
    // wildcards match the whole name instead. An empty pattern lists everything. Sorted.
    QList<OpenImagesClass> search(const QString& pattern) const;

    // Close matches for a misspelt name, best first: edit distance scaled to the name's
    // length, then names that contain the query or start alike.
    QStringList suggestions(const QString& name, int maxCount = 5) const;

    // Edit distance (insert, delete, substitute, swap of neighbours), case-insensitive.
    static int editDistance(const QString& a, const QString& b);

private:
    QList<OpenImagesClass> classes_;
    QHash<QString, QList<int>> byFoldedName_;  // lower-case display name -> indices
    QHash<QString, int> byLabelId_;
};

}  // namespace tl
