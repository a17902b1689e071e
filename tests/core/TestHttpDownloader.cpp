// SPDX-License-Identifier: MIT
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include "FixtureHttpServer.h"
#include "support/HttpDownloader.h"

using namespace tl;
using tl::test::FixtureHttpServer;
using tl::test::FixtureResponse;

namespace {

QByteArray randomBytes(int size, quint32 seed) {
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (char& byte : bytes) {
        byte = char(generator.bounded(256));
    }
    return bytes;
}

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

// Small timeouts and back-off keep every failure scenario well under a second.
HttpDownloadOptions fastOptions() {
    HttpDownloadOptions options;
    options.maxAttempts = 3;
    options.initialBackoffMs = 10;
    options.maxBackoffMs = 40;
    options.idleTimeoutMs = 2000;
    return options;
}

}  // namespace

class TestHttpDownloader : public QObject {
    Q_OBJECT

    FixtureHttpServer* server_ = nullptr;
    QTemporaryDir* dir_ = nullptr;
    const QByteArray body_ = randomBytes(200 * 1024, 7);

    QString dest(const QString& name = QStringLiteral("file.bin")) const {
        return dir_->filePath(name);
    }

private slots:
    void init() {
        server_ = new FixtureHttpServer;
        dir_ = new QTemporaryDir;
        QVERIFY(server_->isListening());
        QVERIFY(dir_->isValid());
    }

    void cleanup() {
        delete server_;
        delete dir_;
    }

    void downloadsWholeFileWithProgress() {
        server_->setBody("/f", body_);
        HttpDownloader downloader;
        qint64 last = -1;
        qint64 lastTotal = 0;
        bool monotonic = true;
        const auto result = downloader.download(server_->url("/f"), dest(), fastOptions(), {},
                                                [&](qint64 received, qint64 total) {
                                                    monotonic = monotonic && received > last;
                                                    last = received;
                                                    lastTotal = total;
                                                });
        QCOMPARE(result.status, HttpDownloadStatus::Downloaded);
        QVERIFY(result.ok());
        QCOMPARE(result.attempts, 1);
        QCOMPARE(result.bytesReceived, qint64(body_.size()));
        QCOMPARE(result.fileSize, qint64(body_.size()));
        QCOMPARE(readFile(dest()), body_);
        QVERIFY(!QFile::exists(HttpDownloader::partPath(dest())));
        QVERIFY(monotonic);
        QCOMPARE(last, qint64(body_.size()));
        QCOMPARE(lastTotal, qint64(body_.size()));
        // Identity encoding keeps Range offsets meaningful.
        QCOMPARE(server_->lastHeader("/f", "Accept-Encoding"), QByteArray("identity"));
        QCOMPARE(server_->rangeHeaders("/f"), QList<QByteArray>{QByteArray()});
    }

    void existingFileIsNotRequestedAgain() {
        server_->setBody("/f", body_);
        HttpDownloader downloader;
        QVERIFY(downloader.download(server_->url("/f"), dest(), fastOptions()).ok());
        const auto again = downloader.download(server_->url("/f"), dest(), fastOptions());
        QCOMPARE(again.status, HttpDownloadStatus::AlreadyPresent);
        QCOMPARE(again.attempts, 0);
        QCOMPARE(server_->requestCount("/f"), 1);
    }

    void existingFileWithWrongChecksumIsReplaced() {
        server_->setBody("/f", body_);
        writeFile(dest(), "stale");
        auto options = fastOptions();
        options.expectedSha256 =
            QCryptographicHash::hash(body_, QCryptographicHash::Sha256).toHex();
        const auto result = HttpDownloader().download(server_->url("/f"), dest(), options);
        QCOMPARE(result.status, HttpDownloadStatus::Downloaded);
        QCOMPARE(readFile(dest()), body_);
    }

    void retriesAfter500() {
        server_->setResponses("/f", {FixtureResponse::withStatus(500), FixtureResponse::ok(body_)});
        const auto result = HttpDownloader().download(server_->url("/f"), dest(), fastOptions());
        QCOMPARE(result.status, HttpDownloadStatus::Downloaded);
        QCOMPARE(result.attempts, 2);
        QCOMPARE(server_->requestCount("/f"), 2);
        QCOMPARE(readFile(dest()), body_);
    }

