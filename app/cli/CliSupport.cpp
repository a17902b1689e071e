// SPDX-License-Identifier: MIT
#include "CliSupport.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <thread>

#include "jobs/Job.h"
#include "support/TorchInclude.h"

namespace cli {

namespace fs = std::filesystem;

namespace {

std::atomic<tl::Job*> interruptibleJob{nullptr};

void cancelOnInterrupt(int) {
    if (tl::Job* job = interruptibleJob.load()) {
        job->cancel();
    }
    std::signal(SIGINT, SIG_DFL);
}

}  // namespace

bool parse(QCommandLineParser& parser, const QStringList& args, const QString& usage,
           int* exitCode) {
    parser.setApplicationDescription(usage);
    const QCommandLineOption help({"h", "help"}, "Show this help.");
    parser.addOption(help);
    if (!parser.parse(args)) {
        *exitCode = fail(parser.errorText(), 2);
        return false;
    }
    if (parser.isSet(help)) {
        QTextStream(stdout) << parser.helpText();
        *exitCode = 0;
        return false;
    }
    return true;
}

int fail(const QString& message, int code) {
    QTextStream(stderr) << "transferlab-cli: " << message << "\n";
    return code;
}

void printJson(const QJsonDocument& document) {
    QTextStream(stdout) << document.toJson(QJsonDocument::Indented);
}

fs::path toPath(const QString& path) {
    return fs::path(path.toStdU16String());
}

QString toQString(const fs::path& path) {
    return QString::fromStdU16String(path.u16string());
}

std::vector<fs::path> collectImages(const QStringList& inputs) {
    static const QStringList patterns = {"*.jpg", "*.jpeg", "*.png", "*.bmp", "*.webp",
                                         "*.JPG", "*.JPEG", "*.PNG", "*.BMP", "*.WEBP"};
    std::vector<fs::path> images;
    for (const auto& input : inputs) {
        if (!QFileInfo(input).isDir()) {
            images.push_back(toPath(input));
            continue;
        }
        std::vector<fs::path> found;
        QDirIterator it(input, patterns, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            found.push_back(toPath(it.next()));
        }
        std::sort(found.begin(), found.end());
        images.insert(images.end(), found.begin(), found.end());
    }
    return images;
}

void printSkipped(const std::vector<tl::SkippedFile>& skipped) {
    QTextStream err(stderr);
    for (const auto& file : skipped) {
        err << "skipped: " << toQString(file.path) << ": " << QString::fromStdString(file.reason)
            << "\n";
    }
}

void configureThreads(int requested) {
    int threads = requested;
    if (threads <= 0) {
        threads = qEnvironmentVariableIntValue("OMP_NUM_THREADS");
    }
    if (threads <= 0) {
        threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    }
    torch::set_num_threads(threads);
}

bool executeCancellable(tl::Job& job) {
    interruptibleJob = &job;
    std::signal(SIGINT, cancelOnInterrupt);
    const bool ok = job.execute();
    std::signal(SIGINT, SIG_DFL);
    interruptibleJob = nullptr;
    return ok;
}

}  // namespace cli
