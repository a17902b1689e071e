// SPDX-License-Identifier: MIT
#include "models/UserMessages.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QStringList>

namespace tl {

namespace {
bool isCommandLineAdvice(const QString& clause) {
    static const QRegularExpression advice(
        QStringLiteral(R"((transferlab-cli|(^|\s)--[a-z]|\bpass\s+--|\bTRANSFERLAB_[A-Z_]+))"));
    return advice.match(clause).hasMatch();
}
}  // namespace

QString UserMessages::headline(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::InvalidInput:
            return QCoreApplication::translate("UserMessages", "This cannot be used as it is");
        case ErrorKind::CorruptFile:
            return QCoreApplication::translate("UserMessages",
                                               "A file is damaged or not what its name says");
        case ErrorKind::UnsupportedFormat:
            return QCoreApplication::translate("UserMessages",
                                               "TransferLab cannot read this kind of file yet");
        case ErrorKind::BackboneUnavailable:
            return QCoreApplication::translate("UserMessages",
                                               "The backbone is not on this computer");
        case ErrorKind::UnsafeDestination:
            return QCoreApplication::translate("UserMessages", "TransferLab will not write there");
        case ErrorKind::FileSystem:
            return QCoreApplication::translate("UserMessages",
                                               "A file could not be read or written");
        case ErrorKind::Network:
            return QCoreApplication::translate(
                "UserMessages", "No internet connection, or the server cannot be reached");
        case ErrorKind::Internal:
            break;
    }
    return QCoreApplication::translate("UserMessages", "Something went wrong");
}

QString UserMessages::withoutCommandLineAdvice(const QString& message) {
    // Core messages put remedies after a line break or a "; ", one remedy per clause.
    QString firstLine = message.section('\n', 0, 0).trimmed();
    QStringList kept;
    for (const QString& clause : firstLine.split(QStringLiteral("; "))) {
        if (!isCommandLineAdvice(clause)) {
            kept.push_back(clause.trimmed());
        }
    }
    QString text = kept.join(QStringLiteral("; "));
    // A trailing "(see '...')" or "or give ..." tail also addresses the command line.
    static const QRegularExpression seeTail(QStringLiteral(R"(\s*\(see '[^']*'\))"));
    text.remove(seeTail);
    if (text.endsWith(':') || text.endsWith(',')) {
        text.chop(1);
    }
    return text.trimmed();
}

QString UserMessages::describe(ErrorKind kind, const QString& detail) {
    QString cleaned = withoutCommandLineAdvice(detail);
    if (cleaned.isEmpty()) {
        return headline(kind) + '.';
    }
    // These messages already say exactly what is wrong with the user's input.
    if (kind == ErrorKind::InvalidInput || kind == ErrorKind::UnsafeDestination) {
        cleaned[0] = cleaned[0].toUpper();
        return cleaned;
    }
    return headline(kind) + QStringLiteral(": ") + cleaned;
}

QString UserMessages::describe(const JobError& error) {
    return describe(error.kind, error.message);
}

}  // namespace tl