    void retriesAfter429WithRetryAfter() {
        auto busy = FixtureResponse::withStatus(429);
        busy.headers.append({QByteArray("Retry-After"), QByteArray("0")});
        server_->setResponses("/f", {busy, FixtureResponse::ok(body_)});
        const auto result = HttpDownloader().download(server_->url("/f"), dest(), fastOptions());
        QCOMPARE(result.status, HttpDownloadStatus::Downloaded);
        QCOMPARE(server_->requestCount("/f"), 2);
    }

    void gives5xxUpAfterMaxAttempts() {
        server_->setResponse("/f", FixtureResponse::withStatus(503));
        const auto result = HttpDownloader().download(server_->url("/f"), dest(), fastOptions());
        QCOMPARE(result.status, HttpDownloadStatus::NetworkError);
        QCOMPARE(result.httpStatus, 503);
        QCOMPARE(result.attempts, 3);
        QVERIFY2(result.error.contains("HTTP 503"), qPrintable(result.error));
        QCOMPARE(server_->requestCount("/f"), 3);
        QVERIFY(!QFile::exists(dest()));
    }

    void notFoundFailsFast() {
        const auto result =
            HttpDownloader().download(server_->url("/missing"), dest(), fastOptions());
        QCOMPARE(result.status, HttpDownloadStatus::NotFound);
        QCOMPARE(result.httpStatus, 404);
        QCOMPARE(server_->requestCount("/missing"), 1);
        QVERIFY(!QFile::exists(dest()));
        QVERIFY(!QFile::exists(HttpDownloader::partPath(dest())));
    }

    void forbiddenIsNotRetried() {
        server_->setResponse("/f", FixtureResponse::withStatus(403));
        const auto result = HttpDownloader().download(server_->url("/f"), dest(), fastOptions());
        QCOMPARE(result.status, HttpDownloadStatus::HttpError);
        QCOMPARE(server_->requestCount("/f"), 1);
    }

    void followsRedirects() {
        auto moved = FixtureResponse::withStatus(302);
        moved.headers.append({QByteArray("Location"), server_->url("/real").toEncoded()});
        server_->setResponse("/f", moved);
        server_->setBody("/real", body_);
        const auto result = HttpDownloader().download(server_->url("/f"), dest(), fastOptions());
        QCOMPARE(result.status, HttpDownloadStatus::Downloaded);
        QCOMPARE(readFile(dest()), body_);
    }

    void resumesAfterConnectionDroppedMidBody() {
        auto dropped = FixtureResponse::ok(body_);
        dropped.dropAfterBytes = 50000;
        server_->setResponses("/f", {dropped, FixtureResponse::ok(body_)});
        const auto result = HttpDownloader().download(server_->url("/f"), dest(), fastOptions());
        QCOMPARE(result.status, HttpDownloadStatus::Downloaded);
        QCOMPARE(result.attempts, 2);
        QVERIFY(FixtureHttpServer::isResumeSequence(server_->rangeHeaders("/f"), "bytes=50000-"));
        QCOMPARE(result.bytesReceived, qint64(body_.size()));  // 50000 + the rest
        QCOMPARE(readFile(dest()), body_);
    }

    void resumesExistingPartFile() {
        server_->setBody("/f", body_);
        writeFile(HttpDownloader::partPath(dest()), body_.left(30000));
        const auto result = HttpDownloader().download(server_->url("/f"), dest(), fastOptions());
        QCOMPARE(result.status, HttpDownloadStatus::Downloaded);
        QCOMPARE(server_->rangeHeaders("/f"), QList<QByteArray>{QByteArray("bytes=30000-")});
        QCOMPARE(result.bytesReceived, qint64(body_.size() - 30000));
        QCOMPARE(readFile(dest()), body_);
    }

