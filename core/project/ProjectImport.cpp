// SPDX-License-Identifier: MIT
#include "project/ProjectImport.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include "data/ImageFiles.h"
#include "data/ImageFolderDataset.h"
#include "support/Errors.h"

namespace tl {

namespace {

QString fromPath(const std::filesystem::path& p) {
    return QDir::cleanPath(QString::fromStdString(p.u8string()));
}

bool hasSubFolders(const QString& folder) {
    return !QDir(folder).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty();
}

void collectLoose(const QString& folder, ProjectImport& result) {
    QDirIterator it(folder, QDir::Files, QDirIterator::Subdirectories);
    QStringList found;
    while (it.hasNext()) {
        const QString file = it.next();
        if (ProjectImport::hasImageExtension(file) && !it.fileName().startsWith('.')) {
            found.push_back(QDir::cleanPath(file));
        }
    }
    found.sort();
    for (const QString& file : found) {
        result.files.push_back({file, {}});
    }
}

}  // namespace

bool ProjectImport::hasImageExtension(const QString& path) {
    return ImageFiles::hasImageExtension(path);
}

ProjectImport ProjectImport::collect(const QStringList& paths) {
    ProjectImport result;
    for (const QString& path : paths) {
        const QFileInfo info(path);
        if (info.isFile()) {
            if (hasImageExtension(path)) {
                result.files.push_back({QDir::cleanPath(info.absoluteFilePath()), {}});
            } else {
                result.skipped.push_back({path, QObject::tr("not an image file")});
            }
            continue;
        }
        if (!info.isDir()) {
            result.skipped.push_back({path, QObject::tr("does not exist")});
            continue;
        }
        const QString folder = QDir::cleanPath(info.absoluteFilePath());
        if (!hasSubFolders(folder)) {
            collectLoose(folder, result);
            continue;
        }
        try {
            // The same listing rules as the trainer's folder datasets (and its reasons).
            const ImageFolderDataset dataset =
                ImageFolderDataset::scan(std::filesystem::u8path(folder.toStdString()));
            for (const std::string& name : dataset.classNames()) {
                const QString className = QString::fromStdString(name);
                if (!result.classNames.contains(className)) {
                    result.classNames.push_back(className);
                }
            }
            for (const ImageEntry& entry : dataset.images()) {
                result.files.push_back({fromPath(entry.path),
                                        QString::fromStdString(dataset.classNames()[entry.label])});
            }
            for (const SkippedFile& skipped : dataset.skipped()) {
                result.skipped.push_back(
                    {fromPath(skipped.path), QString::fromStdString(skipped.reason)});
            }
            result.roots.push_back(folder);
        } catch (const DatasetError&) {
            collectLoose(folder, result);
        }
    }
    return result;
}

}  // namespace tl
