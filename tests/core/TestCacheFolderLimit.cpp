// SPDX-License-Identifier: MIT
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include "support/CacheFolderLimit.h"

using namespace tl;

namespace {

const QRegularExpression kOwnNames(QStringLiteral("^[0-9a-f]{4}\\.jpg$"));
// Two blocks of the usual 4 KiB: what such a file takes on disk is its size.
constexpr int kFile = 8192;

// A file of `bytes` bytes, last modified `ageMinutes` ago.
void writeFile(const QString& path, int bytes, int ageMinutes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write(QByteArray(bytes, 'x')) == bytes);
    QVERIFY(file.flush());  // a later flush would stamp the time again
    QVERIFY(file.setFileTime(QDateTime::currentDateTime().addSecs(-60 * ageMinutes),
                             QFileDevice::FileModificationTime));
}

}  // namespace

class TestCacheFolderLimit : public QObject {
    Q_OBJECT
private slots:
    void removesTheOldestDownToTheTarget() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // Ten cache files of two blocks each; "0000.jpg" is the oldest.
        for (int i = 0; i < 10; ++i) {
            writeFile(dir.filePath(QString("%1.jpg").arg(i, 4, 10, QChar('0'))), kFile, 100 - i);
        }
        const auto result = CacheFolderLimit(8 * kFile, 6 * kFile, kOwnNames).apply(dir.path());
        QCOMPARE(result.bytesBefore, std::uint64_t(10 * kFile));
        QCOMPARE(result.filesRemoved, 4);
        QCOMPARE(result.bytesAfter, std::uint64_t(6 * kFile));
        for (int i = 0; i < 10; ++i) {
            const bool exists =
                QFile::exists(dir.filePath(QString("%1.jpg").arg(i, 4, 10, QChar('0'))));
            QCOMPARE(exists, i >= 4);
        }
    }

    void underTheLimitNothingIsRemoved() {
        QTemporaryDir dir;
        for (int i = 0; i < 5; ++i) {
            writeFile(dir.filePath(QString("%1.jpg").arg(i, 4, 10, QChar('0'))), kFile, i);
        }
        const auto result = CacheFolderLimit(5 * kFile, kFile, kOwnNames).apply(dir.path());
        QCOMPARE(result.filesRemoved, 0);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 5);
    }

    void neverTouchesWhatItDidNotWrite() {
        QTemporaryDir dir;
        QTemporaryDir outside;
        writeFile(dir.filePath("0001.jpg"), kFile, 50);
        writeFile(dir.filePath("notes.txt"), 5000, 90);          // another name
        writeFile(dir.filePath("photo.jpg"), 5000, 90);          // a user's file dropped here
        QVERIFY(QDir(dir.path()).mkdir("abcd.jpg"));             // a folder with a cache name
        writeFile(dir.filePath("abcd.jpg/0002.jpg"), 5000, 90);  // inside it
        writeFile(outside.filePath("target.jpg"), 5000, 90);
        QVERIFY(QFile::link(outside.filePath("target.jpg"), dir.filePath("0003.jpg")));
        const auto result = CacheFolderLimit(1000, 0, kOwnNames).apply(dir.path());
        // Only 0001.jpg is its own: counted and removed; everything else stays.
        QCOMPARE(result.bytesBefore, std::uint64_t(kFile));
        QCOMPARE(result.filesRemoved, 1);
        QVERIFY(!QFile::exists(dir.filePath("0001.jpg")));
        QVERIFY(QFile::exists(dir.filePath("notes.txt")));
        QVERIFY(QFile::exists(dir.filePath("photo.jpg")));
        QVERIFY(QFile::exists(dir.filePath("abcd.jpg/0002.jpg")));
        QVERIFY(QFileInfo(dir.filePath("0003.jpg")).isSymLink());
        QVERIFY(QFile::exists(outside.filePath("target.jpg")));
    }

    // A limit on the disk the cache takes: small files take whole blocks (a thumbnail of 5 KB
    // takes 8 KiB), which counting their sizes let grow a third past the limit.
    void smallFilesCountTheBlocksTheyTake() {
        QTemporaryDir dir;
        for (int i = 0; i < 10; ++i) {
            writeFile(dir.filePath(QString("%1.jpg").arg(i, 4, 10, QChar('0'))), 100, 100 - i);
        }
        struct stat status {};
        QCOMPARE(::stat(QFile::encodeName(dir.filePath("0000.jpg")).constData(), &status), 0);
        const auto taken = std::uint64_t(status.st_blocks) * 512;
        if (taken <= 100) {
            QSKIP("this file system stores small files without whole blocks");
        }
        // 1,000 bytes of content, under a limit of 2,000; the blocks they take are not.
        const auto result = CacheFolderLimit(2000, 1000, kOwnNames).apply(dir.path());
        QCOMPARE(result.bytesBefore, 10 * taken);
        QVERIFY(result.filesRemoved >= 9);
        QVERIFY(!QFile::exists(dir.filePath("0000.jpg")));  // the oldest first
        QVERIFY(result.bytesAfter <= 1000);
    }

    void aMissingFolderIsNotAnError() {
        const auto result =
            CacheFolderLimit(1, 0, kOwnNames).apply(QDir::tempPath() + "/no-such-folder-tl");
        QCOMPARE(result.filesRemoved, 0);
        QCOMPARE(CacheFolderLimit(1, 0, kOwnNames).apply(QString()).bytesBefore, std::uint64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestCacheFolderLimit)
#include "TestCacheFolderLimit.moc"
