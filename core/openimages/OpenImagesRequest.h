// SPDX-License-Identifier: MIT
#pragma once

#include <QDir>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QUrl>

#include "support/HttpDownloader.h"

namespace tl {

enum class OpenImagesSplit { Train, Validation, Test };
// Which annotations decide that an image shows a class: the human-verified image-level
// labels (more images) or the bounding boxes (boxable classes only, object clearly visible).
enum class OpenImagesLabelSource { ImageLabels, BoundingBoxes };

// Every Open Images default lives here: servers, file names, environment overrides.
namespace openimages {

inline const char* const kImageBaseUrl = "https://open-images-dataset.s3.amazonaws.com/";
inline const char* const kMetadataBaseUrl = "https://storage.googleapis.com/openimages/v6/";
inline const char* const kImageBaseUrlEnv = "TRANSFERLAB_OPEN_IMAGES_BASE_URL";
inline const char* const kMetadataUrlEnv = "TRANSFERLAB_OPEN_IMAGES_METADATA_URL";
inline const char* const kCacheEnv = "TRANSFERLAB_OPEN_IMAGES_CACHE";

inline const char* const kClassDescriptionsFile = "oidv6-class-descriptions.csv";
inline const char* const kBoxableClassDescriptionsFile = "class-descriptions-boxable.csv";
inline const char* const kAttributionFile = "attribution.csv";

inline QString splitName(OpenImagesSplit split) {
    switch (split) {
        case OpenImagesSplit::Train:
            return QStringLiteral("train");
        case OpenImagesSplit::Validation:
            return QStringLiteral("validation");
        case OpenImagesSplit::Test:
            return QStringLiteral("test");
    }
    return {};
}

inline bool parseSplit(const QString& name, OpenImagesSplit* split) {
    for (auto candidate :
         {OpenImagesSplit::Train, OpenImagesSplit::Validation, OpenImagesSplit::Test}) {
        if (name.compare(splitName(candidate), Qt::CaseInsensitive) == 0) {
            *split = candidate;
            return true;
        }
    }
    return false;
}

// `ImageID,Source,LabelName,Confidence` (image-level) or the bounding-box annotations.
inline QString labelsFile(OpenImagesSplit split, OpenImagesLabelSource source) {
    const bool boxes = source == OpenImagesLabelSource::BoundingBoxes;
    switch (split) {
        case OpenImagesSplit::Train:
            return boxes ? QStringLiteral("oidv6-train-annotations-bbox.csv")
                         : QStringLiteral("oidv6-train-annotations-human-imagelabels.csv");
        case OpenImagesSplit::Validation:
            return boxes ? QStringLiteral("validation-annotations-bbox.csv")
                         : QStringLiteral("validation-annotations-human-imagelabels.csv");
        case OpenImagesSplit::Test:
            return boxes ? QStringLiteral("test-annotations-bbox.csv")
                         : QStringLiteral("test-annotations-human-imagelabels.csv");
    }
    return {};
}

// Per-image author, licence and source URLs, for the attribution file.
inline QString imageMetadataFile(OpenImagesSplit split) {
    switch (split) {
        case OpenImagesSplit::Train:
            return QStringLiteral("oidv6-train-images-with-labels-with-rotation.csv");
        case OpenImagesSplit::Validation:
            return QStringLiteral("validation-images-with-rotation.csv");
        case OpenImagesSplit::Test:
            return QStringLiteral("test-images-with-rotation.csv");
    }
    return {};
}

// On the official server several files are not under v6/ but in older release folders.
// Tried (relative to the metadata base URL) when the plain file name answers 404, so a
// mirror with a flat folder and the official layout both work.
inline QString officialRelativePath(const QString& fileName) {
    static const QStringList inV5 = {
        QStringLiteral("class-descriptions-boxable.csv"),
        QStringLiteral("validation-annotations-human-imagelabels.csv"),
        QStringLiteral("test-annotations-human-imagelabels.csv"),
        QStringLiteral("validation-annotations-bbox.csv"),
        QStringLiteral("test-annotations-bbox.csv"),
    };
    if (inV5.contains(fileName)) {
        return QStringLiteral("../v5/") + fileName;
    }
    if (fileName == QLatin1String("validation-images-with-rotation.csv")) {
        return QStringLiteral("../2018_04/validation/") + fileName;
    }
    if (fileName == QLatin1String("test-images-with-rotation.csv")) {
        return QStringLiteral("../2018_04/test/") + fileName;
    }
    return fileName;
}

inline QUrl withTrailingSlash(const QString& url) {
    return QUrl(url.endsWith('/') ? url : url + '/');
}

// Explicit value > environment variable > built-in default.
inline QUrl imageBaseUrl(const QString& explicitUrl = {}) {
    if (!explicitUrl.isEmpty()) {
        return withTrailingSlash(explicitUrl);
    }
    const QString env = qEnvironmentVariable(kImageBaseUrlEnv);
    return withTrailingSlash(env.isEmpty() ? QString::fromLatin1(kImageBaseUrl) : env);
}

inline QUrl metadataBaseUrl(const QString& explicitUrl = {}) {
    if (!explicitUrl.isEmpty()) {
        return withTrailingSlash(explicitUrl);
    }
    const QString env = qEnvironmentVariable(kMetadataUrlEnv);
    return withTrailingSlash(env.isEmpty() ? QString::fromLatin1(kMetadataBaseUrl) : env);
}

inline QString cacheDir(const QString& explicitDir = {}) {
    if (!explicitDir.isEmpty()) {
        return QDir::cleanPath(explicitDir);
    }
    const QString env = qEnvironmentVariable(kCacheEnv);
    if (!env.isEmpty()) {
        return QDir::cleanPath(env);
    }
    return QStandardPaths::writableLocation(QStandardPaths::CacheLocation) +
           QStringLiteral("/open-images");
}

// <base>/<split>/<ImageID>.jpg, the public bucket's layout.
inline QUrl imageUrl(const QUrl& base, OpenImagesSplit split, const QString& imageId) {
    return base.resolved(QUrl(splitName(split) + '/' + imageId + QStringLiteral(".jpg")));
}

}  // namespace openimages

// Everything the download job needs; a CLI command or a dialog fills it in.
// Empty URL / folder fields mean "the default" (see the openimages namespace above).
struct OpenImagesRequest {
    // Display names ("Alpaca", case-insensitive) or label MIDs ("/m/0pcr"). Each class gets
    // its own folder; an image labelled with more than one of them is skipped as ambiguous.
    QStringList classes;
    // Classes pooled into one negative folder ("Goat,Bear,Giraffe" -> not_alpaca/). Images
    // that also carry one of `classes` are left out of it.
    QStringList negativeClasses;
    // Folder of the negative class; default "not_<class>" for one class, "other" for several.
    QString negativeFolder;
    int limitPerClass = 150;
    OpenImagesSplit split = OpenImagesSplit::Train;
    OpenImagesLabelSource labelSource = OpenImagesLabelSource::ImageLabels;
    // Same seed + same metadata = same images, whatever the file order or buffer sizes.
    quint64 seed = 0;

