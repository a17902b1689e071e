// SPDX-License-Identifier: MIT
#include "widgets/ResultsPage.h"

#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QUndoStack>
#include <QVBoxLayout>

#include "commands/RelabelCommand.h"
#include "commands/SetExcludedCommand.h"
#include "data/TestTimeAugmentation.h"
#include "models/ConfusionMatrixModel.h"
#include "models/PredictionListModel.h"
#include "models/RunProgress.h"
#include "project/Project.h"
#include "widgets/PhotoViewer.h"
#include "widgets/PredictionDelegate.h"

namespace tl {

namespace {
// Readable cells whatever the window size: big enough for a three-digit count in a large
// font, never stretched to fill a wide window.
constexpr int kCellWidth = 96;
constexpr int kCellHeight = 52;

QString percent(double fraction) {
    return QString::number(fraction * 100, 'f', 1);
}
}  // namespace

ResultsPage::ResultsPage(Project* project, QUndoStack* undoStack, ThumbnailCache* thumbnails,
                         QWidget* parent)
    : QWidget(parent),
      project_(project),
      undoStack_(undoStack),
      confusion_(new ConfusionMatrixModel(this)),
      gallery_(new PredictionListModel(thumbnails, this)) {
    gallery_->setProject(project_);
    summary_ = new QLabel(tr("Train a model to see its results on the validation photos."), this);
    summary_->setWordWrap(true);
    summary_->setTextFormat(Qt::RichText);
    crossValidation_ = new QLabel(this);
    crossValidation_->setWordWrap(true);
    crossValidation_->setTextFormat(Qt::RichText);
    crossValidation_->setToolTip(
        tr("Cross-validated: the training photos are split into k folds, and each fold is "
           "predicted by a classifier trained on the others; the figure is the mean over the "
           "folds, ± their standard deviation. It rests on every training photo, so it is "
           "steadier than the validation split's. The calibration error is how far the "
           "model's confidence is from how often it is right."));
    crossValidation_->setVisible(false);
    classTable_ = new QLabel(this);
    classTable_->setTextFormat(Qt::RichText);
    classTable_->setVisible(false);
    stale_ = new QLabel(this);
    stale_->setWordWrap(true);
    stale_->setTextFormat(Qt::RichText);
    stale_->setAutoFillBackground(true);
    QPalette note = stale_->palette();
    note.setColor(QPalette::Window, QColor(255, 236, 179));
    note.setColor(QPalette::WindowText, Qt::black);
    stale_->setPalette(note);
    stale_->setMargin(6);
    stale_->setVisible(false);
    connect(stale_, &QLabel::linkActivated, this, &ResultsPage::retrainRequested);

    matrix_ = new QTableView(this);
    matrix_->setModel(confusion_);
    for (QHeaderView* header : {matrix_->horizontalHeader(), matrix_->verticalHeader()}) {
        header->setSectionResizeMode(QHeaderView::Fixed);
    }
    matrix_->horizontalHeader()->setDefaultSectionSize(kCellWidth);
    matrix_->verticalHeader()->setDefaultSectionSize(kCellHeight);
    matrix_->setSelectionMode(QAbstractItemView::SingleSelection);
    matrix_->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Maximum);
    matrix_->setToolTip(
        tr("Rows: the labels; columns: the predictions. Click a cell to see "
           "its photos."));
    QFont big = matrix_->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    matrix_->setFont(big);
    connect(matrix_, &QTableView::clicked, this,
            [this](const QModelIndex& index) { showCell(index.row(), index.column()); });

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    // The validation split's accuracy, the cross-validated one beside it, then per class.
    leftLayout->addWidget(summary_);
    leftLayout->addWidget(crossValidation_);
    leftLayout->addWidget(classTable_);
    leftLayout->addWidget(new QLabel(tr("<b>Confusion matrix</b> (validation photos)"), left));
    leftLayout->addWidget(matrix_, 0, Qt::AlignLeft | Qt::AlignTop);
    leftLayout->addStretch(1);
    left->setMinimumWidth(220);

