// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include "jobs/Job.h"

namespace tl {

// What the desktop app says when something fails: chosen by the error's kind, in plain words,
// with the core's one-line message as the detail. Core messages are shared with the command
// line and may suggest a command or a flag; the GUI never shows those parts.
class UserMessages {
public:
    // A short headline for the kind: "No internet connection", "A file is damaged", ...
    static QString headline(ErrorKind kind);
    // The headline and the cleaned detail, for a status line or a dialog.
    static QString describe(const JobError& error);
    static QString describe(ErrorKind kind, const QString& detail);
    // `message` without the clauses that tell a command-line user what to type
    // ("transferlab-cli ...", "--data DIR", "pass ..."), and without multi-line remedies.
    static QString withoutCommandLineAdvice(const QString& message);
};

}  // namespace tl