    void resumeDisabledStartsOver() {
        server_->setBody("/f", body_);
        writeFile(HttpDownloader::partPath(dest()), "garbage");
        auto options = fastOptions();
        options.resume = false;
        QVERIFY(HttpDownloader().download(server_->url("/f"), dest(), options).ok());
        QCOMPARE(server_->rangeHeaders("/f"), QList<QByteArray>{QByteArray()});
        QCOMPARE(readFile(dest()), body_);
    }

    void serverIgnoringRangeRestartsFromZero() {
        auto plain = FixtureResponse::ok(body_);
        plain.honourRange = false;
        server_->setResponse("/f", plain);
        writeFile(HttpDownloader::partPath(dest()), "not the right prefix");
        const auto result = HttpDownloader().download(server_->url("/f"), dest(), fastOptions());
        QCOMPARE(result.status, HttpDownloadStatus::Downloaded);
        QCOMPARE(server_->rangeHeaders("/f").size(), 1);
        QVERIFY(!server_->rangeHeaders("/f").first().isEmpty());
        QCOMPARE(readFile(dest()), body_);  // not appended to the stale prefix
    }

    void completePartFileIsFinishedOn416() {
        server_->setBody("/f", body_);
        writeFile(HttpDownloader::partPath(dest()), body_);
        const auto result = HttpDownloader().download(server_->url("/f"), dest(), fastOptions());
        QCOMPARE(result.status, HttpDownloadStatus::Downloaded);
        QCOMPARE(result.bytesReceived, qint64(0));
        QCOMPARE(readFile(dest()), body_);
    }

    void stalePartLargerThanFileStartsOver() {
        server_->setBody("/f", body_);
        writeFile(HttpDownloader::partPath(dest()), body_ + "tail");
        const auto result = HttpDownloader().download(server_->url("/f"), dest(), fastOptions());
        QCOMPARE(result.status, HttpDownloadStatus::Downloaded);
        QCOMPARE(server_->rangeHeaders("/f"),
                 (QList<QByteArray>{"bytes=" + QByteArray::number(body_.size() + 4) + "-",
                                    QByteArray()}));
        QCOMPARE(readFile(dest()), body_);
    }

    void idleTimeoutBeforeHeadersIsRetried() {
        auto stalled = FixtureResponse::ok(body_);
        stalled.delayBeforeHeadersMs = 3000;
        server_->setResponses("/f", {stalled, FixtureResponse::ok(body_)});
        auto options = fastOptions();
        options.idleTimeoutMs = 300;
        QElapsedTimer timer;
        timer.start();
        const auto result = HttpDownloader().download(server_->url("/f"), dest(), options);
        QCOMPARE(result.status, HttpDownloadStatus::Downloaded);
        QCOMPARE(result.attempts, 2);
        QVERIFY(timer.elapsed() < 2500);
        QCOMPARE(readFile(dest()), body_);
    }

    void idleTimeoutMidBodyResumes() {
        auto stalled = FixtureResponse::ok(body_);
        stalled.chunkBytes = 40000;
        stalled.chunkIntervalMs = 3000;  // first chunk, then silence
        server_->setResponses("/f", {stalled, FixtureResponse::ok(body_)});
        auto options = fastOptions();
        options.idleTimeoutMs = 300;
        const auto result = HttpDownloader().download(server_->url("/f"), dest(), options);
        QCOMPARE(result.status, HttpDownloadStatus::Downloaded);
        QVERIFY(FixtureHttpServer::isResumeSequence(server_->rangeHeaders("/f"), "bytes=40000-"));
        QCOMPARE(readFile(dest()), body_);
    }

    void attemptTimeoutBoundsATrickle() {
        auto trickle = FixtureResponse::ok(body_);
        trickle.chunkBytes = 1000;
        trickle.chunkIntervalMs = 50;  // bytes keep coming, so only the attempt bound helps
        server_->setResponse("/f", trickle);
        auto options = fastOptions();
        options.maxAttempts = 1;
        options.attemptTimeoutMs = 300;
        const auto result = HttpDownloader().download(server_->url("/f"), dest(), options);
        QCOMPARE(result.status, HttpDownloadStatus::NetworkError);
        QVERIFY2(result.error.contains("timed out"), qPrintable(result.error));
        QVERIFY(QFile::exists(HttpDownloader::partPath(dest())));  // kept for a resume
    }

