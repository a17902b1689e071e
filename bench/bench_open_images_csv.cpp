// SPDX-License-Identifier: MIT
// Benchmark (not a test): streams a multi-GB Open Images labels CSV through the selector and
// reports throughput and peak memory, to show that selection runs in constant memory.
//
//   bench_open_images_csv [--size-mb 2048] [--dir /tmp] [--file labels.csv] [--keep]
//
// Without --file it generates a file in the real `ImageID,Source,LabelName,Confidence`
// layout (sorted by ImageID, ~8 rows per image), measures a cold pass (page cache dropped
// where the OS allows it) and a warm pass, then deletes the file unless --keep is given.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>

#ifdef Q_OS_LINUX
#include <fcntl.h>
#include <unistd.h>
#endif
#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif

#include "openimages/OpenImagesLabelSelector.h"

using namespace tl;

namespace {

const char* const kAlpaca = "/m/0pcr";
const char* const kNegatives[] = {"/m/03fwl", "/m/01dws", "/m/03bk1"};

// Peak resident set size in MiB: VmHWM on Linux, ru_maxrss elsewhere.
double peakRssMiB() {
#ifdef Q_OS_LINUX
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : status.readAll().split('\n')) {
            if (line.startsWith("VmHWM:")) {
                return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
            }
        }
    }
#endif
#ifdef Q_OS_UNIX
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
#ifdef Q_OS_MACOS
    return usage.ru_maxrss / 1048576.0;  // bytes on macOS
#else
    return usage.ru_maxrss / 1024.0;  // KiB elsewhere
#endif
#else
    return -1.0;
#endif
}

double currentRssMiB() {
#ifdef Q_OS_LINUX
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : status.readAll().split('\n')) {
            if (line.startsWith("VmRSS:")) {
                return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
            }
        }
    }
#endif
    return -1.0;
}

// Writes a realistic labels CSV of about `bytes` bytes through one 4 MiB buffer.
bool generate(const QString& path, qint64 bytes, QTextStream& err) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        err << "cannot write " << path << ": " << file.errorString() << "\n";
        return false;
    }
    QRandomGenerator random(2024);
    QByteArray buffer;
    buffer.reserve(4 << 20);
    buffer += "ImageID,Source,LabelName,Confidence\n";
    const char* sources[] = {"verification", "crowdsource-verification", "human"};
    qint64 written = 0;
    quint64 imageId = 0x000002b66c9c498eULL;  // ascending, like the sorted real file
    char row[96];
    while (written + buffer.size() < bytes) {
        imageId += 1 + random.bounded(0x10000);
        const int labels = 2 + int(random.bounded(13));
        for (int l = 0; l < labels; ++l) {
            // Mostly common labels; alpacas and the negatives are rare, as in reality.
            const quint32 pick = random.bounded(100000u);
            char label[24];
            if (pick < 3) {
                std::snprintf(label, sizeof label, "%s", kAlpaca);
            } else if (pick < 15) {
                std::snprintf(label, sizeof label, "%s", kNegatives[pick % 3]);
            } else {
                std::snprintf(label, sizeof label, "/m/0%x", random.bounded(0x40000u));
            }
            const int length = std::snprintf(
                row, sizeof row, "%016llx,%s,%s,%d\n", static_cast<unsigned long long>(imageId),
                sources[random.bounded(3)], label, random.bounded(10) < 7 ? 1 : 0);
            buffer.append(row, length);
        }
        if (buffer.size() >= (4 << 20) - 4096) {
            if (file.write(buffer) != buffer.size()) {
                err << "write failed: " << file.errorString() << "\n";
                return false;
            }
            written += buffer.size();
            buffer.clear();
        }
    }
    file.write(buffer);
    file.flush();
#ifdef Q_OS_LINUX
    ::fsync(file.handle());
#endif
    return true;
}

// Evicts the file from the page cache so the first pass reads from disk.
bool dropFromPageCache(const QString& path) {
#ifdef Q_OS_LINUX
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd < 0) {
        return false;
    }
    ::fdatasync(fd);
    const bool ok = ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED) == 0;
    ::close(fd);
    return ok;
