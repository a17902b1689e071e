// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonArray>
#include <QJsonObject>

#include "training/EvaluationReport.h"
#include "training/TrainingHistory.h"
#include "training/TrainingSettings.h"

namespace tl {

// JSON forms shared by saved models, project files and the CLI's --json output.
QJsonObject toJson(const TrainingSettings& settings);
// Missing keys keep their defaults, so older files stay readable.
TrainingSettings trainingSettingsFromJson(const QJsonObject& json);

QJsonArray toJson(const TrainingHistory& history);
TrainingHistory trainingHistoryFromJson(const QJsonArray& json);

QJsonObject toJson(const ImagePrediction& prediction, const std::vector<std::string>& classNames);
// Metrics, confusion matrix and the misclassified images (not every prediction).
QJsonObject toJson(const EvaluationReport& report);
EvaluationReport evaluationReportFromJson(const QJsonObject& json);

}  // namespace tl
