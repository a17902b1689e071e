// SPDX-License-Identifier: MIT
#pragma once

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QString>
#include <QStringList>

#include <exception>
#include <filesystem>
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
// "transferlab-cli: message" on stderr; returns `code`.
int fail(const QString& message, int code = 1);
// The same for an exception, on one line (LibTorch's backtraces are cut off).
int fail(const std::exception& error, int code = 1);
void printJson(const QJsonDocument& document);
using tl::toPath;
using tl::toQString;
// Images given as files or folders (folders searched recursively), in a stable order.
std::vector<std::filesystem::path> collectImages(const QStringList& inputs);
void printSkipped(const std::vector<tl::SkippedFile>& skipped);
// Honours --threads / OMP_NUM_THREADS, else all cores (LibTorch's default is half).
void configureThreads(int requested);
// Runs `job` in this thread; Ctrl-C cancels it cleanly (a second Ctrl-C kills as usual).
bool executeCancellable(tl::Job& job);
// One line on stderr: whether the probabilities are calibrated (the head's temperature) and
// which views are averaged.
void printPredictionMode(double temperature, tl::TestTimeAugmentation mode);

}  // namespace cli
