// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>

// One function per `transferlab-cli` sub-command, each in its own source file.
// `args` starts with the sub-command's name (QCommandLineParser convention).
// Return value is the process exit code: 0 success, 1 bad input or failure, 2 usage error.
int runEmbedCommand(const QStringList& args);
int runTrainCommand(const QStringList& args);
int runPredictCommand(const QStringList& args);
int runEvaluateCommand(const QStringList& args);
int runDemoCommand(const QStringList& args);
int runDownloadCommand(const QStringList& args);
int runBackbonesCommand(const QStringList& args);
int runExportCommand(const QStringList& args);
int runExportJobCommand(const QStringList& args);
int runInspectCommand(const QStringList& args);
int runExplainCommand(const QStringList& args);
int runSuggestCommand(const QStringList& args);