#else
    Q_UNUSED(path);
    return false;
#endif
}

void pass(const QString& label, const QString& path, QTextStream& out) {
    OpenImagesLabelSelector selector(
        {{"alpaca", {kAlpaca}, 150, false},
         {"not_alpaca", {kNegatives[0], kNegatives[1], kNegatives[2]}, 150, true}},
        0);
    OpenImagesSelection selection;
    QString error;
    QElapsedTimer timer;
    timer.start();
    const std::clock_t cpuStart = std::clock();
    const bool ok = selector.selectFromFile(path, &selection, &error);
    const double seconds = timer.nsecsElapsed() / 1e9;
    // CPU time too: on a shared machine wall-clock throughput understates the parser.
    const double cpuSeconds = double(std::clock() - cpuStart) / CLOCKS_PER_SEC;
    if (!ok) {
        out << label << ": " << error << "\n";
        return;
    }
    const double mb = selection.bytes / 1e6;
    const auto number = [](double value, int decimals) {
        return QString::number(value, 'f', decimals);
    };
    out << label << ": " << number(mb, 0) << " MB, " << number(selection.rows / 1e6, 1)
        << " M rows in " << number(seconds, 2) << " s wall: " << number(mb / seconds, 0)
        << " MB/s, " << number(selection.rows / 1e6 / seconds, 1) << " M rows/s; CPU "
        << number(cpuSeconds, 2) << " s: " << number(mb / std::max(cpuSeconds, 1e-9), 0)
        << " MB/s per CPU second; selected " << selection.images.value(0).size() << " + "
        << selection.images.value(1).size() << " of " << selection.eligible.value(0) << " + "
        << selection.eligible.value(1) << " eligible; peak RSS " << number(peakRssMiB(), 1)
        << " MiB\n";
    out.flush();
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = app.arguments();
    qint64 sizeMb = 2048;
    QString dir;
    QString file;
    bool keep = false;
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == "--size-mb" && i + 1 < args.size()) {
            sizeMb = args[++i].toLongLong();
        } else if (args[i] == "--dir" && i + 1 < args.size()) {
            dir = args[++i];
        } else if (args[i] == "--file" && i + 1 < args.size()) {
            file = args[++i];
        } else if (args[i] == "--keep") {
            keep = true;
        } else {
            err << "usage: bench_open_images_csv [--size-mb N] [--dir DIR] [--file CSV] [--keep]\n";
            return 2;
        }
    }
    out << "start: RSS " << QString::number(currentRssMiB(), 'f', 1) << " MiB, peak "
        << QString::number(peakRssMiB(), 'f', 1) << " MiB\n";
    QTemporaryDir temp(dir.isEmpty() ? QDir::tempPath() + "/bench_open_images_XXXXXX"
                                     : dir + "/bench_open_images_XXXXXX");
    temp.setAutoRemove(!keep);
    if (file.isEmpty()) {
        if (!temp.isValid()) {
            err << "cannot create a temporary folder\n";
            return 1;
        }
        file = temp.filePath("oidv6-train-annotations-human-imagelabels.csv");
        QElapsedTimer timer;
        timer.start();
        if (!generate(file, sizeMb * 1000 * 1000, err)) {
            return 1;
        }
        out << "generated " << QFileInfo(file).size() / 1000000 << " MB in "
            << QString::number(timer.elapsed() / 1000.0, 'f', 1) << " s: " << file
            << (keep ? " (kept)" : " (deleted afterwards)") << "\n";
        out.flush();
    }
    out << "after generation: peak RSS " << QString::number(peakRssMiB(), 'f', 1) << " MiB\n";
    const bool cold = dropFromPageCache(file);
    pass(cold ? "cold pass (page cache dropped)" : "first pass", file, out);
    pass("warm pass", file, out);
    out << "end: RSS " << QString::number(currentRssMiB(), 'f', 1) << " MiB, peak "
        << QString::number(peakRssMiB(), 'f', 1) << " MiB\n";
    return 0;
}
