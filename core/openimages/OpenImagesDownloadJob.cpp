// SPDX-License-Identifier: MIT
#include "openimages/OpenImagesDownloadJob.h"

#include "support/Errors.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "data/ClassName.h"
#include "data/ImageDecoder.h"
#include "openimages/OpenImagesClassCatalog.h"
#include "openimages/OpenImagesLabelSelector.h"
#include "openimages/OpenImagesMetadataFiles.h"
#include "support/CsvField.h"
#include "support/DataSize.h"
#include "support/StreamingCsvReader.h"

namespace tl {

namespace {

constexpr int kProgressIntervalMs = 100;
constexpr int kMaxConcurrentDownloads = 64;

// Attribution columns copied from the image metadata CSV, in output order.
const char* const kCreditColumns[] = {"Author",      "AuthorProfileURL",   "License",
                                      "OriginalURL", "OriginalLandingURL", "Title"};
constexpr int kCreditColumnCount = int(sizeof(kCreditColumns) / sizeof(kCreditColumns[0]));

[[noreturn]] void fail(ErrorKind kind, const QString& message) {
    throw Error(kind, message.toStdString());
}

// Spare candidates per class replace images that turn out missing or corrupt; a few more
// than the limit keeps memory O(limit) while surviving a realistic share of dead links.
int candidatesFor(int limit) {
    return limit + limit / 5 + 5;
}

// The server may send a 200 with an HTML error page, a JPEG cut short (with a matching
// Content-Length) or a decompression bomb; only photos that pass every check the trainer
// applies (ImageDecoder::verify: limits from the header, whole JPEG data, a decode) become part
// of the dataset. Nothing is decoded at full size, so parallel downloads stay small in memory.
bool decodesAsImage(const QString& path, QString* error) {
    try {
        ImageDecoder::verify(std::filesystem::path(path.toStdU16String()));
        return true;
    } catch (const DecodeError& problem) {
        *error = QString::fromStdString(problem.reason());
        return false;
    }
}

// Hands out image downloads to the worker threads: per class, ranked candidates are taken
// while (present + in flight) is below the wanted count, so a failed image is replaced by
// the next spare, and no class gets more than it asked for.
class ImageScheduler {
public:
    struct Slot {
        QStringList queue;  // candidates not on disk yet, best-ranked first
        int next = 0;
        int wanted = 0;
        int present = 0;
        int inFlight = 0;
    };

    explicit ImageScheduler(QList<Slot> queues) : queues_(std::move(queues)) {}

    // Blocks until a task is available; false when everything is done or on cancel.
    bool take(int* target, QString* imageId, const std::function<bool()>& isCanceled) {
        std::unique_lock<std::mutex> lock(mutex_);
        for (;;) {
            if (isCanceled()) {
                return false;
            }
            for (int k = 0; k < queues_.size(); ++k) {
                const int t = (rotation_ + k) % int(queues_.size());
                Slot& slot = queues_[t];
                if (slot.present + slot.inFlight < slot.wanted && slot.next < slot.queue.size()) {
                    *target = t;
                    *imageId = slot.queue.at(slot.next++);
                    ++slot.inFlight;
                    ++inFlight_;
                    rotation_ = t + 1;  // round-robin: every class makes progress
                    return true;
                }
            }
            if (inFlight_ == 0) {
                return false;
            }
            // An in-flight download may still fail and need a spare: wait for it.
            condition_.wait_for(lock, std::chrono::milliseconds(kProgressIntervalMs));
        }
    }

    void finish(int target, bool present) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            Slot& slot = queues_[target];
            --slot.inFlight;
            --inFlight_;
            if (present) {
                ++slot.present;
            }
        }
        condition_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable condition_;
    QList<Slot> queues_;
    int rotation_ = 0;
    int inFlight_ = 0;
};

}  // namespace

int OpenImagesDownloadSummary::downloaded() const {
    int total = 0;
    for (const auto& report : classes) {
        total += report.downloaded;
    }
    return total;
}

int OpenImagesDownloadSummary::alreadyPresent() const {
    int total = 0;
    for (const auto& report : classes) {
        total += report.alreadyPresent;
    }
    return total;
}

int OpenImagesDownloadSummary::failed() const {
    int total = 0;
    for (const auto& report : classes) {
        total += report.failed;
    }
    return total;
}

OpenImagesDownloadJob::OpenImagesDownloadJob(OpenImagesRequest request, QObject* parent)
    : Job(JobWeight::Light, parent), request_(std::move(request)) {}

