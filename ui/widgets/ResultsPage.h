// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

#include "training/EvaluationReport.h"

class QButtonGroup;
class QComboBox;
class QLabel;
class QListView;
class QTableView;
class QUndoStack;

namespace tl {

class ConfusionMatrixModel;
class PredictionListModel;
class Project;
class ThumbnailCache;

// Validation results of the last run: summary, confusion matrix (click a cell to see its
// photos) and the misclassified gallery, false negatives / false positives per class,
// most confident mistakes first. Labelling mistakes can be fixed from here.
class ResultsPage : public QWidget {
    Q_OBJECT
public:
    ResultsPage(Project* project, QUndoStack* undoStack, ThumbnailCache* thumbnails,
                QWidget* parent = nullptr);

    void setReport(const EvaluationReport& report);
    PredictionListModel* galleryModel() const { return gallery_; }
    ConfusionMatrixModel* confusionModel() const { return confusion_; }
    QTableView* confusionView() const { return matrix_; }
    // Shows the photos of true class t predicted as p.
    void showCell(int trueLabel, int predictedLabel);
    // The photos selected in the misclassified gallery.
    QStringList selectedPaths() const;

signals:
    void retrainRequested();
    void showInDataPage(const QString& path);

private:
    void updateGallery();
    void relabelSelected(int label);

    Project* project_;
    QUndoStack* undoStack_;
    EvaluationReport report_;
    ConfusionMatrixModel* confusion_;
    PredictionListModel* gallery_;
    QLabel* summary_;
    QTableView* matrix_;
    QComboBox* classCombo_;
    QComboBox* kind_;
    QLabel* galleryTitle_;
    QListView* galleryView_;
};

}  // namespace tl
