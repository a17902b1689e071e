// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace tl::test {

// One scripted answer of FixtureHttpServer. Defaults: 200 with the body, Range honoured.
struct FixtureResponse {
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;  // extra response headers
    // A 200 response answers "Range: bytes=N-[M]" with 206 + Content-Range (416 past the
    // end), like a real file server. false: ignore Range and send the whole body with 200.
    bool honourRange = true;
    // Send only this many body bytes (after Range slicing), then close the connection
    // although Content-Length promised more: a connection dropped mid-body. -1 = off.
    qint64 dropAfterBytes = -1;
    // Stalls, for timeouts: before the status line, and between the headers and the body.
    int delayBeforeHeadersMs = 0;
    int delayAfterHeadersMs = 0;
    // Trickle the body: chunkBytes at a time every chunkIntervalMs (0 = all at once).
    qint64 chunkBytes = 0;
    int chunkIntervalMs = 0;

    static FixtureResponse ok(QByteArray body);
    static FixtureResponse withStatus(int code, QByteArray body = {});
};

// A small HTTP/1.1 server on 127.0.0.1 (random free port) for network tests, with
// per-path scripted behaviour and request accounting. It runs in its own thread, so code
// under test may block the test thread (synchronous downloaders) while it serves.
//
//   FixtureHttpServer server;
//   server.setResponses("/a.jpg", {FixtureResponse::withStatus(500), FixtureResponse::ok(jpeg)});
//   download(server.url("/a.jpg"), ...);
//   QCOMPARE(server.requestCount("/a.jpg"), 2);
//
// Paths are matched without the query string; unknown paths answer 404. Every response
// carries "Connection: close". All methods are thread-safe.
class FixtureHttpServer {
public:
    FixtureHttpServer();
    ~FixtureHttpServer();
    FixtureHttpServer(const FixtureHttpServer&) = delete;
    FixtureHttpServer& operator=(const FixtureHttpServer&) = delete;

    bool isListening() const;
    quint16 port() const;
    // http://127.0.0.1:<port><path>
    QUrl url(const QString& path = QStringLiteral("/")) const;

    // The same response for every request to `path`.
    void setResponse(const QString& path, const FixtureResponse& response);
    // One response per request, in order; the last one repeats (e.g. {500, ok}).
    void setResponses(const QString& path, const QList<FixtureResponse>& responses);
    void setBody(const QString& path, const QByteArray& body);
    void removeRoute(const QString& path);

    int requestCount(const QString& path) const;
    int totalRequestCount() const;
    // Range header of every request to `path`, in order; empty for requests without one.
    QList<QByteArray> rangeHeaders(const QString& path) const;
    // True for the Range headers of a download that was cut once and then resumed: plain
    // request(s) first, `resumeRange` ("bytes=N-") last. Qt transparently resends a GET
    // whose connection closed early (and drops that resend as soon as it notices), so one
    // extra plain request may appear in between, depending on timing; this accepts it.
    static bool isResumeSequence(const QList<QByteArray>& ranges, const QByteArray& resumeRange);
    // Other request headers of the last request to `path` (lower-case names).
    QByteArray lastHeader(const QString& path, const QByteArray& name) const;
    // Paths in arrival order.
    QStringList requestedPaths() const;
    // Forgets recorded requests; response sequences keep their position.
    void resetCounters();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace tl::test
