// SPDX-License-Identifier: MIT
#include "project/ProjectLibrary.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>

#include "project/Project.h"

namespace tl {

namespace {

// Project files are small (a 10,000-photo project is about 1 MB); anything far larger is not
// one of ours and is not read while scanning.
constexpr qint64 kMaxScannedProjectSize = 64ll * 1024 * 1024;

QString safeFolderName(QString name) {
    static const QRegularExpression unsafe(QStringLiteral(R"([<>:"/\\|?*\x00-\x1f])"));
    name.replace(unsafe, QStringLiteral("_"));
    name = name.trimmed();
    while (name.startsWith('.')) {
        name.remove(0, 1);
    }
    return name.isEmpty() ? QObject::tr("Project") : name.left(80);
}

QStringList datasetRootsOf(const QString& projectFile) {
    QFile file(projectFile);
    if (file.size() > kMaxScannedProjectSize || !file.open(QIODevice::ReadOnly)) {
        return {};
    }
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    const QDir base = QFileInfo(projectFile).absoluteDir();
    QStringList roots;
    for (const QJsonValue& value : root.value("datasetRoots").toArray()) {
        const QString stored = value.toString();
        roots.push_back(
            QDir::cleanPath(QDir::isAbsolutePath(stored) ? stored : base.absoluteFilePath(stored)));
    }
    return roots;
}

}  // namespace

ProjectLibrary::ProjectLibrary(QString folder) : folder_(QDir::cleanPath(std::move(folder))) {}

QString ProjectLibrary::defaultFolder() {
    const QString fromEnv = qEnvironmentVariable("TRANSFERLAB_PROJECTS_DIR");
    if (!fromEnv.isEmpty()) {
        return QDir::cleanPath(fromEnv);
    }
    QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (documents.isEmpty()) {
        documents = QDir::homePath();
    }
    return QDir(documents).filePath(QStringLiteral("TransferLab"));
}

QString ProjectLibrary::newProjectFolder(const QString& name) const {
    const QString base = safeFolderName(name);
    const QDir library(folder_);
    QString candidate = base;
    for (int n = 2; QFileInfo::exists(library.filePath(candidate)); ++n) {
        candidate = QStringLiteral("%1 %2").arg(base).arg(n);
    }
    return library.filePath(candidate);
}

QString ProjectLibrary::projectFile(const QString& projectFolder) {
    return QDir(projectFolder).filePath(QLatin1String(Project::kFileName));
}

QStringList ProjectLibrary::projectFiles() const {
    QStringList files;
    const QDir library(folder_);
    for (const QString& name :
         library.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::IgnoreCase)) {
        const QString file = projectFile(library.filePath(name));
        if (QFileInfo(file).isFile()) {
            files.push_back(file);
        }
    }
    return files;
}

QString ProjectLibrary::projectForDataset(const QString& datasetFolder) const {
    const QString wanted = QDir::cleanPath(QFileInfo(datasetFolder).absoluteFilePath());
    for (const QString& file : projectFiles()) {
        if (datasetRootsOf(file).contains(wanted)) {
            return file;
        }
    }
    return {};
}

QString ProjectLibrary::displayName(const QString& projectFile) {
    const QFileInfo info(projectFile);
    return info.fileName() == QLatin1String(Project::kFileName) ? info.absoluteDir().dirName()
                                                                : info.completeBaseName();
}

}  // namespace tl
