// SPDX-License-Identifier: MIT
#pragma once

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QString>
#include <QStringList>

#include <exception>
#include <filesystem>
#include <optional>
#include <vector>

#include "data/ImageFolderDataset.h"
#include "support/Paths.h"

#include "data/TestTimeAugmentation.h"

namespace tl {
class Job;
}

// Small helpers shared by the sub-commands: consistent errors, parsing and output.
namespace cli {

// Parses `args`; on --help prints help and returns false with exitCode 0, on a usage error
// prints a one-line message and returns false with exitCode 2.
bool parse(QCommandLineParser& parser, const QStringList& args, const QString& usage,
           int* exitCode);
// "--size, --epochs": those of `options` the user gave; empty when none.
QString givenOptions(const QCommandLineParser& parser,
                     const std::vector<const QCommandLineOption*>& options);
// "transferlab-cli: message" on stderr; returns `code`.
int fail(const QString& message, int code = 1);
// The same for an exception, on one line (LibTorch's backtraces are cut off).
int fail(const std::exception& error, int code = 1);
void printJson(const QJsonDocument& document);
using tl::toPath;
using tl::toQString;
// Images given as files or folders (folders searched recursively, hidden entries ignored,
// each real folder once so symbolic link loops end), in a stable order. Files given by name
// are returned as they are (decoding reports their problems). In folders, image-named entries
// that are not regular files (a FIFO named x.jpg) and folders that cannot be read (locked) go
// to `skipped` with the reason.
std::vector<std::filesystem::path> collectImages(const QStringList& inputs,
                                                 std::vector<tl::SkippedFile>* skipped = nullptr);
void printSkipped(const std::vector<tl::SkippedFile>& skipped);
// A path or name for one line of text output: unchanged when it holds no control character,
// backslash or double quote; otherwise in double quotes with C escapes ("a\nb.jpg"), so a
// newline in a file name cannot split a line.
QString quotedForLine(const QString& text);
// --max-pixels, --max-file-mb and --keep-damaged (ImageLimits) for the commands that decode
// images; applyImageLimits sets them process-wide, or returns false with a usage message.
void addImageLimitOptions(QCommandLineParser& parser);
bool applyImageLimits(const QCommandLineParser& parser, QString* error);
// --tta MODE for the commands that predict with a saved model; its value (nullopt: not given,
// use the model's), or false with a usage message.
void addTestTimeAugmentationOption(QCommandLineParser& parser);
bool readTestTimeAugmentation(const QCommandLineParser& parser,
                              std::optional<tl::TestTimeAugmentation>* mode, QString* error);
// Honours --threads / OMP_NUM_THREADS, else all cores (LibTorch's default is half).
void configureThreads(int requested);
// Runs `job` in this thread; Ctrl-C cancels it cleanly (a second Ctrl-C kills as usual).
bool executeCancellable(tl::Job& job);
// One line on stderr: whether the probabilities are calibrated (the head's temperature) and
// which views are averaged.
void printPredictionMode(double temperature, tl::TestTimeAugmentation mode);

}  // namespace cli
