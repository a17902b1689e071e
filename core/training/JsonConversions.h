// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonArray>
#include <QJsonObject>

#include "training/AutoRecipeReport.h"
#include "training/CalibrationReport.h"
#include "training/CrossValidationSummary.h"
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

// {"folds": K, "accuracy_mean": m, "accuracy_sd": s, "per_class_recall": {"class": r, ...}}, or
// null when the run was not cross-validated (crossValidationDetailsJson's "note" says why).
QJsonValue toJson(const CrossValidationSummary& summary,
                  const std::vector<std::string>& classNames);
// The rest: photos, correct, per-fold accuracy, accuracy without test-time augmentation, note.
QJsonObject crossValidationDetailsJson(const CrossValidationSummary& summary);
CrossValidationSummary crossValidationSummaryFromJson(const QJsonValue& summary,
                                                      const QJsonObject& details,
                                                      const std::vector<std::string>& classNames);

QJsonObject toJson(const CalibrationReport& report);
CalibrationReport calibrationReportFromJson(const QJsonObject& json);

// null when the automatic recipe did not run.
QJsonValue toJson(const AutoRecipeReport& report);
AutoRecipeReport autoRecipeReportFromJson(const QJsonValue& json);

}  // namespace tl
