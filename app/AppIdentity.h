// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

namespace tl::app {

// The application id (reverse DNS): desktop entry, AppStream metainfo, MIME type and the
// Wayland app id all use it.
inline constexpr const char* kApplicationId = "io.github.transferlab.TransferLab";

// Names Qt derives the per-user folders from, for the GUI and the CLI alike: application
// "TransferLab" and no organisation, so the folders are ~/.local/share/TransferLab,
// ~/.cache/TransferLab and ~/.config/TransferLab (one level, not TransferLab/TransferLab).
// Call right after the Q*Application is constructed.
void setApplicationIdentity();

// What TransferLab 0.x wrote under the doubled folders (<data>/TransferLab/TransferLab/...,
// <cache>/TransferLab/TransferLab/...) moves to the new ones, once: only the entries
// TransferLab creates (backbones, autosave, open-images, features, thumbnails); anything else
// stays where it is. Entries that exist in both places are merged one level deep, never
// overwritten.
struct LegacyFolderMigration {
    QHash<QString, QString> moved;  // old path -> new path, for every entry moved
    QStringList problems;           // one line per entry that could not be moved
};
LegacyFolderMigration migrateLegacyFolders();

// old folder -> new folder for the data and cache folders, whether or not anything is left to
// move (paths written by 0.x into project files point into the old ones).
QHash<QString, QString> legacyFolderMap();

}  // namespace tl::app