    classCombo_ = new QComboBox(this);
    classCombo_->setToolTip(tr("The class whose photos to show"));
    classCombo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    kind_ = new QComboBox(this);
    kind_->setToolTip(
        tr("False negatives: photos of the class the model missed. False "
           "positives: photos of other classes it took for this one."));
    kind_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    kind_->setMinimumContentsLength(20);
    connect(classCombo_, &QComboBox::activated, this, [this](int index) {
        filter_.classIndex = index;
        if (filter_.kind == ResultsGalleryFilter::Kind::PredictedAs &&
            filter_.predictedAs == index) {
            filter_.kind = ResultsGalleryFilter::Kind::FalseNegatives;
        }
        updateSelectors();
        updateGallery();
    });
    connect(kind_, &QComboBox::activated, this, [this](int index) {
        const auto options = ResultsGalleryFilter::options(classNames(), filter_.classIndex);
        if (index >= 0 && index < options.size()) {
            filter_.kind = options[index].kind;
            filter_.predictedAs = options[index].predictedAs;
        }
        updateGallery();
    });

    galleryView_ = new QListView(this);
    galleryView_->setModel(gallery_);
    galleryView_->setItemDelegate(new PredictionDelegate(galleryView_));
    galleryView_->setViewMode(QListView::IconMode);
    galleryView_->setResizeMode(QListView::Adjust);
    galleryView_->setMovement(QListView::Static);
    galleryView_->setSpacing(6);
    galleryView_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    galleryView_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(galleryView_, &QListView::doubleClicked, this,
            [this](const QModelIndex& index) { openViewer(index.row()); });
    connect(galleryView_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ResultsPage::updateActions);
    connect(galleryView_, &QListView::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex index = galleryView_->indexAt(pos);
        if (!index.isValid()) {
            return;
        }
        const QString path = index.data(PredictionListModel::PathRole).toString();
        const int predicted = index.data(PredictionListModel::PredictedLabelRole).toInt();
        const int predictedInProject =
            project_->classIndex(gallery_->classNames().value(predicted));
        QMenu menu(this);
        menu.addAction(tr("Open Photo"), this, [this, index] { openViewer(index.row()); });
        menu.addAction(tr("Show on Data Page"), this, [this, path] { emit showInDataPage(path); });
        menu.addSeparator();
        menu.addAction(tr("Relabel as %1 (it was a labelling mistake)")
                           .arg(gallery_->classNames().value(predicted)),
                       this, [this, predictedInProject] { relabelSelected(predictedInProject); })
            ->setEnabled(predictedInProject >= 0);
        QMenu* move = menu.addMenu(tr("Move to Class"));
        for (int c = 0; c < project_->classCount(); ++c) {
            move->addAction(project_->classNames()[c], this, [this, c] { relabelSelected(c); });
        }
        menu.addAction(tr("Exclude from Training"), this, [this] {
            undoStack_->push(new SetExcludedCommand(project_, selectedPaths(), true));
        });
        menu.exec(galleryView_->viewport()->mapToGlobal(pos));
    });

    relabel_ = new QPushButton(tr("Relabel as Predicted"), this);
    relabel_->setToolTip(
        tr("The label was wrong: move the selected photos to the predicted class"));
    connect(relabel_, &QPushButton::clicked, this, &ResultsPage::relabelSelectedAsPredicted);
    exclude_ = new QPushButton(tr("Exclude"), this);
    exclude_->setToolTip(tr("Leave the selected photos out of training"));
    connect(exclude_, &QPushButton::clicked, this,
            [this] { undoStack_->push(new SetExcludedCommand(project_, selectedPaths(), true)); });
    retrain_ = new QPushButton(tr("Retrain"), this);
    retrain_->setToolTip(tr("Train again with the corrected labels"));
    connect(retrain_, &QPushButton::clicked, this, &ResultsPage::retrainRequested);

    galleryTitle_ = new QLabel(this);
    galleryTitle_->setWordWrap(true);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Class:"), this));
    controls->addWidget(classCombo_);
    controls->addWidget(new QLabel(tr("Show:"), this));
    controls->addWidget(kind_, 1);
    auto* actions = new QHBoxLayout;
    actions->addWidget(galleryTitle_, 1);
    actions->addWidget(relabel_);
    actions->addWidget(exclude_);
    actions->addWidget(retrain_);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(stale_);
    rightLayout->addLayout(controls);
    rightLayout->addWidget(galleryView_, 1);
    rightLayout->addLayout(actions);
    right->setMinimumWidth(400);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({360, 1000});
    splitter->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    // Label edits make the results older than the labels: coalesce a burst of them.
    staleTimer_ = new QTimer(this);
    staleTimer_->setSingleShot(true);
    staleTimer_->setInterval(0);
    connect(staleTimer_, &QTimer::timeout, this, &ResultsPage::updateStale);
    connect(project_, &Project::imageChanged, staleTimer_, qOverload<>(&QTimer::start));
    connect(project_, &Project::imagesAdded, staleTimer_, qOverload<>(&QTimer::start));
    connect(project_, &Project::reset, staleTimer_, qOverload<>(&QTimer::start));
    connect(project_, &Project::classesChanged, staleTimer_, qOverload<>(&QTimer::start));
    updateActions();
}

