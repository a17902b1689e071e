// SPDX-License-Identifier: MIT
#include "support/HttpDownloader.h"
#include "support/Errors.h"
#include "support/FileHash.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <mutex>
#include <system_error>

namespace tl {

namespace {

constexpr int kCancelPollMs = 50;
constexpr qint64 kReadBufferBytes = 1 << 20;  // bounds Qt's buffering when the disk is slow

bool isLoopbackHost(const QString& host) {
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool isRetryableStatus(int status) {
    return status == 408 || status == 429 || (status >= 500 && status <= 599);
}

// "Retry-After: <seconds>" (the HTTP-date form is rare for these servers and ignored).
int retryAfterMs(const QNetworkReply& reply) {
    bool ok = false;
    const int seconds = reply.rawHeader("Retry-After").trimmed().toInt(&ok);
    return ok && seconds >= 0 ? seconds * 1000 : -1;
}

// Content-Range: "bytes START-END/TOTAL" or "bytes */TOTAL"; TOTAL may be "*".
struct ContentRange {
    qint64 start = -1;
    qint64 total = -1;
};

ContentRange parseContentRange(const QByteArray& value) {
    static const QRegularExpression pattern(
        QStringLiteral(R"(^\s*bytes\s+(?:(\d+)-\d+|\*)/(\d+|\*)\s*$)"));
    const auto match = pattern.match(QString::fromLatin1(value));
    ContentRange range;
    if (match.hasMatch()) {
        if (match.capturedLength(1) > 0) {
            range.start = match.captured(1).toLongLong();
        }
        if (match.captured(2) != QLatin1String("*")) {
            range.total = match.captured(2).toLongLong();
        }
    }
    return range;
}

int backoffMs(const HttpDownloadOptions& options, int retryIndex, int serverHintMs) {
    const double base =
        options.initialBackoffMs * std::pow(std::max(1.0, options.backoffFactor), retryIndex - 1);
    double delay = std::min<double>(base, options.maxBackoffMs);
    const double jitter = 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
    delay *= jitter;
    if (serverHintMs >= 0) {
        delay = std::max<double>(delay, std::min(serverHintMs, options.maxBackoffMs));
    }
    return std::max(0, int(delay));
}

// Sleeps in short slices so a cancel during back-off is honoured promptly.
bool sleepUnlessCanceled(int ms, const HttpDownloader::CancelCheck& isCanceled) {
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms) {
        if (isCanceled && isCanceled()) {
            return false;
        }
        QThread::msleep(std::min<qint64>(kCancelPollMs, ms - timer.elapsed()));
    }
    return !(isCanceled && isCanceled());
}

// std::filesystem::rename replaces an existing target atomically on POSIX and uses
// MoveFileEx(MOVEFILE_REPLACE_EXISTING) on Windows, unlike QFile::rename.
bool replaceFile(const QString& from, const QString& to, QString* error) {
    std::error_code code;
    std::filesystem::rename(std::filesystem::path(from.toStdU16String()),
                            std::filesystem::path(to.toStdU16String()), code);
    if (code) {
        *error = QString::fromStdString(code.message());
        return false;
    }
    return true;
}

void useSystemProxyOnce() {
    static std::once_flag once;
    std::call_once(once, [] { QNetworkProxyFactory::setUseSystemConfiguration(true); });
}

}  // namespace

// What one request ended with; download() decides whether to retry.
struct HttpDownloader::Attempt {
    enum Kind { Complete, Retry, Fatal, Unreachable, Restart, Canceled, WriteFailed };
    Kind kind = Retry;
    int httpStatus = 0;
    qint64 bytesWritten = 0;
    int retryAfterMs = -1;
    QString error;
};

HttpDownloader::HttpDownloader() {
    useSystemProxyOnce();
}

HttpDownloader::~HttpDownloader() = default;

QString HttpDownloader::partPath(const QString& destPath) {
    return destPath + ".part";
}

QByteArray HttpDownloader::sha256OfFile(const QString& path) {
    try {
        return FileHash::of(path);
    } catch (const FileSystemError&) {
        return {};  // the caller reports the file as unreadable
    }
}

QString HttpDownloader::statusText(HttpDownloadStatus status) {
    switch (status) {
        case HttpDownloadStatus::Downloaded:
            return QStringLiteral("downloaded");
        case HttpDownloadStatus::AlreadyPresent:
            return QStringLiteral("already present");
        case HttpDownloadStatus::NotFound:
            return QStringLiteral("not found");
        case HttpDownloadStatus::HttpError:
            return QStringLiteral("HTTP error");
        case HttpDownloadStatus::NetworkError:
            return QStringLiteral("network error");
        case HttpDownloadStatus::VerificationFailed:
            return QStringLiteral("verification failed");
        case HttpDownloadStatus::FileError:
            return QStringLiteral("file error");
        case HttpDownloadStatus::Canceled:
            return QStringLiteral("canceled");
    }
    return {};
}

QNetworkAccessManager* HttpDownloader::manager() {
    // A QNetworkAccessManager must be used from the thread it lives in.
    if (!manager_ || managerThread_ != QThread::currentThread()) {
        manager_ = std::make_unique<QNetworkAccessManager>();
        manager_->setAutoDeleteReplies(false);
        managerThread_ = QThread::currentThread();
    }
    return manager_.get();
}

HttpDownloadResult HttpDownloader::download(const QUrl& url, const QString& destPath,
                                            const HttpDownloadOptions& options,
                                            const CancelCheck& isCanceled,
                                            const ProgressCallback& progress) {
    HttpDownloadResult result;
    const QString part = partPath(destPath);

    auto fail = [&](HttpDownloadStatus status, const QString& error) {
        result.status = status;
        result.error = error;
        return result;
    };
    auto rejectPart = [&](const QString& error) {
        QFile::remove(part);
        return fail(HttpDownloadStatus::VerificationFailed, error);
    };

    if (options.skipExisting && QFileInfo::exists(destPath)) {
        const qint64 size = QFileInfo(destPath).size();
        const bool sizeOk = options.expectedSize < 0 || size == options.expectedSize;
        const bool hashOk = options.expectedSha256.isEmpty() ||
                            sha256OfFile(destPath) == options.expectedSha256.toLower();
        if (sizeOk && hashOk) {
            result.status = HttpDownloadStatus::AlreadyPresent;
            result.fileSize = size;
            return result;
        }
    }
    if (!QDir().mkpath(QFileInfo(destPath).absolutePath())) {
        return fail(HttpDownloadStatus::FileError,
                    QStringLiteral("cannot create folder %1").arg(QFileInfo(destPath).path()));
    }
    if (!options.resume ||
        (options.expectedSize >= 0 && QFileInfo(part).size() > options.expectedSize)) {
        QFile::remove(part);
    }

    bool complete = false;
    for (int attempt = 1; attempt <= std::max(1, options.maxAttempts) && !complete; ++attempt) {
        if (isCanceled && isCanceled()) {
            return fail(HttpDownloadStatus::Canceled, QStringLiteral("canceled"));
        }
        const Attempt outcome = runAttempt(url, part, options, isCanceled, progress);
        result.attempts = attempt;
        result.bytesReceived += outcome.bytesWritten;
        result.httpStatus = outcome.httpStatus;
        switch (outcome.kind) {
            case Attempt::Complete:
                complete = true;
                break;
            case Attempt::Canceled:
                return fail(HttpDownloadStatus::Canceled, QStringLiteral("canceled"));
            case Attempt::WriteFailed:
                return fail(HttpDownloadStatus::FileError, outcome.error);
            case Attempt::Fatal:
                QFile::remove(part);
                return fail(outcome.httpStatus == 404 || outcome.httpStatus == 410
                                ? HttpDownloadStatus::NotFound
                                : HttpDownloadStatus::HttpError,
                            outcome.error);
            case Attempt::Unreachable:
                return fail(HttpDownloadStatus::NetworkError, outcome.error);
            case Attempt::Restart:
                // The .part did not fit the server's file: start over at once, no back-off.
                QFile::remove(part);
                result.error = outcome.error;
                break;
            case Attempt::Retry:
                result.error = outcome.error;
                if (attempt < options.maxAttempts &&
                    !sleepUnlessCanceled(backoffMs(options, attempt, outcome.retryAfterMs),
                                         isCanceled)) {
                    return fail(HttpDownloadStatus::Canceled, QStringLiteral("canceled"));
                }
                break;
        }
    }
    if (!complete) {
        return fail(
            HttpDownloadStatus::NetworkError,
            QStringLiteral("%1 (after %2 attempts)").arg(result.error).arg(result.attempts));
    }

    const qint64 size = QFileInfo(part).size();
    if (options.expectedSize >= 0 && size != options.expectedSize) {
        return rejectPart(
            QStringLiteral("size %1 bytes, expected %2 bytes").arg(size).arg(options.expectedSize));
    }
    if (!options.expectedSha256.isEmpty()) {
        result.sha256 = sha256OfFile(part);
        if (result.sha256 != options.expectedSha256.toLower()) {
            return rejectPart(QStringLiteral("SHA-256 %1, expected %2")
                                  .arg(QString::fromLatin1(result.sha256),
                                       QString::fromLatin1(options.expectedSha256.toLower())));
        }
    }
    QString verifyError;
    if (options.verify && !options.verify(part, &verifyError)) {
        return rejectPart(verifyError.isEmpty() ? QStringLiteral("rejected by verification")
                                                : verifyError);
    }
    QString renameError;
    if (!replaceFile(part, destPath, &renameError)) {
        return fail(HttpDownloadStatus::FileError,
                    QStringLiteral("cannot rename %1: %2").arg(part, renameError));
    }
    result.status = HttpDownloadStatus::Downloaded;
    result.fileSize = size;
    result.error.clear();
    return result;
}

HttpDownloader::Attempt HttpDownloader::runAttempt(const QUrl& url, const QString& partFile,
                                                   const HttpDownloadOptions& options,
                                                   const CancelCheck& isCanceled,
                                                   const ProgressCallback& progress) {
    Attempt outcome;
    QFile part(partFile);
    qint64 offset = QFileInfo::exists(partFile) ? QFileInfo(partFile).size() : 0;
    if (!part.open(offset > 0 ? QIODevice::Append : QIODevice::WriteOnly | QIODevice::Truncate)) {
        outcome.kind = Attempt::WriteFailed;
        outcome.error = QStringLiteral("cannot write %1: %2").arg(partFile, part.errorString());
        return outcome;
    }

    QNetworkRequest request(url);
    // Identity encoding: Qt would otherwise ask for gzip and inflate transparently, and byte
    // offsets (Range, Content-Length) would no longer match the bytes written to disk.
    request.setRawHeader("Accept-Encoding", "identity");
    request.setHeader(QNetworkRequest::UserAgentHeader, options.userAgent);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    for (const auto& [name, value] : options.headers) {
        request.setRawHeader(name, value);
    }
    if (offset > 0) {
        request.setRawHeader("Range", "bytes=" + QByteArray::number(offset) + "-");
    }
    QNetworkAccessManager* nam = manager();
    nam->setProxy(isLoopbackHost(url.host()) ? QNetworkProxy(QNetworkProxy::NoProxy)
                                             : QNetworkProxy(QNetworkProxy::DefaultProxy));
    std::unique_ptr<QNetworkReply> reply(nam->get(request));
    reply->setReadBufferSize(kReadBufferBytes);

    QEventLoop loop;
    QTimer idleTimer;
    QTimer pollTimer;
    QTimer attemptTimer;
    QTimer rateTimer;
    qint64 bytesArrived = 0;  // every body byte of this attempt, kept or not
    qint64 bytesAtWindowStart = 0;
    QString timeoutReason;  // non-empty once a timer aborted the request
    bool canceled = false;
    bool headersSeen = false;
    bool acceptBody = false;  // only 200/206 bodies go to the file; error pages are dropped
    qint64 total = -1;

    auto onHeaders = [&] {
        if (headersSeen) {
            return;
        }
        headersSeen = true;
        outcome.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const qint64 length = reply->header(QNetworkRequest::ContentLengthHeader).isValid()
                                  ? reply->header(QNetworkRequest::ContentLengthHeader).toLongLong()
                                  : -1;
        if (outcome.httpStatus == 206) {
            const ContentRange range = parseContentRange(reply->rawHeader("Content-Range"));
            if (range.start != offset) {
                outcome.kind = Attempt::Restart;
                outcome.error = QStringLiteral("server resumed at byte %1 instead of %2")
                                    .arg(range.start)
                                    .arg(offset);
                reply->abort();
                return;
            }
            total = range.total >= 0 ? range.total : (length >= 0 ? offset + length : -1);
            acceptBody = true;
        } else if (outcome.httpStatus == 200) {
            // The server ignored Range (or there was none): the body is the whole file.
            if (offset > 0) {
                part.resize(0);
                offset = 0;
            }
            total = length;
            acceptBody = true;
        }
    };
    auto onReadyRead = [&] {
        idleTimer.start();
        onHeaders();
        const QByteArray chunk = reply->readAll();
        bytesArrived += chunk.size();
        if (!acceptBody || chunk.isEmpty()) {
            return;
        }
        if (part.write(chunk) != chunk.size()) {
            outcome.kind = Attempt::WriteFailed;
            outcome.error = QStringLiteral("cannot write %1: %2").arg(partFile, part.errorString());
            acceptBody = false;
            reply->abort();
            return;
        }
        outcome.bytesWritten += chunk.size();
        if (progress) {
            progress(offset + outcome.bytesWritten, total);
        }
    };

    QObject::connect(reply.get(), &QNetworkReply::metaDataChanged, &loop, [&] {
        idleTimer.start();
        onHeaders();
    });
    QObject::connect(reply.get(), &QNetworkReply::readyRead, &loop, onReadyRead);
    QObject::connect(reply.get(), &QNetworkReply::redirected, &loop, [&] {
        headersSeen = false;  // the headers that matter are the redirect target's
    });
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (options.idleTimeoutMs > 0) {
        idleTimer.setSingleShot(true);
        idleTimer.setInterval(options.idleTimeoutMs);
        QObject::connect(&idleTimer, &QTimer::timeout, &loop, [&] {
            timeoutReason =
                QStringLiteral("no data received for %1 s").arg(options.idleTimeoutMs / 1000.0);
            reply->abort();
        });
        idleTimer.start();
    }
    if (options.attemptTimeoutMs > 0) {
        attemptTimer.setSingleShot(true);
        QObject::connect(&attemptTimer, &QTimer::timeout, &loop, [&] {
            timeoutReason =
                QStringLiteral("timed out after %1 s").arg(options.attemptTimeoutMs / 1000.0);
            reply->abort();
        });
        attemptTimer.start(options.attemptTimeoutMs);
    }
    if (options.minBytesPerSecond > 0 && options.rateWindowMs > 0) {
        const qint64 minimum = options.minBytesPerSecond * options.rateWindowMs / 1000;
        // `minimum` by value: this block ends long before the timer fires (AddressSanitizer
        // found the read after its scope).
        QObject::connect(&rateTimer, &QTimer::timeout, &loop, [&, minimum] {
            const qint64 received = bytesArrived - bytesAtWindowStart;
            if (received < minimum) {
                timeoutReason = QStringLiteral("too slow: %1 bytes in %2 s (minimum %3 bytes/s)")
                                    .arg(received)
                                    .arg(options.rateWindowMs / 1000.0)
                                    .arg(options.minBytesPerSecond);
                reply->abort();
            }
            bytesAtWindowStart = bytesArrived;
        });
        rateTimer.start(options.rateWindowMs);
    }
    if (isCanceled) {
        QObject::connect(&pollTimer, &QTimer::timeout, &loop, [&] {
            if (isCanceled()) {
                canceled = true;
                reply->abort();
            }
        });
        pollTimer.start(kCancelPollMs);
    }
    if (!reply->isFinished()) {
        loop.exec();
    }
    idleTimer.stop();
    pollTimer.stop();
    attemptTimer.stop();
    rateTimer.stop();
    const bool timedOut = !timeoutReason.isEmpty();
    if (!timedOut && !canceled && outcome.kind != Attempt::WriteFailed &&
        outcome.kind != Attempt::Restart) {
        onReadyRead();  // bytes that arrived together with finished()
    }
    part.close();

    const int status = outcome.httpStatus;
    if (canceled) {
        outcome.kind = Attempt::Canceled;
        return outcome;
    }
    if (outcome.kind == Attempt::WriteFailed || outcome.kind == Attempt::Restart) {
        return outcome;
    }
    if (timedOut) {
        outcome.kind = Attempt::Retry;
        outcome.error = timeoutReason;
        return outcome;
    }
    if (status == 416) {
        // Range not satisfiable: either the .part already holds the whole file or it is stale.
        const ContentRange range = parseContentRange(reply->rawHeader("Content-Range"));
        if (range.total >= 0 && range.total == offset) {
            outcome.kind = Attempt::Complete;
        } else {
            outcome.kind = Attempt::Restart;
            outcome.error = QStringLiteral("HTTP 416 for a partial file of %1 bytes").arg(offset);
        }
        return outcome;
    }
    if (status == 0) {
        // An unknown host almost always means "offline" or a typo: fail fast, the caller's
        // message is more useful than minutes of back-off. Everything else is retried.
        outcome.kind = reply->error() == QNetworkReply::HostNotFoundError ? Attempt::Unreachable
                                                                          : Attempt::Retry;
        outcome.error = reply->errorString();
        return outcome;
    }
    if (isRetryableStatus(status)) {
        outcome.kind = Attempt::Retry;
        outcome.retryAfterMs = retryAfterMs(*reply);
        outcome.error = QStringLiteral("HTTP %1").arg(status);
        return outcome;
    }
    if (!acceptBody) {
        outcome.kind = Attempt::Fatal;
        outcome.error = QStringLiteral("HTTP %1").arg(status);
        return outcome;
    }
    if (reply->error() != QNetworkReply::NoError) {
        // Typically the connection dropped mid-body; what arrived stays in the .part.
        outcome.kind = Attempt::Retry;
        outcome.error = reply->errorString();
        return outcome;
    }
    if (total >= 0 && offset + outcome.bytesWritten != total) {
        outcome.kind = Attempt::Retry;
        outcome.error = QStringLiteral("connection closed after %1 of %2 bytes")
                            .arg(offset + outcome.bytesWritten)
                            .arg(total);
        return outcome;
    }
    outcome.kind = Attempt::Complete;
    return outcome;
}

}  // namespace tl
