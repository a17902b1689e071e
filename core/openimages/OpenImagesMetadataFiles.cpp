// SPDX-License-Identifier: MIT
#include "openimages/OpenImagesMetadataFiles.h"

#include <QDir>
#include <QFileInfo>

#include <utility>

#include "openimages/OpenImagesRequest.h"

namespace tl {

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
        if (QFileInfo(path).isFile()) {
            return path;
        }
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
    for (const QString& relative : relativePaths) {
        url = baseUrl_.resolved(QUrl(relative));
        result = downloader_.download(url, dest, http_, isCanceled, progress);
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
