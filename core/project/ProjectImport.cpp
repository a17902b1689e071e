// SPDX-License-Identifier: MIT
#include "project/ProjectImport.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

#include "data/ImageFiles.h"
#include "data/ImageFolderDataset.h"
#include "support/Errors.h"
#include "support/RegularFile.h"

namespace tl {

namespace {

QString fromPath(const std::filesystem::path& p) {
    return QDir::cleanPath(QString::fromStdString(p.u8string()));
}

bool hasSubFolders(const QString& folder) {
    return !QDir(folder).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty();
}

// Why a path that is neither a regular file nor a folder cannot be imported (a FIFO, socket
// or device named x.jpg); opening it this way never blocks.
QString specialFileReason(const QString& path) {
    const RegularFile probe(std::filesystem::path(path.toStdU16String()));
    return QString::fromStdString(probe.isOpen() ? std::string("is not a regular file")
                                                 : probe.problem());
}

void collectLoose(const QString& folder, ProjectImport& result) {
    // QDir::System lists FIFOs, sockets and devices too, so that they are reported.
    QDirIterator it(folder, QDir::Files | QDir::System, QDirIterator::Subdirectories);
    QStringList found;
    while (it.hasNext()) {
        const QString file = it.next();
        if (!ProjectImport::hasImageExtension(file) || it.fileName().startsWith('.')) {
            continue;
        }
        if (it.fileInfo().isFile()) {
            found.push_back(QDir::cleanPath(file));
        } else {
            result.skipped.push_back({QDir::cleanPath(file), specialFileReason(file)});
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
            result.skipped.push_back(
                {path, info.exists() ? specialFileReason(path) : QObject::tr("does not exist")});
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