    // Issue 10, finding 5a: a server that sends one byte every half second never trips the
    // idle timeout; the minimum rate ends each attempt, and retries give up.
    void trickleBelowTheMinimumRateFails() {
        auto trickle = FixtureResponse::ok(body_);
        trickle.chunkBytes = 1;
        trickle.chunkIntervalMs = 500;
        server_->setResponse("/f", trickle);
        auto options = fastOptions();
        options.maxAttempts = 2;
        options.idleTimeoutMs = 2000;  // never reached: a byte arrives every 500 ms
        options.attemptTimeoutMs = 0;  // only the rate bounds the attempt here
        options.minBytesPerSecond = 100;
        options.rateWindowMs = 1200;
        QElapsedTimer timer;
        timer.start();
        const auto result = HttpDownloader().download(server_->url("/f"), dest(), options);
        QCOMPARE(result.status, HttpDownloadStatus::NetworkError);
        QVERIFY2(result.error.contains("too slow"), qPrintable(result.error));
        QCOMPARE(server_->requestCount("/f"), 2);
        QVERIFY2(timer.elapsed() < 6000, qPrintable(QString::number(timer.elapsed())));
        QVERIFY(!QFile::exists(dest()));
    }

    // A transfer that is slow but above the minimum completes: the rate window is not a cap.
    void steadyTransferAboveTheMinimumRateCompletes() {
        auto steady = FixtureResponse::ok(body_.left(20000));
        steady.chunkBytes = 2000;
        steady.chunkIntervalMs = 100;  // 20 KB/s for one second
        server_->setResponse("/f", steady);
        auto options = fastOptions();
        options.minBytesPerSecond = 5000;
        options.rateWindowMs = 400;
        const auto result = HttpDownloader().download(server_->url("/f"), dest(), options);
        QCOMPARE(result.status, HttpDownloadStatus::Downloaded);
        QCOMPARE(result.attempts, 1);
        QCOMPARE(readFile(dest()), body_.left(20000));
    }

    // The defaults bound every attempt (total deadline and minimum rate), whatever the caller
    // forgets to set; before issue 10 only the idle timeout existed by default.
    void defaultsBoundEveryAttempt() {
        const HttpDownloadOptions defaults;
        QVERIFY(defaults.attemptTimeoutMs > 0);
        QVERIFY(defaults.minBytesPerSecond > 0);
        QVERIFY(defaults.rateWindowMs > 0);
        QVERIFY(defaults.idleTimeoutMs > 0);
    }

    void timeoutsExhaustRetries() {
        auto stalled = FixtureResponse::ok(body_);
        stalled.delayAfterHeadersMs = 3000;
        server_->setResponse("/f", stalled);
        auto options = fastOptions();
        options.idleTimeoutMs = 200;
        options.maxAttempts = 2;
        const auto result = HttpDownloader().download(server_->url("/f"), dest(), options);
        QCOMPARE(result.status, HttpDownloadStatus::NetworkError);
        QVERIFY2(result.error.contains("no data received"), qPrintable(result.error));
        QCOMPARE(server_->requestCount("/f"), 2);
    }

    void connectionRefusedIsANetworkError() {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        const QUrl url(QStringLiteral("http://127.0.0.1:%1/f").arg(port));
        const auto result = HttpDownloader().download(url, dest(), fastOptions());
        QCOMPARE(result.status, HttpDownloadStatus::NetworkError);
        QCOMPARE(result.httpStatus, 0);
        QCOMPARE(result.attempts, 3);
        QVERIFY(!result.error.isEmpty());
    }

