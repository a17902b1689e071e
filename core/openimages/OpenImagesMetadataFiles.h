// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QUrl>

#include "support/HttpDownloader.h"

namespace tl {

// Finds or fetches the Open Images metadata CSVs (class list, labels, image metadata).
// Lookup order: the hand-filled data folder (read-only), then the cache folder, then a
// (resumable) download from the metadata server into the cache. Shared by the download
// job and by class listing, so the CLI and a dialog find files the same way.
class OpenImagesMetadataFiles {
public:
    OpenImagesMetadataFiles(QString dataDir, QString cacheDir, QUrl metadataBaseUrl,
                            HttpDownloadOptions http = {});

    // An already available copy, or an empty string. A cached copy that is not the CSV
    // (written by an older version that did not check) is removed so it is fetched again.
    QString locate(const QString& fileName) const;

    // locate(), else download into the cache. Returns the path, or an empty string with a
    // one-line *error that says how to work offline. A cancel also returns empty.
    QString fetch(const QString& fileName, QString* error,
                  const HttpDownloader::CancelCheck& isCanceled = {},
                  const HttpDownloader::ProgressCallback& progress = {});

    // Why the file at `path` cannot be the Open Images CSV `fileName`, or empty: a server
    // that answers 200 with an HTML page (a proxy's login, an error page) or anything without
    // the CSV's header must never enter the cache, where every later run would trip on it.
    // Checks only the first line.
    static QString contentProblem(const QString& fileName, const QString& path);

    // How the last fetch() that went to the network ended (to tell "missing" from "offline").
    HttpDownloadStatus lastStatus() const { return lastStatus_; }

    QString cacheDir() const { return cacheDir_; }
    QString dataDir() const { return dataDir_; }
    QUrl baseUrl() const { return baseUrl_; }

private:
    QString dataDir_;
    QString cacheDir_;
    QUrl baseUrl_;
    HttpDownloadOptions http_;
    HttpDownloader downloader_;
    HttpDownloadStatus lastStatus_ = HttpDownloadStatus::AlreadyPresent;
};

}  // namespace tl