QStringList ResultsPage::classNames() const {
    QStringList names;
    for (const std::string& name : results_.report.classNames) {
        names.push_back(QString::fromStdString(name));
    }
    return names;
}

void ResultsPage::setReport(const EvaluationReport& report) {
    RunResults results;
    results.report = report;
    setResults(results, {});
}

void ResultsPage::clearResults() {
    results_ = {};
    hasResults_ = false;
    runName_.clear();
    confusion_->setReport({});
    gallery_->setClassNames({});
    gallery_->setPredictions({});
    classCombo_->clear();
    kind_->clear();
    galleryTitle_->clear();
    summary_->setText(tr("Train a model to see its results on the validation photos."));
    crossValidation_->clear();
    crossValidation_->setVisible(false);
    classTable_->clear();
    classTable_->setVisible(false);
    stale_->setVisible(false);
    updateActions();
}

void ResultsPage::setResults(const RunResults& results, const QString& runName) {
    if (results.report.classNames.empty()) {
        clearResults();
        return;
    }
    results_ = results;
    hasResults_ = true;
    runName_ = runName;
    gallery_->setClassNames(classNames());
    confusion_->setReport(results_.report);
    fitMatrix();
    filter_ = {};
    updateSummary();
    updateRunDetails();
    updateSelectors();
    updateGallery();
    updateStale();
}

void ResultsPage::fitMatrix() {
    // Exactly the cells and headers, up to a size that still leaves room for the summary;
    // beyond, the matrix scrolls.
    const int frame = 2 * matrix_->frameWidth();
    const int width = matrix_->verticalHeader()->sizeHint().width() +
                      confusion_->columnCount() * kCellWidth + frame;
    const int height = matrix_->horizontalHeader()->sizeHint().height() +
                       confusion_->rowCount() * kCellHeight + frame;
    matrix_->setFixedSize(qMin(width, 640), qMin(height, 480));
}

void ResultsPage::updateSummary() {
    const EvaluationReport& report = results_.report;
    const QStringList names = classNames();
    QString html = runName_.isEmpty() ? QString() : tr("<p>%1</p>").arg(runName_.toHtmlEscaped());
    html += tr("<p><b>Validation accuracy: %1%</b> &nbsp; loss %2<br>%3 photos, %4 "
               "misclassified</p>")
                .arg(report.accuracy * 100, 0, 'f', 1)
                .arg(report.loss, 0, 'f', 4)
                .arg(report.predictions.size())
                .arg(report.misclassified().size());
    summary_->setText(html);
    // The cross-validated recall beside the split's, when the run has it.
    const std::vector<double>& kfoldRecall = results_.crossValidation.perClassRecall;
    const bool kfold = results_.crossValidation.available() &&
                       kfoldRecall.size() == static_cast<std::size_t>(names.size());
    html = "<table cellspacing=6><tr><th align=left>" + tr("Class") + "</th><th>" +
           tr("Precision") + "</th><th>" + tr("Recall") + "</th>" +
           (kfold ? "<th>" + tr("Recall, cross-validated") + "</th>" : QString()) + "</tr>";
    for (int c = 0; c < names.size(); ++c) {
        html +=
            QString("<tr><td>%1</td><td align=right>%2%</td><td align=right>%3%</td>")
                .arg(names[c].toHtmlEscaped())
                .arg(report.precision.size() > std::size_t(c) ? report.precision[c] * 100 : 0, 0,
                     'f', 1)
                .arg(report.recall.size() > std::size_t(c) ? report.recall[c] * 100 : 0, 0, 'f', 1);
        if (kfold) {
            html += QString("<td align=right>%1%</td>").arg(percent(kfoldRecall[std::size_t(c)]));
        }
        html += "</tr>";
    }
    html += "</table>";
    classTable_->setText(html);
    classTable_->setVisible(true);
}

