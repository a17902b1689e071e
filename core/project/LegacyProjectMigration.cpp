// SPDX-License-Identifier: MIT
#include "project/LegacyProjectMigration.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSaveFile>

#include "project/FolderMove.h"
#include "project/ProjectLibrary.h"

namespace tl {

namespace {

constexpr qint64 kMaxProjectFileSize = 256ll * 1024 * 1024;

// "<folder>-<16 hex digits>.json": the name the old autosave gave a dataset folder's project.
QString projectNameOf(const QFileInfo& autosaveFile, const QJsonObject& root) {
    static const QRegularExpression hashed(QStringLiteral("^(.*)-[0-9a-f]{16}$"));
    const QRegularExpressionMatch match = hashed.match(autosaveFile.completeBaseName());
    if (match.hasMatch() && !match.captured(1).isEmpty()) {
        return match.captured(1);
    }
    const QJsonArray roots = root.value("datasetRoots").toArray();
    if (!roots.isEmpty()) {
        return QFileInfo(roots.first().toString()).fileName();
    }
    return autosaveFile.completeBaseName();
}

// The path after the folders that moved: "<old data>/open-images/x.jpg" -> "<new data>/...".
QString relocated(const QString& stored, const QHash<QString, QString>& moves) {
    const QString path = QDir::fromNativeSeparators(stored);
    for (auto it = moves.cbegin(); it != moves.cend(); ++it) {
        if (path == it.key() || path.startsWith(it.key() + '/')) {
            return it.value() + path.mid(it.key().size());
        }
    }
    return stored;
}

QJsonArray relocatedPaths(const QJsonArray& paths, const QHash<QString, QString>& moves) {
    QJsonArray out;
    for (const QJsonValue& value : paths) {
        out.append(relocated(value.toString(), moves));
    }
    return out;
}

bool isInside(const QString& path, const QDir& folder) {
    return !path.isEmpty() && !folder.relativeFilePath(path).startsWith(QLatin1String(".."));
}

void removeIfEmpty(const QString& folder) {
    QDir().rmdir(folder);  // fails, harmlessly, unless the folder is empty
}

}  // namespace

LegacyProjectMigration::Result LegacyProjectMigration::run(
    const QString& autosaveFolder, const ProjectLibrary& library,
    const QHash<QString, QString>& relocatedFolders) {
    Result result;
    const QDir autosave(autosaveFolder);
    if (!autosave.exists()) {
        return result;
    }
    for (const QFileInfo& file : autosave.entryInfoList({QStringLiteral("*.json")}, QDir::Files)) {
        QFile in(file.absoluteFilePath());
        if (file.size() > kMaxProjectFileSize || !in.open(QIODevice::ReadOnly)) {
            continue;
        }
        QJsonObject root = QJsonDocument::fromJson(in.readAll()).object();
        in.close();
        if (root.value("format").toString() != QLatin1String("transferlab-project")) {
            continue;  // not ours: leave it
        }
        QJsonArray images = root.value("images").toArray();
        for (int i = 0; i < images.size(); ++i) {
            QJsonObject image = images[i].toObject();
            image.insert("path", relocated(image.value("path").toString(), relocatedFolders));
            images[i] = image;
        }
        root.insert("images", images);
        root.insert("datasetRoots",
                    relocatedPaths(root.value("datasetRoots").toArray(), relocatedFolders));
        const QString target = library.newProjectFolder(projectNameOf(file, root));
        if (!QDir().mkpath(target)) {
            result.problems.push_back(QObject::tr("Cannot create %1").arg(target));
            continue;
        }
        QJsonArray runs = root.value("runs").toArray();
        for (int i = 0; i < runs.size(); ++i) {
            QJsonObject run = runs[i].toObject();
            const QString model = relocated(run.value("modelFolder").toString(), relocatedFolders);
            run.insert("modelFolder", model);
            if (isInside(model, autosave) && QFileInfo(model).isDir()) {
                const QString moved =
                    QDir(target).filePath(QStringLiteral("models/") + QFileInfo(model).fileName());
                QString error;
                if (moveFileOrFolder(model, moved, &error)) {
                    run.insert("modelFolder", moved);
                } else {
                    result.problems.push_back(error);
                }
            }
            runs[i] = run;
        }
        root.insert("runs", runs);
        const QString projectFile = ProjectLibrary::projectFile(target);
        QSaveFile out(projectFile);
        if (!out.open(QIODevice::WriteOnly) ||
            out.write(QJsonDocument(root).toJson(QJsonDocument::Indented)) < 0 || !out.commit()) {
            result.problems.push_back(
                QObject::tr("Cannot write %1: %2").arg(projectFile, out.errorString()));
            continue;
        }
        QFile::remove(file.absoluteFilePath());
        result.projectFiles.insert(QDir::cleanPath(file.absoluteFilePath()), projectFile);
        for (const QJsonValue& datasetRoot : root.value("datasetRoots").toArray()) {
            result.datasetFolders.insert(QDir::cleanPath(datasetRoot.toString()), projectFile);
        }
    }
    removeIfEmpty(autosave.filePath(QStringLiteral("models")));
    removeIfEmpty(autosave.absolutePath());
    return result;
}

}  // namespace tl
