// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace tl {

// "Locate…" for photos that moved: the user points at the folder where they are now, and each
// missing photo is looked for under it by the end of its old path ("alpaca/x.jpg", then
// "x.jpg"), the longest match first, so a moved folder of class sub-folders is found whole.
// Touches only the disk (existence checks): call it from a worker thread for many photos.
QHash<QString, QString> findMovedPhotos(const QStringList& missing, const QString& newFolder);

}  // namespace tl