OpenImagesDownloadJob::~OpenImagesDownloadJob() = default;

QString OpenImagesDownloadJob::folderName(const QString& className) {
    QString slug;
    bool pendingSeparator = false;
    for (const QChar c : className.trimmed().toLower()) {
        if (c.isLetterOrNumber()) {
            if (pendingSeparator && !slug.isEmpty()) {
                slug += QLatin1Char('_');
            }
            slug += c;
            pendingSeparator = false;
        } else {
            pendingSeparator = true;
        }
    }
    if (slug.isEmpty()) {
        return {};
    }
    // The class-name rule's folder form on top: reserved names ("con" -> "con_"), length.
    return QString::fromStdString(ClassName::toFolderName(slug.toStdString()));
}

void OpenImagesDownloadJob::run() {
    summary_ = OpenImagesDownloadSummary();
    targets_.clear();
    present_.clear();
    validateRequest();

    setPhase(QStringLiteral("metadata"), tr("Metadata"));
    OpenImagesMetadataFiles files(request_.dataDir, openimages::cacheDir(request_.cacheDir),
                                  openimages::metadataBaseUrl(request_.metadataBaseUrl),
                                  request_.metadataHttp);
    OpenImagesClassCatalog catalog;
    loadCatalog(files, &catalog);
    resolveTargets(catalog);
    const QString labelsPath =
        fetchMetadata(files, openimages::labelsFile(request_.split, request_.labelSource), 1, 3);
    const QString imageMetadataFile = openimages::imageMetadataFile(request_.split);
    QString imageMetadataPath = files.locate(imageMetadataFile);
    if (imageMetadataPath.isEmpty() && request_.fetchImageMetadata) {
        try {
            imageMetadataPath = fetchMetadata(files, imageMetadataFile, 2, 3);
        } catch (const JobCanceled&) {
            throw;
        } catch (const std::exception& error) {
            // Credits are wanted but not worth failing the dataset for.
            log(tr("Warning: no author credits in the attribution file: %1").arg(error.what()));
        }
    }
    emit countsChanged(3, 3, 0, -1);

    setPhase(QStringLiteral("selection"), tr("Selecting photos"));
    selectImages(labelsPath);
    const QHash<QString, QStringList> credits = readImageMetadata(imageMetadataPath);
    summary_.attributionHasAuthors = !credits.isEmpty();

    setPhase(QStringLiteral("images"), tr("Downloading photos"));
    try {
        downloadImages();
    } catch (const JobCanceled&) {
        writeAttribution(credits);  // what is on disk stays credited, even after a cancel
        throw;
    }
    writeAttribution(credits);
    setProgress(1.0, tr("%1 images downloaded, %2 already present")
                         .arg(summary_.downloaded())
                         .arg(summary_.alreadyPresent()));
}

void OpenImagesDownloadJob::validateRequest() const {
    if (request_.classes.isEmpty()) {
        fail(ErrorKind::InvalidInput, tr("no class given"));
    }
    if (request_.limitPerClass < 1) {
        fail(ErrorKind::InvalidInput, tr("the limit per class must be at least 1"));
    }
    if (request_.outputDir.isEmpty()) {
        fail(ErrorKind::InvalidInput, tr("no output folder given"));
    }
    if (request_.concurrentDownloads < 1 ||
        request_.concurrentDownloads > kMaxConcurrentDownloads) {
        fail(ErrorKind::InvalidInput,
             tr("parallel downloads must be between 1 and %1").arg(kMaxConcurrentDownloads));
    }
    if (request_.classes.size() + (request_.negativeClasses.isEmpty() ? 0 : 1) > 64) {
        fail(ErrorKind::InvalidInput, tr("at most 64 classes at once"));
    }
}

// Finds or downloads one metadata file, reporting bytes; throws with the offline hint.
QString OpenImagesDownloadJob::fetchMetadata(OpenImagesMetadataFiles& files,
                                             const QString& fileName, int index, int count) {
    if (const QString path = files.locate(fileName); !path.isEmpty()) {
        log(tr("Using %1").arg(QDir::toNativeSeparators(path)));
        return path;
    }
    log(tr("Downloading %1 into %2").arg(fileName, QDir::toNativeSeparators(files.cacheDir())));
    QElapsedTimer throttle;
    throttle.start();
    QString error;
    const QString path = files.fetch(
        fileName, &error, [this] { return isCanceled(); },
        [&](qint64 received, qint64 total) {
            if (throttle.elapsed() < kProgressIntervalMs) {
                return;
            }
            throttle.restart();
            setProgress(total > 0 ? double(received) / total : 0.0,
                        tr("%1: %2 of %3")
                            .arg(fileName, formatDataSize(received),
                                 total > 0 ? formatDataSize(total) : tr("unknown size")));
            emit countsChanged(index, count, received, total);
        });
    throwIfCanceled();
    if (path.isEmpty()) {
        fail(ErrorKind::Network, error);
    }
    return path;
}

