// SPDX-License-Identifier: MIT
#include "training/JsonConversions.h"

namespace tl {

namespace {

QJsonArray toJsonArray(const std::vector<double>& values) {
    QJsonArray array;
    for (double value : values) {
        array.append(value);
    }
    return array;
}

std::vector<double> doublesFrom(const QJsonArray& array) {
    std::vector<double> values;
    for (const auto& value : array) {
        values.push_back(value.toDouble());
    }
    return values;
}

QJsonArray toJsonArray(const std::vector<std::string>& values) {
    QJsonArray array;
    for (const auto& value : values) {
        array.append(QString::fromStdString(value));
    }
    return array;
}

QJsonObject toJson(const AugmentationSettings& a) {
    return {{"enabled", a.enabled},         {"horizontal_flip", a.horizontalFlip},
            {"rotation", a.rotation},       {"zoom", a.zoom},
            {"translation", a.translation}, {"contrast", a.contrast},
            {"brightness", a.brightness},   {"views_per_image", a.viewsPerImage}};
}

AugmentationSettings augmentationFromJson(const QJsonObject& json) {
    AugmentationSettings a;
    a.enabled = json.value("enabled").toBool(a.enabled);
    a.horizontalFlip = json.value("horizontal_flip").toBool(a.horizontalFlip);
    a.rotation = json.value("rotation").toDouble(a.rotation);
    a.zoom = json.value("zoom").toDouble(a.zoom);
    a.translation = json.value("translation").toDouble(a.translation);
    a.contrast = json.value("contrast").toDouble(a.contrast);
    a.brightness = json.value("brightness").toDouble(a.brightness);
    a.viewsPerImage = json.value("views_per_image").toInt(a.viewsPerImage);
    return a;
}

}  // namespace

QJsonObject toJson(const TrainingSettings& s) {
    QJsonArray hidden;
    for (int64_t units : s.hiddenUnits) {
        hidden.append(static_cast<qint64>(units));
    }
    return {{"backbone", QString::fromStdString(s.backbone)},
            {"input_size", s.inputSize},
            {"epochs", s.epochs},
            {"learning_rate", s.learningRate},
            {"batch_size", s.batchSize},
            {"dropout", s.dropout},
            {"hidden_units", hidden},
            {"weight_decay", s.weightDecay},
            {"label_smoothing", s.labelSmoothing},
            {"validation_fraction", s.validationFraction},
            {"seed", QString::number(s.seed)},
            {"augmentation", toJson(s.augmentation)},
            {"class_weights", s.classWeights},
            {"early_stopping_patience", s.earlyStoppingPatience},
            {"fine_tune_blocks", s.fineTuneBlocks},
            {"fine_tune_epochs", s.fineTuneEpochs},
            {"fine_tune_learning_rate", s.fineTuneLearningRate},
            {"feature_cache", s.featureCache}};
}

TrainingSettings trainingSettingsFromJson(const QJsonObject& json) {
    TrainingSettings s;
    s.backbone = json.value("backbone").toString(QString::fromStdString(s.backbone)).toStdString();
    s.inputSize = json.value("input_size").toInt(s.inputSize);
    s.epochs = json.value("epochs").toInt(s.epochs);
    s.learningRate = json.value("learning_rate").toDouble(s.learningRate);
    s.batchSize = json.value("batch_size").toInt(s.batchSize);
    s.dropout = json.value("dropout").toDouble(s.dropout);
    if (json.contains("hidden_units")) {
        s.hiddenUnits.clear();
        for (const auto& units : json.value("hidden_units").toArray()) {
            s.hiddenUnits.push_back(units.toInteger());
        }
    }
    s.weightDecay = json.value("weight_decay").toDouble(s.weightDecay);
    s.labelSmoothing = json.value("label_smoothing").toDouble(s.labelSmoothing);
    s.validationFraction = json.value("validation_fraction").toDouble(s.validationFraction);
    s.seed = json.value("seed").toString(QString::number(s.seed)).toULongLong();
    s.augmentation = augmentationFromJson(json.value("augmentation").toObject());
    s.classWeights = json.value("class_weights").toBool(s.classWeights);
    s.earlyStoppingPatience = json.value("early_stopping_patience").toInt(s.earlyStoppingPatience);
    s.fineTuneBlocks = json.value("fine_tune_blocks").toInt(s.fineTuneBlocks);
    s.fineTuneEpochs = json.value("fine_tune_epochs").toInt(s.fineTuneEpochs);
    s.fineTuneLearningRate = json.value("fine_tune_learning_rate").toDouble(s.fineTuneLearningRate);
    s.featureCache = json.value("feature_cache").toBool(s.featureCache);
    return s;
}

QJsonArray toJson(const TrainingHistory& history) {
    QJsonArray array;
    for (const auto& epoch : history) {
        array.append(QJsonObject{{"epoch", epoch.epoch},
                                 {"loss", epoch.loss},
                                 {"accuracy", epoch.accuracy},
                                 {"val_loss", epoch.validationLoss},
                                 {"val_accuracy", epoch.validationAccuracy},
                                 {"seconds", epoch.seconds},
                                 {"fine_tuning", epoch.fineTuning}});
    }
    return array;
}

TrainingHistory trainingHistoryFromJson(const QJsonArray& json) {
    TrainingHistory history;
    for (const auto& value : json) {
        const QJsonObject object = value.toObject();
        EpochMetrics epoch;
        epoch.epoch = object.value("epoch").toInt();
        epoch.loss = object.value("loss").toDouble();
        epoch.accuracy = object.value("accuracy").toDouble();
        epoch.validationLoss = object.value("val_loss").toDouble();
        epoch.validationAccuracy = object.value("val_accuracy").toDouble();
        epoch.seconds = object.value("seconds").toDouble();
        epoch.fineTuning = object.value("fine_tuning").toBool();
        history.push_back(epoch);
    }
    return history;
}

QJsonObject toJson(const ImagePrediction& prediction, const std::vector<std::string>& classNames) {
    QJsonObject probabilities;
    for (size_t c = 0; c < prediction.probabilities.size() && c < classNames.size(); ++c) {
        probabilities.insert(QString::fromStdString(classNames[c]), prediction.probabilities[c]);
    }
    QJsonObject json{{"image", QString::fromStdString(prediction.path)},
                     {"label", QString::fromStdString(classNames.at(prediction.predictedLabel))},
                     {"probabilities", probabilities}};
    if (prediction.trueLabel >= 0) {
        json.insert("true_label", QString::fromStdString(classNames.at(prediction.trueLabel)));
    }
    return json;
}

QJsonObject toJson(const EvaluationReport& report) {
    QJsonArray confusion;
    for (const auto& row : report.confusion) {
        QJsonArray cells;
        for (int count : row) {
            cells.append(count);
        }
        confusion.append(cells);
    }
    QJsonArray misclassified;
    for (const auto& prediction : report.misclassified()) {
        misclassified.append(toJson(prediction, report.classNames));
    }
    return {{"classes", toJsonArray(report.classNames)},
            {"accuracy", report.accuracy},
            {"loss", report.loss},
            {"images", static_cast<qint64>(report.predictions.size())},
            {"precision", toJsonArray(report.precision)},
            {"recall", toJsonArray(report.recall)},
            {"confusion_matrix", confusion},
            {"misclassified", misclassified}};
}

EvaluationReport evaluationReportFromJson(const QJsonObject& json) {
    EvaluationReport report;
    for (const auto& name : json.value("classes").toArray()) {
        report.classNames.push_back(name.toString().toStdString());
    }
    report.accuracy = json.value("accuracy").toDouble();
    report.loss = json.value("loss").toDouble();
    report.precision = doublesFrom(json.value("precision").toArray());
    report.recall = doublesFrom(json.value("recall").toArray());
    for (const auto& row : json.value("confusion_matrix").toArray()) {
        std::vector<int> cells;
        for (const auto& cell : row.toArray()) {
            cells.push_back(cell.toInt());
        }
        report.confusion.push_back(cells);
    }
    return report;
}

}  // namespace tl
