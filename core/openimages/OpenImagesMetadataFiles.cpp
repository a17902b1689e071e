// SPDX-License-Identifier: MIT
#include "openimages/OpenImagesMetadataFiles.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <utility>
#include <vector>

#include "openimages/OpenImagesRequest.h"
#include "support/StreamingCsvReader.h"

namespace tl {

namespace {

constexpr qint64 kHeadBytes = 64 * 1024;

bool isClassList(const QString& fileName) {
    return fileName == QLatin1String(openimages::kClassDescriptionsFile) ||
           fileName == QLatin1String(openimages::kBoxableClassDescriptionsFile);
}

bool isLabelId(std::string_view field) {
    return field.size() > 3 && (field.substr(0, 3) == "/m/" || field.substr(0, 3) == "/g/");
}

}  // namespace

QString OpenImagesMetadataFiles::contentProblem(const QString& fileName, const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
    }
    const QByteArray head = file.read(kHeadBytes);
    const QByteArray start = head.left(512).trimmed();
    if (start.isEmpty()) {
        return QStringLiteral("the server sent an empty file, not %1").arg(fileName);
    }
    if (start.startsWith('<') || start.left(15).toLower().contains("html")) {
        return QStringLiteral("the server sent a web page, not the CSV file %1").arg(fileName);
    }
    if (head.contains('\0')) {
        return QStringLiteral("the server sent binary data, not the CSV file %1").arg(fileName);
    }
    QBuffer buffer;
    buffer.setData(head);
    buffer.open(QIODevice::ReadOnly);
    StreamingCsvReader reader(&buffer, std::size_t(kHeadBytes) + 1);
    std::vector<std::string_view> fields;
    if (!reader.next(fields) || fields.size() < 2) {
        return QStringLiteral("%1 does not start with a CSV header").arg(fileName);
    }
    if (isClassList(fileName)) {
        // The full list has a "LabelName,DisplayName" header, the boxable list none.
        if (fields[0] != "LabelName" && !isLabelId(fields[0])) {
            return QStringLiteral("%1 does not start with class labels (/m/...)").arg(fileName);
        }
    } else if (fields[0] != "ImageID") {
        return QStringLiteral("%1 does not start with the ImageID column").arg(fileName);
    }
    return {};
}

OpenImagesMetadataFiles::OpenImagesMetadataFiles(QString dataDir, QString cacheDir,
                                                 QUrl metadataBaseUrl, HttpDownloadOptions http)
    : dataDir_(std::move(dataDir)),
      cacheDir_(std::move(cacheDir)),
      baseUrl_(std::move(metadataBaseUrl)),
      http_(std::move(http)) {}

QString OpenImagesMetadataFiles::locate(const QString& fileName) const {
    for (const QString& dir : {dataDir_, cacheDir_}) {
        if (dir.isEmpty()) {
            continue;
        }
        const QString path = QDir(dir).filePath(fileName);
        if (!QFileInfo(path).isFile()) {
            continue;
        }
        if (dir == cacheDir_ && !contentProblem(fileName, path).isEmpty()) {
            QFile::remove(path);  // TransferLab's own cache, poisoned before it was checked
            continue;
        }
        return path;
    }
    return {};
}

QString OpenImagesMetadataFiles::fetch(const QString& fileName, QString* error,
                                       const HttpDownloader::CancelCheck& isCanceled,
                                       const HttpDownloader::ProgressCallback& progress) {
    if (const QString path = locate(fileName); !path.isEmpty()) {
        return path;
    }
    const QString offlineHint =
        QStringLiteral("pass --data DIR or place the CSV files in %1").arg(cacheDir_);
    const QString dest = QDir(cacheDir_).filePath(fileName);
    // The plain name suits mirrors with a flat folder; the official server keeps some files
    // in older release folders, tried only when the plain name is missing.
    QStringList relativePaths{fileName};
    if (const QString official = openimages::officialRelativePath(fileName); official != fileName) {
        relativePaths.append(official);
    }
    HttpDownloadResult result;
    QUrl url;
    HttpDownloadOptions options = http_;
    options.verify = [fileName](const QString& part, QString* problem) {
        *problem = contentProblem(fileName, part);
        return problem->isEmpty();
    };
    for (const QString& relative : relativePaths) {
        url = baseUrl_.resolved(QUrl(relative));
        result = downloader_.download(url, dest, options, isCanceled, progress);
        if (result.status != HttpDownloadStatus::NotFound) {
            break;
        }
    }
    lastStatus_ = result.status;
    if (result.ok()) {
        return dest;
    }
    switch (result.status) {
        case HttpDownloadStatus::Canceled:
            *error = QStringLiteral("canceled");
            break;
        case HttpDownloadStatus::NetworkError:
            *error = QStringLiteral("cannot reach %1: %2; %3")
                         .arg(url.toDisplayString(), result.error, offlineHint);
            break;
        case HttpDownloadStatus::NotFound:
        case HttpDownloadStatus::HttpError:
            *error = QStringLiteral("cannot download %1: %2; %3")
                         .arg(url.toDisplayString(), result.error, offlineHint);
            break;
        default:
            *error =
                QStringLiteral("cannot download %1: %2").arg(url.toDisplayString(), result.error);
            break;
    }
    return {};
}

}  // namespace tl
