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

#include <atomic>
#include <cstdint>
#include <deque>

namespace tl {

// Thumbnails decoded off the UI thread, kept in memory (LRU) and on disk, so a grid of
// 10,000 photos scrolls smoothly and reopens instantly. Requests are served newest first:
// what the user scrolled to now matters more than what flew past. The disk folder is kept
// under kDiskCacheMaxBytes (oldest thumbnails go first), checked in a worker when the first
// thumbnail is asked for and after every kWritesBetweenTrims new ones.
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
    // The disk folder's limits (default kDiskCacheMaxBytes and kDiskCacheTargetBytes).
    void setDiskCacheLimit(std::uint64_t maxBytes, std::uint64_t targetBytes);
    // For tests: blocks until the queue is empty.
    void waitForIdle();

    static constexpr std::uint64_t kDiskCacheMaxBytes = std::uint64_t(512) << 20;
    static constexpr std::uint64_t kDiskCacheTargetBytes = std::uint64_t(384) << 20;
    static constexpr int kWritesBetweenTrims = 2000;
    // Trims `folder` to the limits above; returns the files removed. For the worker and tests.
    static int trimDiskCache(const QString& folder, std::uint64_t maxBytes = kDiskCacheMaxBytes,
                             std::uint64_t targetBytes = kDiskCacheTargetBytes);

signals:
    void thumbnailReady(const QString& path);

private:
    void workerLoop();
    QImage load(const QString& path) const;
    QString diskPath(const QString& path) const;
    void deliver(const QString& path, const QImage& image);
    void scheduleDiskTrim();

    int side_;
    QString diskFolder_;                               // guarded by mutex_
    std::uint64_t diskMaxBytes_ = kDiskCacheMaxBytes;  // UI thread only
    std::uint64_t diskTargetBytes_ = kDiskCacheTargetBytes;
    QCache<QString, QImage> memory_;
    QSet<QString> requested_;
    mutable QMutex mutex_;
    std::deque<QString> queue_;
    int activeWorkers_ = 0;
    bool stopping_ = false;
    bool trimmedThisSession_ = false;  // UI thread only
    mutable std::atomic<int> writesSinceTrim_{0};
    QThreadPool pool_;
};

}  // namespace tl
