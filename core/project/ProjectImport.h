// SPDX-License-Identifier: MIT
#pragma once

#include <QPair>
#include <QString>
#include <QStringList>
#include <QVector>

namespace tl {

// What a set of dropped or chosen paths contains, found without touching the project so
// it can run in a worker thread (listing 10,000 files takes longer than a UI frame).
struct ProjectImport {
    struct File {
        QString path;       // absolute
        QString className;  // from a class sub-folder; empty for loose files
    };
    QStringList classNames;  // class sub-folders found, in order
    QVector<File> files;
    QVector<QPair<QString, QString>> skipped;  // path, reason
    QStringList roots;                         // folders of class sub-folders

    // A folder of class sub-folders contributes classes; any other folder or file
    // contributes loose images. Thread-safe, no Qt GUI.
    static ProjectImport collect(const QStringList& paths);
    static bool hasImageExtension(const QString& path);
};

}  // namespace tl