    QString outputDir;
    QString cacheDir;         // downloaded metadata CSVs; empty = openimages::cacheDir()
    QString dataDir;          // optional folder with the CSVs placed by hand; read-only
    QString imageBaseUrl;     // empty = openimages::imageBaseUrl()
    QString metadataBaseUrl;  // empty = openimages::metadataBaseUrl()
    // Fetch the image metadata CSV (author, licence, URLs) for the attribution file. When
    // false, it is still used if already present in dataDir or the cache.
    bool fetchImageMetadata = true;

    int concurrentDownloads = 8;
    // Photos are small: 20 s without data, or under 1 KiB/s over 20 s, or 2 minutes in all
    // end an attempt; after 4 attempts the photo is skipped and a spare replaces it.
    HttpDownloadOptions imageHttp = [] {
        HttpDownloadOptions options;
        options.idleTimeoutMs = 20000;
        options.rateWindowMs = 20000;
        options.attemptTimeoutMs = 2 * 60 * 1000;
        options.maxAttempts = 4;
        return options;
    }();
    // Metadata files are large: a long idle timeout and rate window, 30 minutes per attempt
    // (a retry resumes the .part), quicker first retries (an offline machine gets its error
    // within seconds).
    HttpDownloadOptions metadataHttp = [] {
        HttpDownloadOptions options;
        options.initialBackoffMs = 500;
        options.idleTimeoutMs = 60000;
        options.rateWindowMs = 60000;
        options.attemptTimeoutMs = 30 * 60 * 1000;
        return options;
    }();
};

}  // namespace tl
