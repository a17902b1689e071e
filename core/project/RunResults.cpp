// SPDX-License-Identifier: MIT
#include "project/RunResults.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <cmath>

#include "project/Project.h"
#include "support/Errors.h"
#include "support/Paths.h"
#include "training/JsonConversions.h"

namespace tl {

namespace {

constexpr const char* kFormat = "transferlab-run-results";
constexpr int kVersion = 1;
// Far above any real file (10,000 validation photos of 100 classes is about 20 MB).
constexpr qint64 kMaxFileSize = 256ll * 1024 * 1024;

[[noreturn]] void corrupt(const QString& file, const QString& what) {
    throw Error(
        ErrorKind::CorruptFile,
        QStringLiteral("%1 is damaged: %2").arg(QDir::toNativeSeparators(file), what).toStdString(),
        toPath(file));
}

}  // namespace

QHash<QString, QString> RunResults::labelsOf(const Project& project) {
    QHash<QString, QString> labels;
    for (const ProjectImage& image : project.images()) {
        if (!image.excluded && image.label >= 0 && image.label < project.classCount()) {
            labels.insert(image.path, project.classNames()[image.label]);
        }
    }
    return labels;
}

bool RunResults::hasRunDetails() const {
    return crossValidation.available() || !crossValidation.note.empty() || calibration.fitted ||
           !calibration.note.empty() || automaticRecipe.ran;
}

QStringList RunResults::changedPhotos(const Project& project) const {
    const QHash<QString, QString> now = labelsOf(project);
    QStringList changed;
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        if (labelsAtTraining.value(it.key()) != it.value()) {
            changed.push_back(it.key());
        }
    }
    for (auto it = labelsAtTraining.cbegin(); it != labelsAtTraining.cend(); ++it) {
        if (!now.contains(it.key())) {
            changed.push_back(it.key());
        }
    }
    return changed;
}

void RunResults::save(const QString& file) const {
    QJsonArray classes;
    for (const std::string& name : report.classNames) {
        classes.append(QString::fromStdString(name));
    }
    QJsonArray predictions;
    for (const ImagePrediction& p : report.predictions) {
        QJsonArray probabilities;
        for (double v : p.probabilities) {
            probabilities.append(v);
        }
        predictions.append(QJsonObject{{"path", QString::fromStdString(p.path)},
                                       {"label", p.trueLabel},
                                       {"predicted", p.predictedLabel},
                                       {"probabilities", probabilities}});
    }
    QJsonArray photos;
    for (auto it = labelsAtTraining.cbegin(); it != labelsAtTraining.cend(); ++it) {
        photos.append(QJsonArray{it.key(), it.value()});
    }
    QJsonObject root{{"format", kFormat},          {"version", kVersion},
                     {"classes", classes},         {"loss", report.loss},
                     {"predictions", predictions}, {"labelsAtTraining", photos}};
    if (hasRunDetails()) {
        // As model.json and `train --json` write them.
        root.insert("cross_validation", toJson(crossValidation, report.classNames));
        root.insert("cross_validation_details", crossValidationDetailsJson(crossValidation));
        root.insert("calibration", toJson(calibration));
        root.insert("automatic_recipe", toJson(automaticRecipe));
    }
    QDir().mkpath(QFileInfo(file).absolutePath());
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) ||
        out.write(QJsonDocument(root).toJson(QJsonDocument::Compact)) < 0 || !out.commit()) {
        throw FileSystemError(QStringLiteral("Cannot write %1: %2")
                                  .arg(QDir::toNativeSeparators(file), out.errorString())
                                  .toStdString(),
                              toPath(file));
    }
}

RunResults RunResults::load(const QString& file) {
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        throw FileSystemError(QStringLiteral("Cannot open %1: %2")
                                  .arg(QDir::toNativeSeparators(file), in.errorString())
                                  .toStdString(),
                              toPath(file));
    }
    if (in.size() > kMaxFileSize) {
        corrupt(file, QStringLiteral("it is too large (%1 bytes)").arg(in.size()));
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(in.readAll(), &parseError);
    if (!doc.isObject()) {
        corrupt(file, parseError.errorString());
    }
    const QJsonObject root = doc.object();
    if (root.value("format").toString() != QLatin1String(kFormat)) {
        throw Error(ErrorKind::UnsupportedFormat,
                    QStringLiteral("%1 is not a TransferLab results file")
                        .arg(QDir::toNativeSeparators(file))
                        .toStdString(),
                    toPath(file));
    }
    if (root.value("version").toInt() > kVersion) {
        throw Error(ErrorKind::UnsupportedFormat,
                    QStringLiteral("%1 was written by a newer TransferLab")
                        .arg(QDir::toNativeSeparators(file))
                        .toStdString(),
                    toPath(file));
    }
    std::vector<std::string> classNames;
    for (const QJsonValue& name : root.value("classes").toArray()) {
        if (!name.isString()) {
            corrupt(file, QStringLiteral("a class name is not text"));
        }
        classNames.push_back(name.toString().toStdString());
    }
    if (classNames.size() < 2) {
        corrupt(file, QStringLiteral("fewer than two classes"));
    }
    const int classCount = static_cast<int>(classNames.size());
    std::vector<ImagePrediction> predictions;
    const QJsonArray items = root.value("predictions").toArray();
    predictions.reserve(static_cast<std::size_t>(items.size()));
    for (const QJsonValue& value : items) {
        const QJsonObject o = value.toObject();
        ImagePrediction p;
        p.path = o.value("path").toString().toStdString();
        p.trueLabel = o.value("label").toInt(-2);
        p.predictedLabel = o.value("predicted").toInt(-2);
        const QJsonArray probabilities = o.value("probabilities").toArray();
        if (p.path.empty() || p.trueLabel < 0 || p.trueLabel >= classCount ||
            p.predictedLabel < 0 || p.predictedLabel >= classCount ||
            probabilities.size() != classCount) {
            corrupt(file, QStringLiteral("prediction %1 does not fit the %2 classes")
                              .arg(predictions.size() + 1)
                              .arg(classCount));
        }
        for (const QJsonValue& v : probabilities) {
            const double probability = v.toDouble(-1);
            if (!std::isfinite(probability) || probability < 0 || probability > 1) {
                corrupt(file, QStringLiteral("a probability is out of range"));
            }
            p.probabilities.push_back(probability);
        }
        predictions.push_back(std::move(p));
    }
    RunResults results;
    results.report = EvaluationReport::compute(std::move(classNames), std::move(predictions));
    results.report.loss = root.value("loss").toDouble();
    for (const QJsonValue& value : root.value("labelsAtTraining").toArray()) {
        const QJsonArray pair = value.toArray();
        if (pair.size() != 2 || !pair[0].isString() || !pair[1].isString()) {
            corrupt(file, QStringLiteral("a photo's label is not a (path, class) pair"));
        }
        results.labelsAtTraining.insert(pair[0].toString(), pair[1].toString());
    }
    // Optional (older files have none); what cannot be read stays empty.
    if (root.contains("cross_validation_details")) {
        results.crossValidation = crossValidationSummaryFromJson(
            root.value("cross_validation"), root.value("cross_validation_details").toObject(),
            results.report.classNames);
    }
    if (root.value("calibration").isObject()) {
        results.calibration = calibrationReportFromJson(root.value("calibration").toObject());
    }
    results.automaticRecipe = autoRecipeReportFromJson(root.value("automatic_recipe"));
    return results;
}

}  // namespace tl