void ResultsPage::updateRunDetails() {
    const CrossValidationSummary& cv = results_.crossValidation;
    const CalibrationReport& calibration = results_.calibration;
    const AutoRecipeReport& recipe = results_.automaticRecipe;
    QStringList lines;
    if (cv.available()) {
        lines << tr("<b>k-fold cross-validated: %1% ± %2%</b> (%n folds)", nullptr, cv.folds)
                     .arg(percent(cv.accuracyMean), percent(cv.accuracySd));
    } else if (!cv.note.empty()) {
        lines << tr(
            "Not cross-validated: fine-tuning runs, and runs with too few photos per "
            "class, report the validation split only.");
    }
    if (calibration.fitted) {
        // Scored out of fold when measured there, else on the validation split.
        const bool outOfFold = calibration.eceBefore >= 0 && calibration.eceAfter >= 0;
        const double before = outOfFold ? calibration.eceBefore : calibration.validationEceBefore;
        const double after = outOfFold ? calibration.eceAfter : calibration.validationEceAfter;
        const QString temperature = QString::number(calibration.temperature, 'f', 2);
        if (outOfFold && calibration.eceAfterFloor >= 0) {
            // Beside ECE's own noise on this many photos, so nobody chases a gap it explains.
            lines << tr("Calibrated: expected calibration error %1% → %2% (temperature %3; a "
                        "perfectly calibrated model would show about %4% on these photos)")
                         .arg(percent(before), percent(after), temperature,
                              percent(calibration.eceAfterFloor));
        } else if (before >= 0 && after >= 0) {
            lines << tr("Calibrated: expected calibration error %1% → %2% (temperature %3)")
                         .arg(percent(before), percent(after), temperature);
        } else {
            lines << tr("Calibrated (temperature %1)").arg(temperature);
        }
    }
    if (recipe.ran && recipe.chosen >= 0 &&
        recipe.chosen < static_cast<int>(recipe.trials.size())) {
        const AutoRecipeTrial& chosen = recipe.trials[std::size_t(recipe.chosen)];
        const QString hidden =
            chosen.hiddenUnits.empty()
                ? tr("no hidden layer")
                : tr("a hidden layer of %1").arg(QString::number(chosen.hiddenUnits.front()));
        QString views = tr("augmented views");
        if (chosen.views == "photo") {
            views = tr("the photos");
        } else if (chosen.views == "photo+mirror") {
            views = tr("the photos and their mirror images");
        }
        QString testTime = tr("off");
        switch (
            testTimeAugmentationFromString(chosen.testTime).value_or(TestTimeAugmentation::Off)) {
            case TestTimeAugmentation::Mirror:
                testTime = tr("mirror");
                break;
            case TestTimeAugmentation::MirrorAndCrops:
                testTime = tr("mirror + crops");
                break;
            case TestTimeAugmentation::Off:
                break;
        }
        lines << tr("<b>Automatic recipe</b> chose %1 px, %2 epochs, learning rate %3, dropout "
                    "%4, L2 %5, %6; trained on %7; test-time augmentation %8.")
                     .arg(QString::number(chosen.inputSize), QString::number(chosen.epochs),
                          QString::number(chosen.learningRate, 'g', 3),
                          QString::number(chosen.dropout, 'g', 3),
                          QString::number(chosen.weightDecay, 'g', 3), hidden, views, testTime);
        lines << tr("It compared %n setting(s) by cross-validation in %1.", nullptr,
                    static_cast<int>(recipe.trials.size()))
                     .arg(RunProgress::formatDuration(recipe.spentSeconds));
    }
    const QString text = lines.join(QStringLiteral("<br>"));
    crossValidation_->setText(text);
    crossValidation_->setVisible(!lines.isEmpty());
}

