// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QVector>

namespace tl {

// What the start page shows of a project without opening it: name, classes with their photo
// counts, the current model's validation accuracy and a few photos for a thumbnail.
struct ProjectSummary {
    QString file;
    QString name;
    QDateTime modified;
    QStringList classNames;
    QVector<int> countPerClass;  // labelled photos, excluded ones not counted
    int photoCount = 0;
    int unlabeledCount = 0;
    int runCount = 0;
    double accuracy = -1;      // of the current run; -1 when there is none
    QStringList samplePhotos;  // up to one per class, the first three classes
    QString error;             // why the file cannot be read; empty when it can

    bool isReadable() const { return error.isEmpty(); }
    // Reads a project file without the full model (fast enough for a list of recent
    // projects, and safe to call from a worker thread). Never throws.
    static ProjectSummary read(const QString& file);
};

}  // namespace tl
