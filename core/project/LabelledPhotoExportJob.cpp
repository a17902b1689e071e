// SPDX-License-Identifier: MIT
#include "project/LabelledPhotoExportJob.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>

#include <filesystem>
#include <system_error>

#include "project/Project.h"
#include "support/CsvField.h"
#include "support/Errors.h"
#include "support/Paths.h"

namespace tl {

namespace {

QString folderNameFor(QString className) {
    static const QRegularExpression unsafe(QStringLiteral(R"([<>:"/\\|?*\x00-\x1f])"));
    className.replace(unsafe, QStringLiteral("_"));
    className = className.trimmed();
    if (className.isEmpty() || className == QLatin1String(".") ||
        className == QLatin1String("..")) {
        className = QStringLiteral("class");
    }
    return className;
}

// "IMG_1.jpg", then "IMG_1 (2).jpg": photos from different folders may share a name.
QString uniqueName(const QString& fileName, QSet<QString>& taken) {
    const QFileInfo info(fileName);
    QString candidate = fileName;
    for (int n = 2; taken.contains(candidate.toLower()); ++n) {
        candidate = QStringLiteral("%1 (%2)").arg(info.completeBaseName()).arg(n) +
                    (info.suffix().isEmpty() ? QString() : '.' + info.suffix());
    }
    taken.insert(candidate.toLower());
    return candidate;
}

[[noreturn]] void unsafe(const QString& destination, const QString& why) {
    throw UnsafeDestinationError(QObject::tr("%1 %2: choose a new folder")
                                     .arg(QDir::toNativeSeparators(destination), why)
                                     .toStdString(),
                                 toPath(destination));
}

}  // namespace

LabelledPhotoExportJob::LabelledPhotoExportJob(QVector<Photo> photos, QString destination,
                                               PhotoExportMode mode, QObject* parent)
    : Job(JobWeight::Light, parent),
      photos_(std::move(photos)),
      destination_(QDir::cleanPath(std::move(destination))),
      mode_(mode) {}

QVector<LabelledPhotoExportJob::Photo> LabelledPhotoExportJob::photosOf(const Project& project) {
    QVector<Photo> photos;
    for (const ProjectImage& image : project.images()) {
        if (!image.excluded && image.label >= 0 && image.label < project.classCount()) {
            photos.push_back({image.path, project.classNames()[image.label]});
        }
    }
    return photos;
}

void LabelledPhotoExportJob::run() {
    if (photos_.isEmpty()) {
        throw Error(ErrorKind::InvalidInput, tr("No labelled photos to export").toStdString());
    }
    checkDestination();
    if (mode_ == PhotoExportMode::LabelsCsv) {
        writeCsv();
    } else {
        writeFolders();
    }
}

void LabelledPhotoExportJob::checkDestination() const {
    const QFileInfo info(destination_);
    if (mode_ == PhotoExportMode::LabelsCsv) {
        if (info.exists()) {
            unsafe(destination_, tr("exists already"));
        }
        return;
    }
    if (info.exists() && !info.isDir()) {
        unsafe(destination_, tr("is a file"));
    }
    if (info.isDir() &&
        !QDir(destination_)
             .isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System)) {
        unsafe(destination_, tr("is not empty"));
    }
    // Writing the photos into the folders they come from would mix copies with originals.
    for (const Photo& photo : photos_) {
        if (QFileInfo(photo.path).absolutePath().startsWith(destination_ + '/') ||
            QFileInfo(photo.path).absolutePath() == destination_) {
            unsafe(destination_, tr("holds photos of the project"));
        }
    }
}

void LabelledPhotoExportJob::writeCsv() {
    setPhase(QStringLiteral("writing"), tr("Writing the labels"));
    QDir().mkpath(QFileInfo(destination_).absolutePath());
    QSaveFile out(destination_);
    if (!out.open(QIODevice::WriteOnly | QIODevice::Text)) {
        throw FileSystemError(
            tr("Cannot write %1: %2").arg(destination_, out.errorString()).toStdString(),
            toPath(destination_));
    }
    QByteArray text = "path,label\n";
    for (const Photo& photo : photos_) {
        text += (csvField(QDir::toNativeSeparators(photo.path)) + ',' + csvField(photo.className))
                    .toUtf8() +
                '\n';
        ++summary_.written;
    }
    throwIfCanceled();
    if (out.write(text) < 0 || !out.commit()) {
        throw FileSystemError(
            tr("Cannot write %1: %2").arg(destination_, out.errorString()).toStdString(),
            toPath(destination_));
    }
    log(tr("Wrote %n label(s) to %1", nullptr, summary_.written).arg(destination_));
}

void LabelledPhotoExportJob::writeFolders() {
    setPhase(QStringLiteral("copying"), mode_ == PhotoExportMode::HardLinks
                                            ? tr("Linking the photos")
                                            : tr("Copying the photos"));
    const QFileInfo target(destination_);
    const QString staging =
        target.absolutePath() + QStringLiteral("/.%1.partial").arg(target.fileName());
    QDir(staging).removeRecursively();  // our own leftover: its name is ours alone
    if (!QDir().mkpath(staging)) {
        throw FileSystemError(tr("Cannot create %1").arg(staging).toStdString(), toPath(staging));
    }
    try {
        QHash<QString, QString> folderOf;  // class name -> sub-folder
        QHash<QString, QSet<QString>> namesIn;
        QSet<QString> folderNames;
        for (int i = 0; i < photos_.size(); ++i) {
            throwIfCanceled();
            const Photo& photo = photos_[i];
            if (!folderOf.contains(photo.className)) {
                const QString folder = uniqueName(folderNameFor(photo.className), folderNames);
                folderOf.insert(photo.className, folder);
                QDir(staging).mkpath(folder);
            }
            const QString folder = folderOf.value(photo.className);
            if (!QFileInfo(photo.path).isFile()) {
                summary_.missing.push_back(photo.path);
                continue;
            }
            const QString to = QDir(staging).filePath(
                folder + '/' + uniqueName(QFileInfo(photo.path).fileName(), namesIn[folder]));
            bool linked = false;
            if (mode_ == PhotoExportMode::HardLinks) {
                std::error_code error;
                std::filesystem::create_hard_link(toPath(photo.path), toPath(to), error);
                linked = !error;
            }
            if (!linked && !QFile::copy(photo.path, to)) {
                throw FileSystemError(tr("Cannot copy %1 to %2").arg(photo.path, to).toStdString(),
                                      toPath(to));
            }
            ++summary_.written;
            summary_.linked += linked ? 1 : 0;
            setProgress(double(i + 1) / photos_.size(),
                        tr("%1 of %2 photos").arg(i + 1).arg(photos_.size()));
        }
        throwIfCanceled();
        if (target.isDir()) {
            QDir().rmdir(destination_);  // checked empty above
        }
        if (!QDir().rename(staging, destination_)) {
            throw FileSystemError(
                tr("Cannot move the export into %1").arg(destination_).toStdString(),
                toPath(destination_));
        }
    } catch (...) {
        QDir(staging).removeRecursively();
        throw;
    }
    log(tr("Exported %n photo(s) to %1", nullptr, summary_.written).arg(destination_));
    if (!summary_.missing.isEmpty()) {
        log(tr("%n photo(s) were missing and left out", nullptr, int(summary_.missing.size())));
    }
}

}  // namespace tl
