// SPDX-License-Identifier: MIT
#include "LogFile.h"

#include <QDateTime>
#include <QDir>
#include <QMutex>
#include <QStandardPaths>

namespace tl::app {

namespace {

QFile* logFile = nullptr;  // the living LogFile's, guarded by logMutex
QMutex logMutex;
QtMessageHandler previousHandler = nullptr;

const char* levelName(QtMsgType type) {
    switch (type) {
        case QtDebugMsg:
            return "debug";
        case QtInfoMsg:
            return "info";
        case QtWarningMsg:
            return "warning";
        case QtCriticalMsg:
            return "critical";
        case QtFatalMsg:
            return "fatal";
    }
    return "?";
}

void writeMessage(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    {
        QMutexLocker lock(&logMutex);
        if (logFile) {
            logFile->write(QStringLiteral("%1 [%2] %3\n")
                               .arg(QDateTime::currentDateTime().toString(Qt::ISODateWithMs),
                                    QLatin1String(levelName(type)), message)
                               .toUtf8());
            logFile->flush();  // a crash right after must not lose the line
        }
    }
    if (previousHandler) {
        previousHandler(type, context, message);
    }
}

}  // namespace

LogFile::LogFile() {
    const QString folder =
        QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath("logs");
    if (!QDir().mkpath(folder)) {
        return;
    }
    const QString path = QDir(folder).filePath(QStringLiteral("transferlab.log"));
    // One previous run is kept, so a log survives the restart after a problem.
    QFile::remove(path + QStringLiteral(".1"));
    QFile::rename(path, path + QStringLiteral(".1"));
    file_.setFileName(path);
    if (!file_.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        return;
    }
    QMutexLocker lock(&logMutex);
    logFile = &file_;
    previousHandler = qInstallMessageHandler(writeMessage);
}

LogFile::~LogFile() {
    QMutexLocker lock(&logMutex);
    if (logFile == &file_) {
        qInstallMessageHandler(previousHandler);
        logFile = nullptr;
    }
}

}  // namespace tl::app
