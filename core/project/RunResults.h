// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include "training/AutoRecipeReport.h"
#include "training/CalibrationReport.h"
#include "training/CrossValidationSummary.h"
#include "training/EvaluationReport.h"

namespace tl {

class Project;

// What a training run saw and concluded, kept in the project's folder (results/<run>.json)
// so that after a restart the Results page shows the same metrics, confusion matrix and
// gallery again (a model folder keeps metrics only), and can tell which labels the user has
// changed since.
struct RunResults {
    EvaluationReport report;  // every validation prediction
    // The photos the run learned from and was measured on, with their class then.
    QHash<QString, QString> labelsAtTraining;
    // The run's k-fold figures on its training photos (folds == 0 when there are none), its
    // calibration and, when it chose the settings, the automatic recipe's report. Files
    // written before these existed read back without them (hasRunDetails() is false).
    CrossValidationSummary crossValidation;
    CalibrationReport calibration;
    AutoRecipeReport automaticRecipe;

    // Whether any of the three above says something (a run, or a file, that has them).
    bool hasRunDetails() const;

    // The labelled, not excluded photos of `project` as they are now.
    static QHash<QString, QString> labelsOf(const Project& project);
    // Photos whose label changed since the run (relabelled, excluded, included, added to a
    // class or removed).
    QStringList changedPhotos(const Project& project) const;

    // Written atomically. Throws FileSystemError.
    void save(const QString& file) const;
    // Reads and checks a file written by save(): every label and probability must fit the
    // class list. Throws Error (CorruptFile, UnsupportedFormat or FileSystem).
    static RunResults load(const QString& file);
};

}  // namespace tl
