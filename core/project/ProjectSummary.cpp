// SPDX-License-Identifier: MIT
#include "project/ProjectSummary.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "project/ProjectLibrary.h"

namespace tl {

namespace {
constexpr qint64 kMaxProjectFileSize = 256ll * 1024 * 1024;
constexpr int kSampleClasses = 3;
}  // namespace

ProjectSummary ProjectSummary::read(const QString& file) {
    ProjectSummary summary;
    summary.file = QFileInfo(file).absoluteFilePath();
    summary.name = ProjectLibrary::displayName(file);
    const QFileInfo info(file);
    summary.modified = info.lastModified();
    QFile in(file);
    if (!info.isFile() || !in.open(QIODevice::ReadOnly)) {
        summary.error = QObject::tr("The project file is missing");
        return summary;
    }
    if (in.size() > kMaxProjectFileSize) {
        summary.error = QObject::tr("The project file is too large");
        return summary;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(in.readAll(), &parseError);
    const QJsonObject root = doc.object();
    if (!doc.isObject() ||
        root.value("format").toString() != QLatin1String("transferlab-project")) {
        summary.error = QObject::tr("Not a TransferLab project");
        return summary;
    }
    for (const QJsonValue& name : root.value("classes").toArray()) {
        summary.classNames.push_back(name.toString());
    }
    summary.countPerClass.fill(0, summary.classNames.size());
    QVector<QString> samples(summary.classNames.size());
    const QDir base = info.absoluteDir();
    for (const QJsonValue& value : root.value("images").toArray()) {
        const QJsonObject image = value.toObject();
        ++summary.photoCount;
        if (image.value("excluded").toBool(false)) {
            continue;
        }
        const int label = image.value("label").toInt(-1);
        if (label < 0 || label >= summary.classNames.size()) {
            ++summary.unlabeledCount;
            continue;
        }
        ++summary.countPerClass[label];
        if (samples[label].isEmpty()) {
            const QString stored = image.value("path").toString();
            samples[label] = QDir::cleanPath(
                QDir::isAbsolutePath(stored) ? stored : base.absoluteFilePath(stored));
        }
    }
    for (int c = 0; c < samples.size() && summary.samplePhotos.size() < kSampleClasses; ++c) {
        if (!samples[c].isEmpty()) {
            summary.samplePhotos.push_back(samples[c]);
        }
    }
    const QJsonArray runs = root.value("runs").toArray();
    summary.runCount = static_cast<int>(runs.size());
    const int current = root.value("currentRun").toInt(summary.runCount - 1);
    if (current >= 0 && current < summary.runCount) {
        summary.accuracy = runs.at(current).toObject().value("validationAccuracy").toDouble(-1);
    }
    return summary;
}

}  // namespace tl