// The full class list covers image-level labels; the boxable list is the one that matters
// for boxes. Either serves to resolve names, so a local copy of the other one is enough.
void OpenImagesDownloadJob::loadCatalog(OpenImagesMetadataFiles& files,
                                        OpenImagesClassCatalog* catalog) {
    QStringList order{QString::fromLatin1(openimages::kClassDescriptionsFile),
                      QString::fromLatin1(openimages::kBoxableClassDescriptionsFile)};
    if (request_.labelSource == OpenImagesLabelSource::BoundingBoxes) {
        std::reverse(order.begin(), order.end());
    }
    QString path = files.locate(order.at(0));
    if (path.isEmpty()) {
        path = files.locate(order.at(1));
    }
    if (path.isEmpty()) {
        try {
            path = fetchMetadata(files, order.at(0), 0, 3);
        } catch (const JobCanceled&) {
            throw;
        } catch (const std::exception&) {
            // Only a server without that file deserves a second try; offline fails once.
            const HttpDownloadStatus status = files.lastStatus();
            if (status != HttpDownloadStatus::NotFound && status != HttpDownloadStatus::HttpError) {
                throw;
            }
            QString error;
            path = files.fetch(order.at(1), &error, [this] { return isCanceled(); });
            throwIfCanceled();
            if (path.isEmpty()) {
                throw;  // the first error explains best what went wrong
            }
        }
    }
    QString error;
    if (!catalog->load(path, &error)) {
        fail(ErrorKind::CorruptFile, error);
    }
    log(tr("%1 classes in %2").arg(catalog->size()).arg(QFileInfo(path).fileName()));
}

// Turns the requested names into label MIDs and output folders; unknown names fail with
// suggestions ("did you mean ...").
void OpenImagesDownloadJob::resolveTargets(const OpenImagesClassCatalog& catalog) {
    auto resolve = [&](const QString& name) {
        const QList<OpenImagesClass> found = catalog.find(name);
        if (found.isEmpty()) {
            const QStringList close = catalog.suggestions(name);
            fail(ErrorKind::InvalidInput,
                 close.isEmpty() ? tr("unknown Open Images class \"%1\"").arg(name.trimmed())
                                 : tr("unknown Open Images class \"%1\"; did you mean: %2?")
                                       .arg(name.trimmed(), close.join(QStringLiteral(", "))));
        }
        if (found.size() > 1) {
            QStringList ids;
            for (const auto& entry : found) {
                ids.append(entry.labelId);
            }
            log(tr("\"%1\" names %2 labels (%3); using all of them")
                    .arg(name.trimmed())
                    .arg(found.size())
                    .arg(ids.join(QStringLiteral(", "))));
        }
        return found;
    };

    QSet<QString> folders;
    QSet<QString> positiveIds;
    for (const QString& name : request_.classes) {
        const QList<OpenImagesClass> found = resolve(name);
        Target target;
        target.name = found.first().displayName;
        target.folder = folderName(target.name);
        for (const auto& entry : found) {
            target.labelIds.append(entry.labelId);
            positiveIds.insert(entry.labelId);
        }
        if (target.folder.isEmpty() || folders.contains(target.folder)) {
            fail(ErrorKind::InvalidInput,
                 tr("class \"%1\" is given twice or has no usable folder name").arg(name));
        }
        folders.insert(target.folder);
        targets_.append(target);
    }
    if (request_.negativeClasses.isEmpty()) {
        return;
    }
    Target negative;
    negative.negative = true;
    QStringList names;
    for (const QString& name : request_.negativeClasses) {
        for (const auto& entry : resolve(name)) {
            if (positiveIds.contains(entry.labelId)) {
                fail(ErrorKind::InvalidInput,
                     tr("\"%1\" cannot be both a class and a negative class")
                         .arg(entry.displayName));
            }
            negative.labelIds.append(entry.labelId);
        }
        names.append(catalog.find(name).first().displayName);
    }
    negative.name = names.join(QStringLiteral(", "));
    negative.folder = !request_.negativeFolder.isEmpty() ? folderName(request_.negativeFolder)
                      : targets_.size() == 1 ? QStringLiteral("not_") + targets_.first().folder
                                             : QStringLiteral("other");
    if (negative.folder.isEmpty() || folders.contains(negative.folder)) {
        fail(ErrorKind::InvalidInput,
             tr("the negative class folder \"%1\" clashes with a class").arg(negative.folder));
    }
    targets_.append(negative);
}