void ResultsPage::updateSelectors() {
    const QStringList names = classNames();
    {
        QSignalBlocker block(classCombo_);
        if (classCombo_->count() != names.size()) {
            classCombo_->clear();
            classCombo_->addItems(names);
        }
        classCombo_->setCurrentIndex(filter_.classIndex);
        classCombo_->setEnabled(filter_.kind != ResultsGalleryFilter::Kind::AllMistakes);
    }
    QSignalBlocker block(kind_);
    kind_->clear();
    const auto options = ResultsGalleryFilter::options(names, filter_.classIndex);
    for (const auto& option : options) {
        kind_->addItem(option.text);
    }
    kind_->setCurrentIndex(filter_.optionIndex(options));
}

void ResultsPage::setFilter(const ResultsGalleryFilter& filter) {
    filter_ = filter;
    updateSelectors();
    updateGallery();
}

void ResultsPage::updateGallery() {
    classCombo_->setEnabled(filter_.kind != ResultsGalleryFilter::Kind::AllMistakes);
    const std::vector<ImagePrediction> items = filter_.select(results_.report);
    galleryTitle_->setText(filter_.title(classNames(), static_cast<int>(items.size())));
    gallery_->setPredictions(items);
    updateActions();
}

void ResultsPage::showCell(int trueLabel, int predictedLabel) {
    setFilter(ResultsGalleryFilter::forCell(trueLabel, predictedLabel,
                                            static_cast<int>(results_.report.classNames.size())));
}

void ResultsPage::updateStale() {
    if (!hasResults_ || results_.labelsAtTraining.isEmpty()) {
        changed_ = 0;
        stale_->setVisible(false);
        return;
    }
    changed_ = static_cast<int>(results_.changedPhotos(*project_).size());
    const QString run = runName_.isEmpty() ? tr("the last run") : runName_.toHtmlEscaped();
    stale_->setText(
        (changed_ == 1 ? tr("These results are from %1, before your last label change.").arg(run)
                       : tr("These results are from %1, before your last %2 label changes.")
                             .arg(run)
                             .arg(changed_)) +
        ' ' + tr("<a href='retrain'>Retrain</a> to see what the corrected labels give."));
    stale_->setVisible(changed_ > 0);
    galleryTitle_->setText(filter_.title(classNames(), gallery_->rowCount()) +
                           (gallery_->correctedCount() > 0
                                ? tr(" (%n corrected)", nullptr, gallery_->correctedCount())
                                : QString()));
}

void ResultsPage::setRetrainEnabled(bool enabled) {
    retrainAllowed_ = enabled;
    updateActions();
}

void ResultsPage::updateActions() {
    const bool selection = galleryView_->selectionModel()->hasSelection();
    relabel_->setEnabled(hasResults_ && selection);
    exclude_->setEnabled(hasResults_ && selection);
    retrain_->setEnabled(hasResults_ && retrainAllowed_);
}

QStringList ResultsPage::selectedPaths() const {
    QStringList paths;
    for (const QModelIndex& index : galleryView_->selectionModel()->selectedIndexes()) {
        paths.push_back(index.data(PredictionListModel::PathRole).toString());
    }
    return paths;
}

void ResultsPage::relabelSelected(int label) {
    const QStringList paths = selectedPaths();
    if (!paths.isEmpty() && label < project_->classCount()) {
        undoStack_->push(new RelabelCommand(project_, paths, label));
    }
}

void ResultsPage::relabelSelectedAsPredicted() {
    const QModelIndexList selected = galleryView_->selectionModel()->selectedIndexes();
    if (selected.isEmpty()) {
        return;
    }
    undoStack_->beginMacro(tr("Relabel %n photo(s) as predicted", nullptr, int(selected.size())));
    for (const QModelIndex& index : selected) {
        // The model's classes are matched to the project's by name: they may differ by now.
        const QString predicted = gallery_->classNames().value(
            index.data(PredictionListModel::PredictedLabelRole).toInt());
        const int label = project_->classIndex(predicted);
        if (label >= 0) {
            undoStack_->push(new RelabelCommand(
                project_, {index.data(PredictionListModel::PathRole).toString()}, label));
        }
    }
    undoStack_->endMacro();
}

void ResultsPage::openViewer(int row) {
    if (!viewer_) {
        viewer_ = new PhotoViewer(project_, undoStack_, this);
        connect(viewer_, &PhotoViewer::explainRequested, this,
                [this](const QString& path) { emit explainRequested({path}); });
    }
    viewer_->present(gallery_, row, PredictionListModel::PathRole);
}

}  // namespace tl
