// SPDX-License-Identifier: MIT
#include "models/Preferences.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <algorithm>

namespace tl {

namespace {

constexpr const char* kRecent = "recentProjects";
constexpr const char* kReopen = "startup/reopenLastProject";
constexpr const char* kDefaultBackbone = "backbone/default";
constexpr const char* kExamplePhotos = "example/photosFolder";

QString canonical(const QString& path) {
    const QString canonicalPath = QFileInfo(path).canonicalFilePath();
    return canonicalPath.isEmpty() ? QDir::cleanPath(QFileInfo(path).absoluteFilePath())
                                   : canonicalPath;
}

}  // namespace

Preferences::Preferences() : Preferences(defaultFile()) {}

Preferences::Preferences(const QString& file)
    : settings_(std::make_unique<QSettings>(file, QSettings::IniFormat)) {}

QString Preferences::defaultFile() {
    const QString fromEnv = qEnvironmentVariable("TRANSFERLAB_SETTINGS");
    if (!fromEnv.isEmpty()) {
        return fromEnv;
    }
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation))
        .filePath(QStringLiteral("settings.ini"));
}

QStringList Preferences::recentProjects() const {
    QStringList unique;
    QStringList seen;
    for (const QString& file : settings_->value(kRecent).toStringList()) {
        const QString key = canonical(file);
        if (!file.isEmpty() && !seen.contains(key)) {
            seen.push_back(key);
            unique.push_back(file);
        }
    }
    return unique;
}

void Preferences::addRecentProject(const QString& projectFile) {
    const QString key = canonical(projectFile);
    QStringList recent{QDir::cleanPath(QFileInfo(projectFile).absoluteFilePath())};
    for (const QString& file : recentProjects()) {
        if (canonical(file) != key && recent.size() < kMaxRecent) {
            recent.push_back(file);
        }
    }
    settings_->setValue(kRecent, recent);
}

void Preferences::removeRecentProject(const QString& projectFile) {
    const QString key = canonical(projectFile);
    QStringList recent = recentProjects();
    recent.erase(std::remove_if(recent.begin(), recent.end(),
                                [&](const QString& file) { return canonical(file) == key; }),
                 recent.end());
    settings_->setValue(kRecent, recent);
}

bool Preferences::reopenLastProject() const {
    return settings_->value(kReopen, true).toBool();
}

void Preferences::setReopenLastProject(bool on) {
    settings_->setValue(kReopen, on);
}

QString Preferences::defaultBackbone() const {
    return settings_->value(kDefaultBackbone).toString();
}

void Preferences::setDefaultBackbone(const QString& reference) {
    settings_->setValue(kDefaultBackbone, reference);
}

QString Preferences::examplePhotosFolder() const {
    const QString fromEnv = qEnvironmentVariable("TRANSFERLAB_EXAMPLE_PHOTOS");
    return fromEnv.isEmpty() ? settings_->value(kExamplePhotos).toString() : fromEnv;
}

bool Preferences::migrateLegacySettings(const QHash<QString, QString>& projectFileOf) {
    QSettings legacy(QSettings::NativeFormat, QSettings::UserScope, QStringLiteral("TransferLab"),
                     QStringLiteral("TransferLab"));
    const QStringList keys = legacy.allKeys();
    if (keys.isEmpty()) {
        return false;
    }
    for (const QString& key : keys) {
        if (key != QLatin1String(kRecent) && !settings_->contains(key)) {
            settings_->setValue(key, legacy.value(key));
        }
    }
    // 0.x listed dataset folders and hidden autosave files; now each project once, by its file.
    QStringList recent = recentProjects();
    for (const QString& old : legacy.value(kRecent).toStringList()) {
        const QString clean = QDir::cleanPath(old);
        QString mapped = projectFileOf.value(clean);
        if (mapped.isEmpty()) {
            for (auto it = projectFileOf.cbegin(); it != projectFileOf.cend(); ++it) {
                if (QFileInfo(it.key()).fileName() == QFileInfo(clean).fileName() &&
                    clean.contains(QLatin1String("/autosave/"))) {
                    mapped = it.value();
                }
            }
        }
        if (mapped.isEmpty() && QFileInfo(clean).isFile()) {
            mapped = clean;  // a project file the user saved somewhere: still valid
        }
        if (!mapped.isEmpty() && !recent.contains(mapped) && recent.size() < kMaxRecent) {
            recent.push_back(mapped);
        }
    }
    settings_->setValue(kRecent, recent);
    settings_->sync();
    legacy.clear();
    legacy.sync();
    if (legacy.format() == QSettings::NativeFormat && QFileInfo(legacy.fileName()).isFile()) {
        QFile::remove(legacy.fileName());  // our own file, now empty
        QDir().rmdir(QFileInfo(legacy.fileName()).absolutePath());
    }
    return true;
}

}  // namespace tl