void OpenImagesDownloadJob::selectImages(const QString& labelsPath) {
    QList<OpenImagesSelectionTarget> selectionTargets;
    for (const Target& target : targets_) {
        selectionTargets.append(
            {target.name, target.labelIds, candidatesFor(request_.limitPerClass), target.negative});
    }
    OpenImagesLabelSelector selector(selectionTargets, request_.seed);
    const qint64 fileSize = QFileInfo(labelsPath).size();
    QElapsedTimer throttle;
    throttle.start();
    OpenImagesSelection selection;
    QString error;
    const bool ok = selector.selectFromFile(
        labelsPath, &selection, &error,
        [&](qint64 bytes, qint64 rows) {
            if (throttle.elapsed() < kProgressIntervalMs) {
                return;
            }
            throttle.restart();
            setProgress(fileSize > 0 ? double(bytes) / fileSize : 0.0,
                        tr("%1 of %2, %3 rows")
                            .arg(formatDataSize(bytes), formatDataSize(fileSize))
                            .arg(rows));
            emit countsChanged(rows, -1, bytes, fileSize);
        },
        [this] { return isCanceled(); });
    throwIfCanceled();
    if (!ok) {
        fail(ErrorKind::CorruptFile, error);
    }
    summary_.rowsScanned = selection.rows;
    summary_.invalidIds = selection.invalidIds;
    emit countsChanged(selection.rows, selection.rows, selection.bytes, fileSize);
    if (!selection.groupedByImage) {
        log(tr("Warning: %1 is not sorted by ImageID; images labelled with several of the "
               "classes may not all be recognised")
                .arg(QFileInfo(labelsPath).fileName()));
    }
    if (selection.ambiguous > 0) {
        log(tr("%1 images carry more than one of the classes and were left out")
                .arg(selection.ambiguous));
    }
    if (selection.invalidIds > 0) {
        log(tr("%1 rows with a malformed ImageID were ignored").arg(selection.invalidIds));
    }
    for (int t = 0; t < targets_.size(); ++t) {
        Target& target = targets_[t];
        target.candidates = selection.images.value(t);
        OpenImagesClassReport report;
        report.name = target.name;
        report.folder = target.folder;
        report.negative = target.negative;
        report.eligible = selection.eligible.value(t);
        report.wanted = int(std::min<qint64>(request_.limitPerClass, target.candidates.size()));
        summary_.classes.append(report);
        log(tr("%1: %2 images in the %3 split, taking %4")
                .arg(target.folder)
                .arg(report.eligible)
                .arg(openimages::splitName(request_.split))
                .arg(report.wanted));
        if (report.wanted < request_.limitPerClass) {
            log(tr("Warning: only %1 images available for %2").arg(report.wanted).arg(target.name));
        }
    }
}

