// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;
class QThread;

namespace tl {

// Knobs for one HttpDownloader::download() call. The defaults suit large files from public
// servers (metadata CSVs, model weights); tests shrink the timeouts and back-off.
struct HttpDownloadOptions {
    // Total tries of one URL, the first included. Retried: network errors, idle timeouts,
    // transfers below the minimum rate or past the attempt deadline, truncated bodies, HTTP 408/429
    // and 5xx. Never retried: 404/410 and other 4xx, and an unknown host name (offline or a typo:
    // retrying would only delay the error).
    int maxAttempts = 5;
    // Back-off before retry k (k = 1, 2, ...): initialBackoffMs * backoffFactor^(k-1), capped
    // at maxBackoffMs, with +-20% jitter so parallel clients do not retry in lock-step.
    // A server's Retry-After (seconds) on 429/503 is honoured up to maxBackoffMs.
    int initialBackoffMs = 1000;
    double backoffFactor = 2.0;
    int maxBackoffMs = 30000;
    // An attempt fails (and may be retried) when no byte arrives for this long, whether the
    // server stalls before its headers or in the middle of the body. 0 disables it.
    int idleTimeoutMs = 30000;
    // An attempt also fails when, over any rateWindowMs (checked at the end of each window),
    // less than minBytesPerSecond arrive on average: a server that sends one byte every half
    // second never trips the idle timeout. Default: 1 KiB/s over 30 s. 0 disables it.
    qint64 minBytesPerSecond = 1024;
    int rateWindowMs = 30000;
    // Upper bound for one attempt, however steadily bytes trickle in (default 30 minutes:
    // a 500 MB metadata file at the minimum useful speed). 0 = no bound. A retry of a
    // timed-out attempt resumes its .part, so a slow but steady transfer still completes.
    int attemptTimeoutMs = 30 * 60 * 1000;

    // Continue an existing "<dest>.part" with "Range: bytes=N-". Servers that ignore Range
    // (answer 200) are handled by starting over; a stale .part larger than the file too.
    bool resume = true;
    // A complete destination file is left alone and reported as AlreadyPresent without any
    // request (after the expectedSize / expectedSha256 checks below, when set).
    bool skipExisting = true;

    // Integrity checks run on the finished .part before it is renamed. A mismatch deletes the
    // .part (its bytes cannot be trusted for a resume) and reports VerificationFailed.
    qint64 expectedSize = -1;   // bytes; -1 = unknown
    QByteArray expectedSha256;  // lower- or upper-case hex; empty = no check
    // Custom check (e.g. "decodes as an image"). Return false and fill *error to reject.
    std::function<bool(const QString& partPath, QString* error)> verify;

    // Extra request headers (e.g. an Authorization header for a private mirror).
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray userAgent = "TransferLab";
};

enum class HttpDownloadStatus {
    Downloaded,          // fetched (fully or by resuming a .part) and renamed into place
    AlreadyPresent,      // destination already complete; nothing was requested
    NotFound,            // HTTP 404 or 410: not retried
    HttpError,           // another non-retryable HTTP status (401, 403, ...)
    NetworkError,        // retries exhausted on network errors / timeouts / 5xx
    VerificationFailed,  // size, SHA-256 or the custom verify hook rejected the bytes
    FileError,           // the destination could not be written or renamed
    Canceled,            // the cancel check returned true; the .part is kept for a resume
};

struct HttpDownloadResult {
    HttpDownloadStatus status = HttpDownloadStatus::NetworkError;
    int httpStatus = 0;        // last HTTP status seen, 0 when none (network error)
    int attempts = 0;          // requests made by this call
    qint64 bytesReceived = 0;  // body bytes written by this call (resumed bytes excluded)
    qint64 fileSize = 0;       // size of the destination file on success
    QByteArray sha256;         // lower-case hex, computed when expectedSha256 was set
    QString error;             // one line, empty on success
    bool ok() const {
        return status == HttpDownloadStatus::Downloaded ||
               status == HttpDownloadStatus::AlreadyPresent;
    }
};

// Synchronous, resumable, retrying HTTP(S) GET of one URL into one file.
//
//   HttpDownloader downloader;
//   HttpDownloadOptions options;
//   options.expectedSha256 = "9f86d0...";
//   auto result = downloader.download(url, "/models/mobilenet.h5", options,
//                                     [&] { return job.isCanceled(); },
//                                     [&](qint64 got, qint64 total) { ... });
//   if (!result.ok()) throw std::runtime_error(result.error.toStdString());
//
// The body is streamed to "<dest>.part" (constant memory) and renamed onto <dest> only
// once it is complete and verified, so <dest> either does not exist or is whole: a crash,
// a cancel or a network failure leaves a .part that the next call resumes with Range.
//
// Threading: download() blocks, running a private QEventLoop, so call it from a worker
// thread (a Job's run(), a QThread) or from a test. One instance per thread: it owns a
// QNetworkAccessManager (keep-alive connections are reused between calls) and recreates it
// if used from another thread. Cancellation and progress are polled/called in that thread.
// Proxies: the system configuration is used (QNetworkProxyFactory::setUseSystemConfiguration);
// loopback hosts always bypass the proxy. Responses are requested with
// "Accept-Encoding: identity" so byte offsets for Range always refer to the file itself.
class HttpDownloader {
public:
    // Returns true to abort; polled about every 50 ms and between attempts.
    using CancelCheck = std::function<bool()>;
    // bytesReceived counts the whole file (resumed prefix included); total is -1 if unknown.
    using ProgressCallback = std::function<void(qint64 bytesReceived, qint64 bytesTotal)>;

    HttpDownloader();
    ~HttpDownloader();
    HttpDownloader(const HttpDownloader&) = delete;
    HttpDownloader& operator=(const HttpDownloader&) = delete;

    HttpDownloadResult download(const QUrl& url, const QString& destPath,
                                const HttpDownloadOptions& options = {},
                                const CancelCheck& isCanceled = {},
                                const ProgressCallback& progress = {});

    // "<destPath>.part": where an unfinished download lives.
    static QString partPath(const QString& destPath);
    // Lower-case hex SHA-256 of a file, streamed; empty if it cannot be read.
    static QByteArray sha256OfFile(const QString& path);
    // Human-readable name of a status, for reports ("not found", "network error", ...).
    static QString statusText(HttpDownloadStatus status);

private:
    struct Attempt;
    Attempt runAttempt(const QUrl& url, const QString& partFile, const HttpDownloadOptions& options,
                       const CancelCheck& isCanceled, const ProgressCallback& progress);
    QNetworkAccessManager* manager();

    std::unique_ptr<QNetworkAccessManager> manager_;
    QThread* managerThread_ = nullptr;
};

}  // namespace tl
