// SPDX-License-Identifier: MIT
#include "models/ThumbnailCache.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDateTime>
#include <QFileInfo>
#include <QImageReader>
#include <QPainter>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>
#include <atomic>
#include <vector>

#include "data/ImageLimits.h"
#include "support/CacheFolderLimit.h"
#include "support/RegularFile.h"

namespace tl {

namespace {
constexpr int kMaxQueued = 400;  // beyond this the oldest requests are scrolled-past ones
// Decoded thumbnails kept in memory, bounded by bytes rather than count: 64 MiB, about 1,000-
// 1,400 thumbnails of 128 px (48-64 KiB each), many screens of even a full-HD grid.
constexpr qsizetype kMemoryBudgetKiB = 64 * 1024;

QImage placeholder(int side, const QColor& colour, const QString& text) {
    QImage image(side, side, QImage::Format_RGB32);
    image.fill(colour);
    QPainter p(&image);
    p.setPen(Qt::white);
    p.drawText(image.rect(), Qt::AlignCenter | Qt::TextWordWrap, text);
    return image;
}
}  // namespace

ThumbnailCache::ThumbnailCache(int side, QObject* parent)
    : QObject(parent),
      side_(side),
      diskFolder_(QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + "/thumbnails"),
      memory_(kMemoryBudgetKiB) {
    pool_.setMaxThreadCount(qMax(1, QThread::idealThreadCount() - 1));
}

ThumbnailCache::~ThumbnailCache() {
    {
        QMutexLocker lock(&mutex_);
        stopping_ = true;
        queue_.clear();
    }
    pool_.waitForDone();
}

QImage ThumbnailCache::thumbnail(const QString& path) {
    if (QImage* cached = memory_.object(path)) {
        return *cached;
    }
    if (requested_.contains(path)) {
        return {};
    }
    requested_.insert(path);
    if (!trimmedThisSession_ || writesSinceTrim_ >= kWritesBetweenTrims) {
        trimmedThisSession_ = true;
        scheduleDiskTrim();
    }
    QMutexLocker lock(&mutex_);
    queue_.push_back(path);
    if (static_cast<int>(queue_.size()) > kMaxQueued) {
        requested_.remove(queue_.front());
        queue_.pop_front();
    }
    if (activeWorkers_ < pool_.maxThreadCount()) {
        ++activeWorkers_;
        pool_.start([this] { workerLoop(); });
    }
    return {};
}

void ThumbnailCache::waitForIdle() {
    for (;;) {
        {
            QMutexLocker lock(&mutex_);
            if (queue_.empty() && activeWorkers_ == 0) {
                break;
            }
        }
        QThread::msleep(5);
    }
}

void ThumbnailCache::workerLoop() {
    for (;;) {
        QString path;
        {
            QMutexLocker lock(&mutex_);
            if (stopping_ || queue_.empty()) {
                --activeWorkers_;
                return;
            }
            path = queue_.back();
            queue_.pop_back();
        }
        const QImage image = load(path);
        QMetaObject::invokeMethod(
            this, [this, path, image] { deliver(path, image); }, Qt::QueuedConnection);
    }
}

void ThumbnailCache::deliver(const QString& path, const QImage& image) {
    requested_.remove(path);
    memory_.insert(path, new QImage(image), std::max<qsizetype>(1, image.sizeInBytes() / 1024));
    emit thumbnailReady(path);
}

void ThumbnailCache::scheduleDiskTrim() {
    writesSinceTrim_ = 0;
    QString folder;
    {
        QMutexLocker lock(&mutex_);
        folder = diskFolder_;
    }
    // One trim at a time: two that listed the folder together would each delete down to the
    // target, the second past it (100,000 thumbnails ended at 254 MiB under a 384 MiB target).
    static std::atomic<bool> trimming{false};
    if (!folder.isEmpty() && !trimming.exchange(true)) {
        // The global pool: the trim touches nothing of this object and must not hold up the
        // one decoding thread a 2-core machine gets.
        QThreadPool::globalInstance()->start(
            [folder, max = diskMaxBytes_, target = diskTargetBytes_] {
                trimDiskCache(folder, max, target);
                trimming.store(false);
            });
    }
}

void ThumbnailCache::setDiskCacheLimit(std::uint64_t maxBytes, std::uint64_t targetBytes) {
    diskMaxBytes_ = maxBytes;
    diskTargetBytes_ = targetBytes;
}

int ThumbnailCache::trimDiskCache(const QString& folder, std::uint64_t maxBytes,
                                  std::uint64_t targetBytes) {
    // Only the files diskPath() names: a SHA-1 in hex and ".jpg".
    static const QRegularExpression thumbnailName(QStringLiteral("^[0-9a-f]{40}\\.jpg$"));
    return CacheFolderLimit(maxBytes, targetBytes, thumbnailName).apply(folder).filesRemoved;
}

void ThumbnailCache::setDiskCacheFolder(const QString& folder) {
    QMutexLocker lock(&mutex_);
    diskFolder_ = folder;
}

QString ThumbnailCache::diskPath(const QString& path) const {
    QString folder;
    {
        QMutexLocker lock(&mutex_);
        folder = diskFolder_;
    }
    if (folder.isEmpty()) {
        return {};
    }
    const QFileInfo info(path);
    // Keyed by path, size and time so an edited photo gets a new thumbnail.
    const QByteArray key = path.toUtf8() + '|' + QByteArray::number(info.size()) + '|' +
                           QByteArray::number(info.lastModified().toMSecsSinceEpoch()) + '|' +
                           QByteArray::number(side_);
    return folder + '/' + QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex() + ".jpg";
}

QImage ThumbnailCache::load(const QString& path) const {
    const QString cached = diskPath(path);
    if (!cached.isEmpty()) {
        QImage fromDisk(cached);
        if (!fromDisk.isNull()) {
            return fromDisk;
        }
    }
    // The same rules as the trainer's decoder (ImageLimits): only regular files are opened (a
    // FIFO named x.jpg would block this worker forever), the file size is checked before
    // reading and the pixel count from the header before decoding.
    const ImageLimits limits = ImageLimits::current();
    RegularFile file(std::filesystem::path(path.toStdU16String()));
    std::vector<unsigned char> bytes;
    if (!file.isOpen() || !limits.fileSizeProblem(file.size()).empty() ||
        !file.readAll(&bytes, limits.maxFileBytes)) {
        return placeholder(side_, QColor(90, 40, 40),
                           file.isOpen() ? tr("Too large") : tr("Unreadable"));
    }
    QByteArray data = QByteArray::fromRawData(reinterpret_cast<const char*>(bytes.data()),
                                              qsizetype(bytes.size()));
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    QSize size = reader.size();
    if (size.isValid() &&
        !limits.pixelProblem(std::uint64_t(size.width()), std::uint64_t(size.height())).empty()) {
        return placeholder(side_, QColor(90, 40, 40), tr("Too large"));
    }
    if (size.isValid()) {
        // Lets the JPEG decoder skip detail at the DCT level: much faster than decode+scale.
        reader.setScaledSize(size.scaled(side_, side_, Qt::KeepAspectRatio));
    }
    QImage image = reader.read();
    if (image.isNull()) {
        return placeholder(side_, QColor(90, 40, 40), tr("Unreadable"));
    }
    image = image.convertToFormat(QImage::Format_RGB32);
    if (!cached.isEmpty() && QDir().mkpath(QFileInfo(cached).absolutePath())) {
        QSaveFile out(cached);
        if (out.open(QIODevice::WriteOnly) && image.save(&out, "JPG", 85) && out.commit()) {
            ++writesSinceTrim_;
        }
    }
    return image;
}

}  // namespace tl
