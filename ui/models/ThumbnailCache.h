// SPDX-License-Identifier: MIT
#pragma once

#include <QCache>
#include <QDir>
#include <QImage>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QSize>
#include <QThreadPool>

#include <deque>

namespace tl {

// Thumbnails decoded off the UI thread, kept in memory (LRU) and on disk, so a grid of
// 10,000 photos scrolls smoothly and reopens instantly. Requests are served newest first:
// what the user scrolled to now matters more than what flew past.
class ThumbnailCache : public QObject {
    Q_OBJECT
public:
    explicit ThumbnailCache(int side = 128, QObject* parent = nullptr);
    ~ThumbnailCache() override;

    // The thumbnail when ready; otherwise a null image, and thumbnailReady() follows.
    QImage thumbnail(const QString& path);
    int side() const { return side_; }
    // Thread-safe: workers read the folder under the same lock.
    void setDiskCacheFolder(const QString& folder);
    // For tests: blocks until the queue is empty.
    void waitForIdle();

signals:
    void thumbnailReady(const QString& path);

private:
    void workerLoop();
    QImage load(const QString& path) const;
    QString diskPath(const QString& path) const;
    void deliver(const QString& path, const QImage& image);

    int side_;
    QString diskFolder_;  // guarded by mutex_
    QCache<QString, QImage> memory_;
    QSet<QString> requested_;
    mutable QMutex mutex_;
    std::deque<QString> queue_;
    int activeWorkers_ = 0;
    bool stopping_ = false;
    QThreadPool pool_;
};

}  // namespace tl
