// SPDX-License-Identifier: MIT
#pragma once

#include <QFile>
#include <QString>

namespace tl::app {

// The desktop app's log, for bug reports: while a LogFile lives, every Qt message (qInfo,
// qWarning, ...) also goes to <data>/logs/transferlab.log. The previous run's log is kept as
// transferlab.log.1. One per process; make it in main() after the application's names are set.
class LogFile {
public:
    LogFile();
    ~LogFile();
    LogFile(const LogFile&) = delete;
    LogFile& operator=(const LogFile&) = delete;

    // Empty when the file cannot be written (the app runs on without it).
    QString path() const { return file_.isOpen() ? file_.fileName() : QString(); }

private:
    QFile file_;
};

}  // namespace tl::app
