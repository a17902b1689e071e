// SPDX-License-Identifier: MIT
#include "training/JsonConversions.h"

#include <algorithm>

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

QString fixedViewsName(AugmentationSettings::FixedViews fixed) {
    switch (fixed) {
        case AugmentationSettings::FixedViews::Mirror:
            return "mirror";
        case AugmentationSettings::FixedViews::Crops:
            return "crops";
        case AugmentationSettings::FixedViews::None:
            break;
    }
    return "none";
}

AugmentationSettings::FixedViews fixedViewsFrom(const QString& name) {
    if (name == "mirror") {
        return AugmentationSettings::FixedViews::Mirror;
    }
    if (name == "crops") {
        return AugmentationSettings::FixedViews::Crops;
    }
    return AugmentationSettings::FixedViews::None;
}

QJsonObject toJson(const AugmentationSettings& a) {
    return {{"enabled", a.enabled},
            {"horizontal_flip", a.horizontalFlip},
            {"rotation", a.rotation},
            {"zoom", a.zoom},
            {"translation", a.translation},
            {"contrast", a.contrast},
            {"brightness", a.brightness},
            {"views_per_image", a.viewsPerImage},
            {"fixed_views", fixedViewsName(a.fixedViews)}};
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
    a.fixedViews = fixedViewsFrom(json.value("fixed_views").toString());
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
            {"feature_cache", s.featureCache},
            {"cross_validation_folds", s.crossValidationFolds},
            {"calibrate", s.calibrate},
            {"test_time_augmentation", QString::fromStdString(toString(s.testTimeAugmentation))},
            {"automatic", s.automatic},
            {"automatic_budget", s.automaticBudget}};
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
    s.crossValidationFolds = json.value("cross_validation_folds").toInt(s.crossValidationFolds);
    s.calibrate = json.value("calibrate").toBool(s.calibrate);
    s.testTimeAugmentation = testTimeAugmentationFromString(
                                 json.value("test_time_augmentation").toString("off").toStdString())
                                 .value_or(TestTimeAugmentation::Off);
    s.automatic = json.value("automatic").toBool(s.automatic);
    s.automaticBudget = json.value("automatic_budget").toDouble(s.automaticBudget);
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

namespace {

// -1 and other "not measured" markers are written as null.
QJsonValue measured(double value) {
    return value >= 0 ? QJsonValue(value) : QJsonValue();
}

double measuredFrom(const QJsonValue& value) {
    return value.isDouble() ? value.toDouble() : -1.0;
}

QJsonArray hiddenJson(const std::vector<int64_t>& units) {
    QJsonArray array;
    for (int64_t u : units) {
        array.append(static_cast<qint64>(u));
    }
    return array;
}

}  // namespace

QJsonValue toJson(const CrossValidationSummary& summary,
                  const std::vector<std::string>& classNames) {
    if (!summary.available()) {
        return QJsonValue();
    }
    QJsonObject recall;
    for (size_t c = 0; c < summary.perClassRecall.size() && c < classNames.size(); ++c) {
        recall.insert(QString::fromStdString(classNames[c]), summary.perClassRecall[c]);
    }
    return QJsonObject{{"folds", summary.folds},
                       {"accuracy_mean", summary.accuracyMean},
                       {"accuracy_sd", summary.accuracySd},
                       {"per_class_recall", recall}};
}

QJsonObject crossValidationDetailsJson(const CrossValidationSummary& summary) {
    return {{"images", summary.samples},
            {"correct", summary.correct},
            {"fold_accuracy", toJsonArray(summary.foldAccuracy)},
            {"accuracy_without_test_time_augmentation", measured(summary.accuracyWithoutTestTime)},
            {"note", QString::fromStdString(summary.note)}};
}

CrossValidationSummary crossValidationSummaryFromJson(const QJsonValue& value,
                                                      const QJsonObject& details,
                                                      const std::vector<std::string>& classNames) {
    CrossValidationSummary summary;
    summary.note = details.value("note").toString().toStdString();
    summary.samples = details.value("images").toInt();
    summary.correct = details.value("correct").toInt();
    summary.foldAccuracy = doublesFrom(details.value("fold_accuracy").toArray());
    summary.accuracyWithoutTestTime =
        measuredFrom(details.value("accuracy_without_test_time_augmentation"));
    const QJsonObject json = value.toObject();
    summary.folds = std::max(0, json.value("folds").toInt());
    summary.accuracyMean = json.value("accuracy_mean").toDouble();
    summary.accuracySd = json.value("accuracy_sd").toDouble();
    const QJsonObject recall = json.value("per_class_recall").toObject();
    for (const auto& name : classNames) {
        summary.perClassRecall.push_back(recall.value(QString::fromStdString(name)).toDouble());
    }
    return summary;
}

QJsonObject toJson(const CalibrationReport& report) {
    return {{"fitted", report.fitted},
            {"temperature", report.temperature},
            {"images", report.samples},
            {"bins", CalibrationReport::kBins},
            {"ece_out_of_fold_before", measured(report.eceBefore)},
            {"ece_out_of_fold_after", measured(report.eceAfter)},
            {"ece_out_of_fold_floor", measured(report.eceAfterFloor)},
            {"validation_images", report.validationSamples},
            {"ece_validation_before", measured(report.validationEceBefore)},
            {"ece_validation_after", measured(report.validationEceAfter)},
            {"note", QString::fromStdString(report.note)}};
}

