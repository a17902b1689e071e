// SPDX-License-Identifier: MIT
#include "AppIdentity.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

#include "project/FolderMove.h"

namespace tl::app {

namespace {

constexpr const char* kLegacyOrganization = "TransferLab";

// Where Qt put a location while the organisation was also called "TransferLab".
QString legacyLocation(QStandardPaths::StandardLocation type) {
    const QString organization = QCoreApplication::organizationName();
    QCoreApplication::setOrganizationName(QLatin1String(kLegacyOrganization));
    const QString legacy = QStandardPaths::writableLocation(type);
    QCoreApplication::setOrganizationName(organization);
    return QDir::cleanPath(legacy);
}

struct Location {
    QStandardPaths::StandardLocation type;
    QStringList entries;  // what TransferLab writes there
};

const Location kLocations[] = {
    {QStandardPaths::AppDataLocation, {"backbones", "autosave", "open-images"}},
    {QStandardPaths::CacheLocation, {"features", "thumbnails", "open-images"}},
};

void moveEntry(const QString& from, const QString& to, LegacyFolderMigration& result) {
    if (!QFileInfo::exists(from)) {
        return;
    }
    if (!QFileInfo::exists(to)) {
        QString error;
        if (moveFileOrFolder(from, to, &error)) {
            result.moved.insert(from, to);
        } else {
            result.problems.push_back(error);
        }
        return;
    }
    if (!QFileInfo(from).isDir() || !QFileInfo(to).isDir()) {
        return;  // both exist: keep both, overwrite nothing
    }
    const QDir source(from);
    for (const QString& name :
         source.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)) {
        const QString target = QDir(to).filePath(name);
        if (QFileInfo::exists(target)) {
            continue;
        }
        QString error;
        if (moveFileOrFolder(source.filePath(name), target, &error)) {
            result.moved.insert(source.filePath(name), target);
        } else {
            result.problems.push_back(error);
        }
    }
    QDir().rmdir(from);  // only if it is empty now
}

}  // namespace

void setApplicationIdentity() {
    QCoreApplication::setApplicationName(QStringLiteral("TransferLab"));
    QCoreApplication::setOrganizationName(QString());
    // macOS builds its bundle and preference names from the domain.
    QCoreApplication::setOrganizationDomain(QStringLiteral("transferlab.github.io"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TRANSFERLAB_VERSION));
}

QHash<QString, QString> legacyFolderMap() {
    QHash<QString, QString> map;
    for (const Location& location : kLocations) {
        const QString current = QDir::cleanPath(QStandardPaths::writableLocation(location.type));
        const QString legacy = legacyLocation(location.type);
        if (!current.isEmpty() && !legacy.isEmpty() && current != legacy) {
            map.insert(legacy, current);
        }
    }
    return map;
}

LegacyFolderMigration migrateLegacyFolders() {
    LegacyFolderMigration result;
    for (const Location& location : kLocations) {
        const QString current = QDir::cleanPath(QStandardPaths::writableLocation(location.type));
        const QString legacy = legacyLocation(location.type);
        if (current.isEmpty() || legacy == current || !QFileInfo(legacy).isDir()) {
            continue;
        }
        for (const QString& entry : location.entries) {
            moveEntry(QDir(legacy).filePath(entry), QDir(current).filePath(entry), result);
        }
        QDir().rmdir(legacy);  // only if nothing else is left in it
    }
    return result;
}

}  // namespace tl::app
