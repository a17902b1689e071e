// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include "jobs/Job.h"
#include "openimages/OpenImagesRequest.h"
#include "support/HttpDownloader.h"

namespace tl {

class OpenImagesClassCatalog;
class OpenImagesMetadataFiles;
struct OpenImagesSelection;

// How one output folder fared.
struct OpenImagesClassReport {
    QString name;    // "Alpaca", or "Goat, Bear, Giraffe" for a pooled negative class
    QString folder;  // "alpaca", "not_alpaca"
    bool negative = false;
    qint64 eligible = 0;  // images of the split that qualified
    int wanted = 0;       // min(limit, eligible)
    int downloaded = 0;
    int alreadyPresent = 0;
    int notFound = 0;  // 404 / other HTTP refusals: skipped, a spare image replaces it
    int corrupt = 0;   // did not decode: skipped, a spare image replaces it
    int failed = 0;    // network errors after all retries: run again to resume
    int present() const { return downloaded + alreadyPresent; }
};

// An image that did not make it, for the report.
struct OpenImagesImageProblem {
    QString imageId;
    QString folder;
    HttpDownloadStatus status = HttpDownloadStatus::NetworkError;
    QString detail;
};

struct OpenImagesDownloadSummary {
    QList<OpenImagesClassReport> classes;
    QList<OpenImagesImageProblem> problems;
    qint64 rowsScanned = 0;
    qint64 invalidIds = 0;       // matching label rows whose ImageID was malformed: ignored
    qint64 bytesDownloaded = 0;  // image bytes received by this run
    QString attributionPath;     // empty when nothing was written
    bool attributionHasAuthors = false;
    int downloaded() const;
    int alreadyPresent() const;
    int failed() const;  // network failures only; 404s and corrupt files are not failures
};

// Builds an image-folder dataset from Google Open Images: one sub-folder per class plus
// attribution.csv (Open Images photos are CC BY 2.0: each needs its author's credit).
//
// Phases (phaseChanged): "metadata" (find or download the CSVs), "selection" (stream the
// labels CSV, pick images by seeded hash), "images" (N parallel verified downloads).
// countsChanged() carries the numbers of the current phase for a progress dialog.
//
// Resumable: images already on disk are not requested again, .part files continue with
// Range, and the same request picks the same images. Cancel at any time with cancel();
// the attribution file still describes what is on disk.
class OpenImagesDownloadJob : public Job {
    Q_OBJECT
public:
    explicit OpenImagesDownloadJob(OpenImagesRequest request, QObject* parent = nullptr);
    ~OpenImagesDownloadJob() override;

    const OpenImagesRequest& request() const { return request_; }
    // Complete after execute() returns; partial after a failure or cancel.
    const OpenImagesDownloadSummary& summary() const { return summary_; }

    // "Teddy bear" -> "teddy_bear": lower case, runs of other characters -> '_', then
    // ClassName::toFolderName ("con" -> "con_"). "../../evil" -> "evil": never a path.
    static QString folderName(const QString& className);

signals:
    // Current phase's progress: items are files (metadata), rows (selection) or images;
    // a total of -1 means unknown.
    void countsChanged(qint64 itemsDone, qint64 itemsTotal, qint64 bytesDone, qint64 bytesTotal);

protected:
    void run() override;

private:
    struct Target {
        QString name;
        QString folder;
        QStringList labelIds;
        bool negative = false;
        QStringList candidates;  // ranked; more than the limit, spares replace 404s
    };

    void validateRequest() const;
    QString fetchMetadata(OpenImagesMetadataFiles& files, const QString& fileName, int index,
                          int count);
    void loadCatalog(OpenImagesMetadataFiles& files, OpenImagesClassCatalog* catalog);
    void resolveTargets(const OpenImagesClassCatalog& catalog);
    void selectImages(const QString& labelsPath);
    QHash<QString, QStringList> readImageMetadata(const QString& path);
    void downloadImages();
    void writeAttribution(const QHash<QString, QStringList>& metadata);

    OpenImagesRequest request_;
    OpenImagesDownloadSummary summary_;
    QList<Target> targets_;
    QList<QPair<int, QString>> present_;  // (target, ImageID) on disk after the images phase
};

}  // namespace tl
