// SPDX-License-Identifier: MIT
#include "FixtureHttpServer.h"

#include <QDebug>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <utility>

namespace tl::test {

FixtureResponse FixtureResponse::ok(QByteArray body) {
    FixtureResponse response;
    response.body = std::move(body);
    return response;
}

FixtureResponse FixtureResponse::withStatus(int code, QByteArray body) {
    FixtureResponse response;
    response.status = code;
    response.body = body.isEmpty() ? QByteArray("status ") + QByteArray::number(code) : body;
    return response;
}

namespace {

QByteArray reasonPhrase(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 206:
            return "Partial Content";
        case 404:
            return "Not Found";
        case 416:
            return "Range Not Satisfiable";
        case 500:
            return "Internal Server Error";
        case 503:
            return "Service Unavailable";
        default:
            return "Status";
    }
}

struct Route {
    QList<FixtureResponse> responses;
    int next = 0;
};

struct Record {
    QString path;
    QByteArray range;
    QHash<QByteArray, QByteArray> headers;
};

// A parsed request: path without query, and lower-case header names.
struct Request {
    QString path;
    QHash<QByteArray, QByteArray> headers;
};

Request parseRequest(const QByteArray& head) {
    Request request;
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    const QUrl url(QString::fromLatin1(requestLine.value(1)));
    request.path = url.path();
    for (int i = 1; i < lines.size(); ++i) {
        const int colon = lines[i].indexOf(':');
        if (colon > 0) {
            request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                   lines[i].mid(colon + 1).trimmed());
        }
    }
    return request;
}

// Applies "Range: bytes=N-" / "bytes=N-M" to a 200 response, as a static file server does.
void applyRange(FixtureResponse* response, const QByteArray& range) {
    static const QRegularExpression pattern(QStringLiteral(R"(^bytes=(\d+)-(\d*)$)"));
    const auto match = pattern.match(QString::fromLatin1(range));
    if (response->status != 200 || !response->honourRange || !match.hasMatch()) {
        return;
    }
    const qint64 size = response->body.size();
    const qint64 first = match.captured(1).toLongLong();
    const qint64 last =
        match.capturedLength(2) > 0 ? std::min(match.captured(2).toLongLong(), size - 1) : size - 1;
    if (first >= size || last < first) {
        response->status = 416;
        response->headers.append({"Content-Range", "bytes */" + QByteArray::number(size)});
        response->body.clear();
        return;
    }
    response->status = 206;
    response->headers.append({"Content-Range", "bytes " + QByteArray::number(first) + "-" +
                                                   QByteArray::number(last) + "/" +
                                                   QByteArray::number(size)});
    response->body = response->body.mid(first, last - first + 1);
}

}  // namespace

struct FixtureHttpServer::Impl {
    QThread thread;
    QObject* context = nullptr;    // lives in `thread`; parent of the server and sockets
    QTcpServer* server = nullptr;  // touched only in `thread`
    quint16 port = 0;
    mutable QMutex mutex;
    QHash<QString, Route> routes;
    QList<Record> records;

    FixtureResponse nextResponse(const Request& request) {
        QMutexLocker lock(&mutex);
        records.append({request.path, request.headers.value("range"), request.headers});
        auto route = routes.find(request.path);
        if (route == routes.end() || route->responses.isEmpty()) {
            return FixtureResponse::withStatus(404, "no route for " + request.path.toUtf8());
        }
        const int index = std::min(route->next, int(route->responses.size()) - 1);
        ++route->next;
        return route->responses.at(index);
    }

    void accept() {
        while (QTcpSocket* socket = server->nextPendingConnection()) {
            QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            // One request per connection (we answer "Connection: close"); later bytes are
            // ignored.
            auto state = std::make_shared<std::pair<QByteArray, bool>>();
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, state] {
                auto& [buffer, answered] = *state;
                buffer.append(socket->readAll());
                const int end = int(buffer.indexOf("\r\n\r\n"));
                if (answered || end < 0) {
                    return;
                }
                answered = true;
                const Request request = parseRequest(buffer.left(end));
                FixtureResponse response = nextResponse(request);
                applyRange(&response, request.headers.value("range"));
                respond(socket, response);
            });
        }
    }

    // Each stage runs from a timer with the socket as context: if the client hangs up
    // during a stall, the socket is deleted and the pending stages are dropped with it.
    void respond(QTcpSocket* socket, const FixtureResponse& response) {
        QTimer::singleShot(response.delayBeforeHeadersMs, socket, [this, socket, response] {
            QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + " " +
                              reasonPhrase(response.status) + "\r\n";
            head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
            head += "Connection: close\r\n";
            for (const auto& [name, value] : response.headers) {
                head += name + ": " + value + "\r\n";
            }
            head += "\r\n";
            socket->write(head);
            QTimer::singleShot(response.delayAfterHeadersMs, socket, [this, socket, response] {
                QByteArray body = response.body;
                if (response.dropAfterBytes >= 0) {
                    body = body.left(response.dropAfterBytes);
                }
                writeBody(socket, body, response);
            });
        });
    }

    void writeBody(QTcpSocket* socket, const QByteArray& body, const FixtureResponse& response) {
        if (response.chunkBytes <= 0 || body.size() <= response.chunkBytes) {
            socket->write(body);
            socket->disconnectFromHost();  // flushes what is queued, then closes
            return;
        }
        socket->write(body.left(response.chunkBytes));
        const QByteArray rest = body.mid(response.chunkBytes);
        QTimer::singleShot(response.chunkIntervalMs, socket,
                           [this, socket, rest, response] { writeBody(socket, rest, response); });
    }
};

