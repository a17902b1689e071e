// SPDX-License-Identifier: MIT
#include "CliSupport.h"

#include <QFileInfo>
#include <QTextStream>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <set>
#include <thread>

#include "data/ImageFiles.h"
#include "data/ImageLimits.h"
#include "jobs/Job.h"
#include "support/ComputeThreads.h"
#include "support/Errors.h"
#include "support/RegularFile.h"

namespace cli {

namespace fs = std::filesystem;

namespace {

std::atomic<tl::Job*> interruptibleJob{nullptr};

const QCommandLineOption& maxPixelsOption() {
    static const QCommandLineOption option(
        "max-pixels",
        "Refuse images larger than N pixels (width x height, from the header; default " +
            QString::number(tl::ImageLimits::kDefaultMaxPixels) + ").",
        "N", QString::number(tl::ImageLimits::kDefaultMaxPixels));
    return option;
}

const QCommandLineOption& maxFileMbOption() {
    static const QCommandLineOption option(
        "max-file-mb",
        "Refuse image files larger than N MB before reading them (default " +
            QString::number(tl::ImageLimits::kDefaultMaxFileBytes >> 20) + ").",
        "N", QString::number(tl::ImageLimits::kDefaultMaxFileBytes >> 20));
    return option;
}

const QCommandLineOption& keepDamagedOption() {
    static const QCommandLineOption option(
        "keep-damaged", "Use what decodes of truncated or damaged JPEGs instead of skipping them.");
    return option;
}

bool isHiddenName(const fs::path& path) {
    const std::string name = path.filename().u8string();
    return !name.empty() && name.front() == '.';
}

// One folder given on the command line, walked with an explicit stack.
void collectFolder(const fs::path& root, std::vector<fs::path>& found,
                   std::vector<tl::SkippedFile>* skipped) {
    auto skip = [&](const fs::path& path, const std::string& reason) {
        if (skipped) {
            skipped->push_back({path, reason});
        }
    };
    std::set<fs::path> visited;
    std::vector<fs::path> pending{root};
    while (!pending.empty()) {
        const fs::path dir = pending.back();
        pending.pop_back();
        std::error_code ec;
        const fs::path real = fs::canonical(dir, ec);
        if (ec) {
            skip(dir, "cannot read folder: " + ec.message());
            continue;
        }
        if (!visited.insert(real).second) {
            continue;  // a link back to a folder already listed
        }
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            const fs::path& path = it->path();
            if (isHiddenName(path)) {
                continue;
            }
            std::error_code statusError;
            if (it->is_directory(statusError)) {
                pending.push_back(path);
            } else if (tl::ImageFiles::hasImageExtension(path)) {
                if (it->is_regular_file(statusError)) {
                    found.push_back(path);
                } else {
                    const tl::RegularFile file(path);  // opens nothing that could block
                    skip(path, file.isOpen() ? "is not a regular file" : file.problem());
                }
            }
        }
        if (ec) {
            skip(dir, "cannot read folder: " + ec.message());
        }
    }
}

void cancelOnInterrupt(int) {
    if (tl::Job* job = interruptibleJob.load()) {
        job->cancel();
    }
    std::signal(SIGINT, SIG_DFL);
}

const QCommandLineOption& testTimeAugmentationOption() {
    static const QCommandLineOption option(
        "tta", "Test-time augmentation: off, mirror or mirror+crops (default: the model's).",
        "MODE");
    return option;
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

std::vector<fs::path> collectImages(const QStringList& inputs,
                                    std::vector<tl::SkippedFile>* skipped) {
    std::vector<fs::path> images;
    for (const auto& input : inputs) {
        const fs::path path = toPath(input);
        std::error_code ec;
        if (!fs::is_directory(path, ec)) {
            images.push_back(path);
            continue;
        }
        std::vector<fs::path> found;
        collectFolder(path, found, skipped);
        std::sort(found.begin(), found.end());
        images.insert(images.end(), found.begin(), found.end());
    }
    return images;
}

void printSkipped(const std::vector<tl::SkippedFile>& skipped) {
    QTextStream err(stderr);
    for (const auto& file : skipped) {
        err << "skipped: " << quotedForLine(toQString(file.path)) << ": "
            << QString::fromStdString(file.reason) << "\n";
    }
}

QString quotedForLine(const QString& text) {
    const bool plain = std::none_of(text.begin(), text.end(), [](QChar c) {
        return c.category() == QChar::Other_Control || c == '\\' || c == '"' ||
               c == QChar::LineSeparator || c == QChar::ParagraphSeparator;
    });
    if (plain) {
        return text;
    }
    QString quoted = "\"";
    for (const QChar c : text) {
        if (c == '\n') {
            quoted += "\\n";
        } else if (c == '\t') {
            quoted += "\\t";
        } else if (c == '\r') {
            quoted += "\\r";
        } else if (c == '\\' || c == '"') {
            quoted += QChar('\\');
            quoted += c;
        } else if (c.category() == QChar::Other_Control || c == QChar::LineSeparator ||
                   c == QChar::ParagraphSeparator) {
            quoted += QString("\\u%1").arg(c.unicode(), 4, 16, QChar('0'));
        } else {
            quoted += c;
        }
    }
    return quoted + "\"";
}

void addImageLimitOptions(QCommandLineParser& parser) {
    parser.addOptions({maxPixelsOption(), maxFileMbOption(), keepDamagedOption()});
}

QString givenOptions(const QCommandLineParser& parser,
                     const std::vector<const QCommandLineOption*>& options) {
    QStringList given;
    for (const QCommandLineOption* option : options) {
        if (parser.isSet(*option)) {
            given << "--" + option->names().first();
        }
    }
    return given.join(", ");
}

void addTestTimeAugmentationOption(QCommandLineParser& parser) {
    parser.addOption(testTimeAugmentationOption());
}

bool readTestTimeAugmentation(const QCommandLineParser& parser,
                              std::optional<tl::TestTimeAugmentation>* mode, QString* error) {
    mode->reset();
    if (!parser.isSet(testTimeAugmentationOption())) {
        return true;
    }
    *mode = tl::testTimeAugmentationFromString(
        parser.value(testTimeAugmentationOption()).toStdString());
    if (!*mode) {
        *error = "--tta must be off, mirror or mirror+crops";
    }
    return mode->has_value();
}

bool applyImageLimits(const QCommandLineParser& parser, QString* error) {
    bool pixelsOk = false;
    bool megabytesOk = false;
    const qulonglong pixels = parser.value(maxPixelsOption()).toULongLong(&pixelsOk);
    const qulonglong megabytes = parser.value(maxFileMbOption()).toULongLong(&megabytesOk);
    if (!pixelsOk || pixels == 0) {
        *error = "--max-pixels takes a positive number of pixels";
        return false;
    }
    if (!megabytesOk || megabytes == 0 || megabytes > (1ull << 40)) {
        *error = "--max-file-mb takes a positive number of megabytes";
        return false;
    }
    tl::ImageLimits limits;
    limits.maxPixels = pixels;
    limits.maxFileBytes = megabytes << 20;
    limits.keepDamagedJpegs = parser.isSet(keepDamagedOption());
    tl::ImageLimits::setCurrent(limits);
    return true;
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
