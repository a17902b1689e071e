// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <memory>

namespace tl {

// The desktop app's per-user settings, in one INI file: <config>/TransferLab/settings.ini
// (~/.config/TransferLab/settings.ini on Linux), or $TRANSFERLAB_SETTINGS. Use this rather
// than a default-constructed QSettings: the application has no organisation name (so its
// folders are not TransferLab/TransferLab), which QSettings() cannot do without.
class Preferences {
public:
    Preferences();
    explicit Preferences(const QString& file);

    static QString defaultFile();
    QSettings& settings() { return *settings_; }

    // Project files, most recent first, each once (compared by their canonical path).
    QStringList recentProjects() const;
    void addRecentProject(const QString& projectFile);
    void removeRecentProject(const QString& projectFile);
    static constexpr int kMaxRecent = 10;

    // "Reopen the last project on launch"; on unless turned off.
    bool reopenLastProject() const;
    void setReopenLastProject(bool on);

    // The backbone new projects start with: the last one the user chose, downloaded or
    // imported; empty = the catalogue's default.
    QString defaultBackbone() const;
    void setDefaultBackbone(const QString& reference);

    // A local copy of the example photos (class sub-folders) for "Try the example", instead of
    // downloading them: $TRANSFERLAB_EXAMPLE_PHOTOS, else the setting; empty = download.
    QString examplePhotosFolder() const;

    // Copies the settings TransferLab 0.x kept under the doubled name (QSettings "TransferLab",
    // "TransferLab") into this file once, rewriting recent entries with `projectFileOf` (old
    // autosave files and dataset folders -> their new project files), then empties the old
    // store. Returns true when there was something to copy.
    bool migrateLegacySettings(const QHash<QString, QString>& projectFileOf);

private:
    std::unique_ptr<QSettings> settings_;
};

}  // namespace tl