FixtureHttpServer::FixtureHttpServer() : impl_(std::make_unique<Impl>()) {
    impl_->thread.setObjectName(QStringLiteral("FixtureHttpServer"));
    impl_->context = new QObject;
    impl_->context->moveToThread(&impl_->thread);
    impl_->thread.start();
    Impl* impl = impl_.get();
    QMetaObject::invokeMethod(
        impl->context,
        [impl] {
            impl->server = new QTcpServer(impl->context);
            QObject::connect(impl->server, &QTcpServer::newConnection, impl->server,
                             [impl] { impl->accept(); });
            if (impl->server->listen(QHostAddress::LocalHost, 0)) {
                impl->port = impl->server->serverPort();
            }
        },
        Qt::BlockingQueuedConnection);
}

FixtureHttpServer::~FixtureHttpServer() {
    Impl* impl = impl_.get();
    QMetaObject::invokeMethod(
        impl->context, [impl] { delete impl->context; }, Qt::BlockingQueuedConnection);
    impl->thread.quit();
    impl->thread.wait();
}

bool FixtureHttpServer::isListening() const {
    return impl_->port != 0;
}

quint16 FixtureHttpServer::port() const {
    return impl_->port;
}

QUrl FixtureHttpServer::url(const QString& path) const {
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2")
                    .arg(impl_->port)
                    .arg(path.startsWith('/') ? path : '/' + path));
}

void FixtureHttpServer::setResponse(const QString& path, const FixtureResponse& response) {
    setResponses(path, {response});
}

void FixtureHttpServer::setResponses(const QString& path, const QList<FixtureResponse>& responses) {
    QMutexLocker lock(&impl_->mutex);
    impl_->routes.insert(path, Route{responses, 0});
}

void FixtureHttpServer::setBody(const QString& path, const QByteArray& body) {
    setResponse(path, FixtureResponse::ok(body));
}

void FixtureHttpServer::removeRoute(const QString& path) {
    QMutexLocker lock(&impl_->mutex);
    impl_->routes.remove(path);
}

int FixtureHttpServer::requestCount(const QString& path) const {
    QMutexLocker lock(&impl_->mutex);
    return int(std::count_if(impl_->records.begin(), impl_->records.end(),
                             [&](const Record& record) { return record.path == path; }));
}

int FixtureHttpServer::totalRequestCount() const {
    QMutexLocker lock(&impl_->mutex);
    return int(impl_->records.size());
}

QList<QByteArray> FixtureHttpServer::rangeHeaders(const QString& path) const {
    QMutexLocker lock(&impl_->mutex);
    QList<QByteArray> ranges;
    for (const Record& record : impl_->records) {
        if (record.path == path) {
            ranges.append(record.range);
        }
    }
    return ranges;
}

bool FixtureHttpServer::isResumeSequence(const QList<QByteArray>& ranges,
                                         const QByteArray& resumeRange) {
    const bool plainFirst = std::all_of(ranges.begin(), ranges.end() - (ranges.isEmpty() ? 0 : 1),
                                        [](const QByteArray& range) { return range.isEmpty(); });
    const bool ok =
        ranges.size() >= 2 && ranges.size() <= 3 && plainFirst && ranges.last() == resumeRange;
    if (!ok) {
        qWarning() << "Range headers" << ranges << "are not a single resume at" << resumeRange;
    }
    return ok;
}

QByteArray FixtureHttpServer::lastHeader(const QString& path, const QByteArray& name) const {
    QMutexLocker lock(&impl_->mutex);
    for (auto it = impl_->records.crbegin(); it != impl_->records.crend(); ++it) {
        if (it->path == path) {
            return it->headers.value(name.toLower());
        }
    }
    return {};
}

QStringList FixtureHttpServer::requestedPaths() const {
    QMutexLocker lock(&impl_->mutex);
    QStringList paths;
    for (const Record& record : impl_->records) {
        paths.append(record.path);
    }
    return paths;
}

void FixtureHttpServer::resetCounters() {
    QMutexLocker lock(&impl_->mutex);
    impl_->records.clear();
}

}  // namespace tl::test
