// SPDX-License-Identifier: MIT
#include "project/FolderMove.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace tl {

namespace {

bool copyTree(const QString& from, const QString& to, QString* error) {
    const QFileInfo source(from);
    if (source.isFile()) {
        if (!QFile::copy(from, to)) {
            *error = QObject::tr("Cannot copy %1 to %2").arg(from, to);
            return false;
        }
        return true;
    }
    if (!QDir().mkpath(to)) {
        *error = QObject::tr("Cannot create %1").arg(to);
        return false;
    }
    const QDir folder(from);
    for (const QFileInfo& entry :
         folder.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden)) {
        if (entry.isSymLink()) {
            continue;  // TransferLab writes no links; never follow one out of its folder
        }
        if (!copyTree(entry.filePath(), QDir(to).filePath(entry.fileName()), error)) {
            return false;
        }
    }
    return true;
}

// Removes a file or folder this module made (a staging copy, or a source fully copied).
void removeOwnCopy(const QString& path) {
    if (QFileInfo(path).isDir()) {
        QDir(path).removeRecursively();
    } else {
        QFile::remove(path);
    }
}

}  // namespace

bool moveFileOrFolder(const QString& from, const QString& to, QString* error) {
    if (!QFileInfo::exists(from)) {
        *error = QObject::tr("%1 does not exist").arg(from);
        return false;
    }
    if (QFileInfo::exists(to)) {
        *error = QObject::tr("%1 exists already").arg(to);
        return false;
    }
    QDir().mkpath(QFileInfo(to).absolutePath());
    if (QDir().rename(from, to)) {
        return true;
    }
    // Another file system: copy to a staging name, then swap it in and remove the source.
    const QString staging = to + QStringLiteral(".moving");
    removeOwnCopy(staging);  // a leftover of an interrupted move

    if (!copyTree(from, staging, error) || !QDir().rename(staging, to)) {
        if (error->isEmpty()) {
            *error = QObject::tr("Cannot move %1 to %2").arg(from, to);
        }
        removeOwnCopy(staging);
        return false;
    }
    removeOwnCopy(from);
    return true;
}

}  // namespace tl