// Credits (author, licence, URLs) for every candidate, read in one streaming pass.
QHash<QString, QStringList> OpenImagesDownloadJob::readImageMetadata(const QString& path) {
    QHash<QString, QStringList> credits;
    if (path.isEmpty()) {
        return credits;
    }
    std::vector<std::string> wanted;  // sorted: binary search without allocating per row
    for (const Target& target : targets_) {
        for (const QString& id : target.candidates) {
            wanted.push_back(id.toStdString());
        }
    }
    std::sort(wanted.begin(), wanted.end());
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        log(tr("Warning: cannot read %1: %2").arg(path, file.errorString()));
        return credits;
    }
    const qint64 fileSize = file.size();
    StreamingCsvReader reader(&file);
    std::vector<std::string_view> fields;
    if (!reader.next(fields) || fields.empty() || fields[0] != "ImageID") {
        log(tr("Warning: %1 has no ImageID header; no author credits").arg(path));
        return credits;
    }
    std::vector<int> columns(kCreditColumnCount, -1);
    for (std::size_t i = 0; i < fields.size(); ++i) {
        for (int c = 0; c < kCreditColumnCount; ++c) {
            if (fields[i] == kCreditColumns[c]) {
                columns[c] = int(i);
            }
        }
    }
    QElapsedTimer throttle;
    throttle.start();
    while (reader.next(fields) && credits.size() < qsizetype(wanted.size())) {
        if (throttle.elapsed() >= kProgressIntervalMs) {
            throttle.restart();
            throwIfCanceled();
            setProgress(fileSize > 0 ? double(reader.bytesRead()) / fileSize : 0.0,
                        tr("image credits: %1 of %2")
                            .arg(formatDataSize(reader.bytesRead()), formatDataSize(fileSize)));
        }
        if (fields.empty() || !std::binary_search(wanted.begin(), wanted.end(), fields[0])) {
            continue;
        }
        QStringList row;
        for (int column : columns) {
            row.append(
                column >= 0 && std::size_t(column) < fields.size()
                    ? QString::fromUtf8(fields[column].data(), qsizetype(fields[column].size()))
                    : QString());
        }
        credits.insert(QString::fromLatin1(fields[0].data(), qsizetype(fields[0].size())), row);
    }
    if (!reader.error().isEmpty()) {
        log(tr("Warning: %1: %2").arg(path, reader.error()));
    }
    return credits;
}

void OpenImagesDownloadJob::downloadImages() {
    const QDir out(request_.outputDir);
    const QUrl base = openimages::imageBaseUrl(request_.imageBaseUrl);
    QList<ImageScheduler::Slot> queues;
    int total = 0;
    int alreadyThere = 0;
    for (int t = 0; t < targets_.size(); ++t) {
        const Target& target = targets_.at(t);
        OpenImagesClassReport& report = summary_.classes[t];
        if (!out.mkpath(target.folder)) {
            fail(ErrorKind::FileSystem,
                 tr("cannot create %1").arg(QDir::toNativeSeparators(out.filePath(target.folder))));
        }
        ImageScheduler::Slot slot;
        slot.wanted = report.wanted;
        QSet<QString> candidates;
        for (const QString& id : target.candidates) {
            candidates.insert(id + QStringLiteral(".jpg"));
            if (!OpenImagesLabelSelector::isValidImageId(id)) {
                continue;  // the selector already checked; never let a bad ID reach a path
            }
            if (QFileInfo::exists(out.filePath(target.folder + '/' + id + ".jpg"))) {
                present_.append({t, id});  // on disk: credited even beyond the limit
                if (slot.present < slot.wanted) {
                    ++slot.present;
                    ++report.alreadyPresent;
                }
            } else {
                slot.queue.append(id);
            }
        }
        const QStringList onDisk =
            QDir(out.filePath(target.folder)).entryList({QStringLiteral("*.jpg")}, QDir::Files);
        const auto strangers = std::count_if(onDisk.begin(), onDisk.end(), [&](const QString& f) {
            return !candidates.contains(f);
        });
        if (strangers > 0) {
            log(tr("Warning: %1 other images in %2/ are not part of this selection")
                    .arg(strangers)
                    .arg(target.folder));
        }
        total += slot.wanted;
        alreadyThere += slot.present;
        queues.append(slot);
    }
    log(tr("%1 images wanted, %2 already present").arg(total).arg(alreadyThere));

    ImageScheduler scheduler(queues);
    std::mutex resultsMutex;
    QStringList pendingLog;
    std::atomic<qint64> bytes{0};
    std::atomic<int> done{alreadyThere};
    std::atomic<int> networkFailures{0};
    std::atomic<int> successes{0};
    std::atomic<bool> abort{false};
    const auto stop = [this, &abort] { return abort.load() || isCanceled(); };

    HttpDownloadOptions options = request_.imageHttp;
    options.skipExisting = true;
    options.verify = decodesAsImage;

    auto worker = [&] {
        HttpDownloader downloader;
        int t = 0;
        QString id;
        while (scheduler.take(&t, &id, stop)) {
            const QString dest = out.filePath(targets_.at(t).folder + '/' + id + ".jpg");
            qint64 reported = QFileInfo(HttpDownloader::partPath(dest)).size();
            const HttpDownloadResult result =
                downloader.download(openimages::imageUrl(base, request_.split, id), dest, options,
                                    stop, [&](qint64 received, qint64) {
                                        bytes += received - reported;
                                        reported = received;
                                    });
            if (result.status == HttpDownloadStatus::Canceled) {
                scheduler.finish(t, false);
                continue;
            }
            {
                std::lock_guard<std::mutex> lock(resultsMutex);
                OpenImagesClassReport& report = summary_.classes[t];
                summary_.bytesDownloaded += result.bytesReceived;
                switch (result.status) {
                    case HttpDownloadStatus::Downloaded:
                        ++report.downloaded;
                        break;
                    case HttpDownloadStatus::AlreadyPresent:
                        ++report.alreadyPresent;
                        break;
                    case HttpDownloadStatus::NotFound:
                    case HttpDownloadStatus::HttpError:
                        ++report.notFound;
                        break;
                    case HttpDownloadStatus::VerificationFailed:
                        ++report.corrupt;
                        break;
                    default:
                        ++report.failed;
                        break;
                }
                if (result.ok()) {
                    present_.append({t, id});
                } else {
                    const OpenImagesImageProblem problem{id, targets_.at(t).folder, result.status,
                                                         result.error};
                    summary_.problems.append(problem);
                    pendingLog.append(tr("Skipped %1 (%2): %3: %4")
                                          .arg(id, problem.folder,
                                               HttpDownloader::statusText(problem.status),
                                               problem.detail));
                }
            }
            if (result.ok()) {
                ++successes;
                ++done;
            } else if (result.status == HttpDownloadStatus::NetworkError) {
                ++networkFailures;
            }
            scheduler.finish(t, result.ok());
        }
    };

    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < request_.concurrentDownloads; ++i) {
        threads.emplace_back(QThread::create(worker));
        threads.back()->start();
    }
    // A server that cannot be reached fails every transfer: stop early instead of burning
    // through every spare with full retries.
    const int offlineAfter = std::max(4, request_.concurrentDownloads);
    auto allFinished = [&] {
        return std::all_of(threads.begin(), threads.end(),
                           [](const auto& thread) { return thread->isFinished(); });
    };
    QString firstNetworkError;
    while (!allFinished()) {
        QThread::msleep(kProgressIntervalMs);
        QStringList lines;
        {
            std::lock_guard<std::mutex> lock(resultsMutex);
            lines.swap(pendingLog);
            if (firstNetworkError.isEmpty()) {
                for (const auto& problem : summary_.problems) {
                    if (problem.status == HttpDownloadStatus::NetworkError) {
                        firstNetworkError = problem.detail;
                        break;
                    }
                }
            }
        }
        for (const QString& line : lines) {
            log(line);
        }
        if (successes == 0 && networkFailures >= offlineAfter) {
            abort = true;
        }
        setProgress(total > 0 ? double(done) / total : 1.0,
                    tr("%1 of %2 images, %3").arg(done).arg(total).arg(formatDataSize(bytes)));
        emit countsChanged(done, total, bytes, -1);
    }
    for (auto& thread : threads) {
        thread->wait();
    }
    for (const QString& line : std::as_const(pendingLog)) {
        log(line);
    }
    emit countsChanged(done, total, bytes, -1);
    throwIfCanceled();
    if (abort) {
        fail(ErrorKind::Network,
             tr("cannot reach %1: %2").arg(base.toDisplayString(), firstNetworkError));
    }
}

