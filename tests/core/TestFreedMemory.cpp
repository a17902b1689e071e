// SPDX-License-Identifier: MIT
// returnFreedMemoryToTheSystem(): what a worker thread allocated and freed stops being resident.
#include <QFile>
#include <QTest>

#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#include <unistd.h>

#include "support/FreedMemory.h"

#if defined(__SANITIZE_ADDRESS__)
#define TL_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TL_UNDER_ASAN 1
#endif
#endif

namespace {

// Resident bytes of this process (Linux).
qint64 residentBytes() {
    QFile statm("/proc/self/statm");
    if (!statm.open(QIODevice::ReadOnly)) {
        return -1;
    }
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toLongLong() * sysconf(_SC_PAGESIZE) : -1;
}

}  // namespace

class TestFreedMemory : public QObject {
    Q_OBJECT
private slots:
    void whatAWorkerThreadFreedIsReturned() {
#if !defined(__GLIBC__) || defined(TL_UNDER_ASAN)
        QSKIP("glibc's allocator only (ASan brings its own)");
#else
        if (residentBytes() < 0) {
            QSKIP("no /proc/self/statm");
        }
        // 2,000 blocks of 64 KiB, each followed by a small block that stays: freed, they cannot
        // merge, so the thread's arena keeps them (about 125 MiB) resident.
        constexpr int kBlocks = 2000;
        constexpr size_t kBlockBytes = 64 * 1024;
        std::vector<void*> kept;
        std::thread worker([&kept] {
            std::vector<void*> blocks;
            for (int i = 0; i < kBlocks; ++i) {
                blocks.push_back(std::malloc(kBlockBytes));
                std::memset(blocks.back(), 1, kBlockBytes);
                kept.push_back(std::malloc(16));
            }
            for (void* block : blocks) {
                std::free(block);
            }
        });
        worker.join();
        const qint64 before = residentBytes();
        tl::returnFreedMemoryToTheSystem();
        const qint64 after = residentBytes();
        for (void* block : kept) {
            std::free(block);
        }
        const qint64 returned = before - after;
        QVERIFY2(returned > qint64(kBlocks * kBlockBytes / 2),
                 qPrintable(QString("%1 MiB returned").arg(returned / 1048576.0)));
#endif
    }
};

QTEST_GUILESS_MAIN(TestFreedMemory)
#include "TestFreedMemory.moc"