    void cancelKeepsPartForResume() {
        auto trickle = FixtureResponse::ok(body_);
        trickle.chunkBytes = 10000;
        trickle.chunkIntervalMs = 20;
        server_->setResponse("/f", trickle);
        bool cancel = false;
        const auto result = HttpDownloader().download(
            server_->url("/f"), dest(), fastOptions(), [&] { return cancel; },
            [&](qint64 received, qint64) { cancel = received >= 30000; });
        QCOMPARE(result.status, HttpDownloadStatus::Canceled);
        QVERIFY(!QFile::exists(dest()));
        const qint64 partSize = QFileInfo(HttpDownloader::partPath(dest())).size();
        QVERIFY(partSize >= 30000 && partSize < body_.size());

        server_->setBody("/f", body_);
        const auto resumed = HttpDownloader().download(server_->url("/f"), dest(), fastOptions());
        QCOMPARE(resumed.status, HttpDownloadStatus::Downloaded);
        QCOMPARE(server_->rangeHeaders("/f").last(), "bytes=" + QByteArray::number(partSize) + "-");
        QCOMPARE(readFile(dest()), body_);
    }

    void checksumAndSizeChecks() {
        server_->setBody("/f", body_);
        auto options = fastOptions();
        options.expectedSize = body_.size();
        options.expectedSha256 =
            QCryptographicHash::hash(body_, QCryptographicHash::Sha256).toHex().toUpper();
        const auto good = HttpDownloader().download(server_->url("/f"), dest(), options);
        QCOMPARE(good.status, HttpDownloadStatus::Downloaded);
        QCOMPARE(good.sha256, options.expectedSha256.toLower());

        options.expectedSha256 = QByteArray(64, 'a');
        const auto badHash = HttpDownloader().download(server_->url("/f"), dest("b.bin"), options);
        QCOMPARE(badHash.status, HttpDownloadStatus::VerificationFailed);
        QVERIFY(!QFile::exists(dest("b.bin")));
        QVERIFY(!QFile::exists(HttpDownloader::partPath(dest("b.bin"))));

        options.expectedSha256.clear();
        options.expectedSize = body_.size() + 1;
        const auto badSize = HttpDownloader().download(server_->url("/f"), dest("c.bin"), options);
        QCOMPARE(badSize.status, HttpDownloadStatus::VerificationFailed);
        QVERIFY(!QFile::exists(dest("c.bin")));
    }

    void verifyHookRejectsContent() {
        server_->setBody("/f", "<html>error</html>");
        auto options = fastOptions();
        options.verify = [](const QString& path, QString* error) {
            if (readFile(path).startsWith("<html>")) {
                *error = "an HTML page";
                return false;
            }
            return true;
        };
        const auto result = HttpDownloader().download(server_->url("/f"), dest(), options);
        QCOMPARE(result.status, HttpDownloadStatus::VerificationFailed);
        QCOMPARE(result.error, QString("an HTML page"));
        QCOMPARE(server_->requestCount("/f"), 1);  // content errors are not retried
        QVERIFY(!QFile::exists(dest()));
        QVERIFY(!QFile::exists(HttpDownloader::partPath(dest())));
    }

    void loopbackBypassesSystemProxy() {
        // A system proxy that does not exist: loopback requests must not go through it.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const QByteArray proxy = "http://127.0.0.1:" + QByteArray::number(probe.serverPort());
        probe.close();
        qputenv("http_proxy", proxy);
        qputenv("HTTP_PROXY", proxy);
        server_->setBody("/f", body_);
        const auto result = HttpDownloader().download(server_->url("/f"), dest(), fastOptions());
        qunsetenv("http_proxy");
        qunsetenv("HTTP_PROXY");
        QCOMPARE(result.status, HttpDownloadStatus::Downloaded);
    }

    void customHeadersAreSent() {
        server_->setBody("/f", body_);
        auto options = fastOptions();
        options.headers.append({QByteArray("X-Token"), QByteArray("secret")});
        QVERIFY(HttpDownloader().download(server_->url("/f"), dest(), options).ok());
        QCOMPARE(server_->lastHeader("/f", "x-token"), QByteArray("secret"));
    }
};

QTEST_GUILESS_MAIN(TestHttpDownloader)
#include "TestHttpDownloader.moc"