void OpenImagesDownloadJob::writeAttribution(const QHash<QString, QStringList>& credits) {
    if (present_.isEmpty()) {
        return;
    }
    std::sort(present_.begin(), present_.end(), [&](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second < b.second;
    });
    const QString path = QDir(request_.outputDir).filePath(openimages::kAttributionFile);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        fail(ErrorKind::FileSystem, tr("cannot write %1: %2").arg(path, file.errorString()));
    }
    QStringList header{QStringLiteral("ImageID"), QStringLiteral("Class"), QStringLiteral("File")};
    for (const char* column : kCreditColumns) {
        header.append(QString::fromLatin1(column));
    }
    QByteArray text = header.join(',').toUtf8() + '\n';
    for (const auto& [target, id] : std::as_const(present_)) {
        QStringList row{id, targets_.at(target).folder,
                        targets_.at(target).folder + '/' + id + QStringLiteral(".jpg")};
        const QStringList credit = credits.value(id, QStringList(kCreditColumnCount));
        for (const QString& value : credit) {
            row.append(csvField(value));
        }
        text += row.join(',').toUtf8() + '\n';
    }
    file.write(text);
    if (!file.commit()) {
        fail(ErrorKind::FileSystem, tr("cannot write %1: %2").arg(path, file.errorString()));
    }
    summary_.attributionPath = path;
}

}  // namespace tl