CalibrationReport calibrationReportFromJson(const QJsonObject& json) {
    CalibrationReport report;
    report.fitted = json.value("fitted").toBool();
    report.temperature = json.value("temperature").toDouble(1.0);
    report.samples = json.value("images").toInt();
    report.eceBefore = measuredFrom(json.value("ece_out_of_fold_before"));
    report.eceAfter = measuredFrom(json.value("ece_out_of_fold_after"));
    report.eceAfterFloor = measuredFrom(json.value("ece_out_of_fold_floor"));
    report.validationSamples = json.value("validation_images").toInt();
    report.validationEceBefore = measuredFrom(json.value("ece_validation_before"));
    report.validationEceAfter = measuredFrom(json.value("ece_validation_after"));
    report.note = json.value("note").toString().toStdString();
    return report;
}

QJsonValue toJson(const AutoRecipeReport& report) {
    if (!report.ran) {
        return QJsonValue();
    }
    QJsonArray trials;
    for (const auto& t : report.trials) {
        trials.append(QJsonObject{{"stage", QString::fromStdString(t.stage)},
                                  {"input_size", t.inputSize},
                                  {"learning_rate", t.learningRate},
                                  {"dropout", t.dropout},
                                  {"weight_decay", t.weightDecay},
                                  {"hidden_units", hiddenJson(t.hiddenUnits)},
                                  {"views", QString::fromStdString(t.views)},
                                  {"test_time_augmentation", QString::fromStdString(t.testTime)},
                                  {"epochs", t.epochs},
                                  {"correct", t.correct},
                                  {"images", t.samples},
                                  {"accuracy_mean", t.accuracyMean},
                                  {"accuracy_sd", t.accuracySd},
                                  {"loss", t.loss},
                                  {"seconds", t.seconds},
                                  {"kept", t.kept}});
    }
    QJsonArray skipped;
    for (const auto& line : report.skipped) {
        skipped.append(QString::fromStdString(line));
    }
    return QJsonObject{{"folds", report.folds},
                       {"native_input_size", report.nativeInputSize},
                       {"trials", trials},
                       {"chosen", report.chosen},
                       {"reason", QString::fromStdString(report.reason)},
                       {"rule", QString::fromStdString(report.rule)},
                       {"budget_rule", QString::fromStdString(report.budgetRule)},
                       {"cost_seconds", report.costSeconds},
                       {"skipped", skipped},
                       {"plain_run_seconds", report.plainRunSeconds},
                       {"budget_seconds", report.budgetSeconds},
                       {"spent_seconds", report.spentSeconds}};
}

AutoRecipeReport autoRecipeReportFromJson(const QJsonValue& value) {
    AutoRecipeReport report;
    if (!value.isObject()) {
        return report;
    }
    const QJsonObject json = value.toObject();
    report.ran = true;
    report.folds = json.value("folds").toInt();
    report.nativeInputSize = json.value("native_input_size").toInt();
    for (const auto& item : json.value("trials").toArray()) {
        const QJsonObject t = item.toObject();
        AutoRecipeTrial trial;
        trial.stage = t.value("stage").toString().toStdString();
        trial.inputSize = t.value("input_size").toInt();
        trial.learningRate = t.value("learning_rate").toDouble();
        trial.dropout = t.value("dropout").toDouble();
        trial.weightDecay = t.value("weight_decay").toDouble();
        for (const auto& units : t.value("hidden_units").toArray()) {
            trial.hiddenUnits.push_back(units.toInteger());
        }
        trial.views = t.value("views").toString().toStdString();
        trial.testTime = t.value("test_time_augmentation").toString().toStdString();
        trial.epochs = t.value("epochs").toInt();
        trial.correct = t.value("correct").toInt();
        trial.samples = t.value("images").toInt();
        trial.accuracyMean = t.value("accuracy_mean").toDouble();
        trial.accuracySd = t.value("accuracy_sd").toDouble();
        trial.loss = t.value("loss").toDouble();
        trial.seconds = t.value("seconds").toDouble();
        trial.kept = t.value("kept").toBool();
        report.trials.push_back(trial);
    }
    const int chosen = json.value("chosen").toInt(-1);
    report.chosen = chosen >= 0 && chosen < static_cast<int>(report.trials.size()) ? chosen : -1;
    report.reason = json.value("reason").toString().toStdString();
    report.rule = json.value("rule").toString().toStdString();
    report.budgetRule = json.value("budget_rule").toString().toStdString();
    report.costSeconds = json.value("cost_seconds").toDouble();
    for (const auto& line : json.value("skipped").toArray()) {
        report.skipped.push_back(line.toString().toStdString());
    }
    report.plainRunSeconds = json.value("plain_run_seconds").toDouble();
    report.budgetSeconds = json.value("budget_seconds").toDouble();
    report.spentSeconds = json.value("spent_seconds").toDouble();
    return report;
}

}  // namespace tl
