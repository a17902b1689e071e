// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>
#include <QWidget>

#include "models/ResultsGalleryFilter.h"
#include "project/RunResults.h"

class QComboBox;
class QLabel;
class QListView;
class QPushButton;
class QTableView;
class QTimer;
class QUndoStack;

namespace tl {

class ConfusionMatrixModel;
class PhotoViewer;
class PredictionListModel;
class Project;
class ThumbnailCache;

// The current model's validation results: summary, confusion matrix (click a cell to see its
// photos: the class and "Show" selectors follow) and the gallery of photos per class and kind
// (false negatives, false positives, ...). Labelling mistakes can be fixed from here; fixed
// photos are marked, the page says the results are from before the edits, and Retrain is one
// click away.
class ResultsPage : public QWidget {
    Q_OBJECT
public:
    ResultsPage(Project* project, QUndoStack* undoStack, ThumbnailCache* thumbnails,
                QWidget* parent = nullptr);

    // The results of the current run (`runName`); empty results clear the page.
    void setResults(const RunResults& results, const QString& runName);
    void clearResults();
    // Convenience for a report without the labels the run saw.
    void setReport(const EvaluationReport& report);
    bool hasResults() const { return hasResults_; }
    PredictionListModel* galleryModel() const { return gallery_; }
    ConfusionMatrixModel* confusionModel() const { return confusion_; }
    QTableView* confusionView() const { return matrix_; }
    QListView* galleryView() const { return galleryView_; }
    QComboBox* classSelector() const { return classCombo_; }
    QComboBox* showSelector() const { return kind_; }
    QLabel* galleryTitle() const { return galleryTitle_; }
    // The run's k-fold cross-validated accuracy, its calibration and what the automatic recipe
    // chose, beside the validation split's figures; hidden when the run has none of them.
    QLabel* crossValidationLabel() const { return crossValidation_; }
    QLabel* staleBanner() const { return stale_; }
    QPushButton* relabelButton() const { return relabel_; }
    QPushButton* excludeButton() const { return exclude_; }
    QPushButton* retrainButton() const { return retrain_; }
    const ResultsGalleryFilter& filter() const { return filter_; }
    // Shows the photos of true class t predicted as p, and sets the selectors to say so.
    void showCell(int trueLabel, int predictedLabel);
    void setFilter(const ResultsGalleryFilter& filter);
    // Photos relabelled, excluded or added since the run.
    int changedSinceRun() const { return changed_; }
    void setRetrainEnabled(bool enabled);
    void openViewer(int row);
    void relabelSelectedAsPredicted();
    // The photos selected in the misclassified gallery.
    QStringList selectedPaths() const;

signals:
    void retrainRequested();
    void showInDataPage(const QString& path);
    // The photo viewer's "Heat-map…" button: explain these photos (the Inspect menu does).
    void explainRequested(const QStringList& paths);

private:
    void fitMatrix();
    void updateSummary();
    void updateRunDetails();
    void updateGallery();
    void updateSelectors();
    void updateStale();
    void updateActions();
    void relabelSelected(int label);
    QStringList classNames() const;

    Project* project_;
    QUndoStack* undoStack_;
    RunResults results_;
    bool hasResults_ = false;
    QString runName_;
    ResultsGalleryFilter filter_;
    int changed_ = 0;
    bool retrainAllowed_ = true;
    ConfusionMatrixModel* confusion_;
    PredictionListModel* gallery_;
    QLabel* summary_;
    QLabel* crossValidation_;
    QLabel* classTable_;
    QLabel* stale_;
    QTableView* matrix_;
    QComboBox* classCombo_;
    QComboBox* kind_;
    QLabel* galleryTitle_;
    QListView* galleryView_;
    QPushButton* relabel_;
    QPushButton* exclude_;
    QPushButton* retrain_;
    QTimer* staleTimer_;
    QPointer<PhotoViewer> viewer_;
};

}  // namespace tl
