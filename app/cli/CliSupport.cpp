// SPDX-License-Identifier: MIT
#include "CliSupport.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <thread>

#include "data/ImageFiles.h"
#include "jobs/Job.h"
#include "support/ComputeThreads.h"
#include "support/Errors.h"

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

int fail(const std::exception& error, int code) {
    return fail(QString::fromStdString(tl::oneLineMessage(error)), code);
}

void printJson(const QJsonDocument& document) {
    QTextStream(stdout) << document.toJson(QJsonDocument::Indented);
}

std::vector<fs::path> collectImages(const QStringList& inputs) {
    std::vector<fs::path> images;
    for (const auto& input : inputs) {
        if (!QFileInfo(input).isDir()) {
            images.push_back(toPath(input));
            continue;
        }
        std::vector<fs::path> found;
        QDirIterator it(input, tl::ImageFiles::nameFilters(), QDir::Files,
                        QDirIterator::Subdirectories);
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
    tl::ComputeThreads::configure(requested);
}

bool executeCancellable(tl::Job& job) {
    interruptibleJob = &job;
    std::signal(SIGINT, cancelOnInterrupt);
    const bool ok = job.execute();
    std::signal(SIGINT, SIG_DFL);
    interruptibleJob = nullptr;
    return ok;
}

void printPredictionMode(double temperature, tl::TestTimeAugmentation mode) {
    QTextStream err(stderr);
    err << (temperature != 1.0
                ? QString("Probabilities calibrated (temperature %1)").arg(temperature, 0, 'f', 3)
                : QString("Probabilities not calibrated"))
        << "; test-time augmentation: " << QString::fromStdString(tl::toString(mode)) << "\n";
}

}  // namespace cli
