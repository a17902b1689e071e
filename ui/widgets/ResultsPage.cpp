// SPDX-License-Identifier: MIT
#include "widgets/ResultsPage.h"

#include <QComboBox>
#include <QDesktopServices>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QUndoStack>
#include <QUrl>
#include <QVBoxLayout>

#include "commands/RelabelCommand.h"
#include "commands/SetExcludedCommand.h"
#include "models/ConfusionMatrixModel.h"
#include "models/PredictionListModel.h"
#include "project/Project.h"
#include "widgets/PredictionDelegate.h"

namespace tl {

ResultsPage::ResultsPage(Project* project, QUndoStack* undoStack, ThumbnailCache* thumbnails,
                         QWidget* parent)
    : QWidget(parent),
      project_(project),
      undoStack_(undoStack),
      confusion_(new ConfusionMatrixModel(this)),
      gallery_(new PredictionListModel(thumbnails, this)) {
    summary_ = new QLabel(tr("Train a model to see its results on the validation photos."), this);
    summary_->setWordWrap(true);
    summary_->setTextFormat(Qt::RichText);
    matrix_ = new QTableView(this);
    matrix_->setModel(confusion_);
    matrix_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    matrix_->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    matrix_->setSelectionMode(QAbstractItemView::SingleSelection);
    matrix_->setToolTip(
        tr("Rows: the labels; columns: the predictions. Click a cell to see "
           "its photos."));
    QFont big = matrix_->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    matrix_->setFont(big);
    connect(matrix_, &QTableView::clicked, this,
            [this](const QModelIndex& index) { showCell(index.row(), index.column()); });

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(summary_);
    leftLayout->addWidget(new QLabel(tr("<b>Confusion matrix</b> (validation)"), left));
    leftLayout->addWidget(matrix_, 1);

    classCombo_ = new QComboBox(this);
    classCombo_->setToolTip(tr("The class whose mistakes to show"));
    kind_ = new QComboBox(this);
    kind_->addItems({tr("False negatives (missed photos of the class)"),
                     tr("False positives (other photos taken for the class)"),
                     tr("All misclassified")});
    connect(classCombo_, &QComboBox::currentIndexChanged, this, &ResultsPage::updateGallery);
    connect(kind_, &QComboBox::currentIndexChanged, this, &ResultsPage::updateGallery);

    galleryView_ = new QListView(this);
    galleryView_->setModel(gallery_);
    galleryView_->setItemDelegate(new PredictionDelegate(galleryView_));
    galleryView_->setViewMode(QListView::IconMode);
    galleryView_->setResizeMode(QListView::Adjust);
    galleryView_->setMovement(QListView::Static);
    galleryView_->setSpacing(6);
    galleryView_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    galleryView_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(galleryView_, &QListView::doubleClicked, this, [this](const QModelIndex& index) {
        QDesktopServices::openUrl(
            QUrl::fromLocalFile(index.data(PredictionListModel::PathRole).toString()));
    });
    connect(galleryView_, &QListView::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex index = galleryView_->indexAt(pos);
        if (!index.isValid()) {
            return;
        }
        const QString path = index.data(PredictionListModel::PathRole).toString();
        const int predicted = index.data(PredictionListModel::PredictedLabelRole).toInt();
        QMenu menu(this);
        menu.addAction(tr("Open Photo"), this,
                       [path] { QDesktopServices::openUrl(QUrl::fromLocalFile(path)); });
        menu.addAction(tr("Show on Data Page"), this, [this, path] { emit showInDataPage(path); });
        menu.addSeparator();
        menu.addAction(tr("Relabel as %1 (it was a labelling mistake)")
                           .arg(gallery_->classNames().value(predicted)),
                       this, [this, predicted] { relabelSelected(predicted); });
        QMenu* move = menu.addMenu(tr("Move to Class"));
        for (int c = 0; c < project_->classCount(); ++c) {
            move->addAction(project_->classNames()[c], this, [this, c] { relabelSelected(c); });
        }
        menu.addAction(tr("Exclude from Training"), this, [this] {
            undoStack_->push(new SetExcludedCommand(project_, selectedPaths(), true));
        });
        menu.exec(galleryView_->viewport()->mapToGlobal(pos));
    });

    auto* relabel = new QPushButton(tr("Relabel as Predicted"), this);
    relabel->setToolTip(tr("The label was wrong: move the selected photos to the predicted class"));
    connect(relabel, &QPushButton::clicked, this, [this] {
        for (const QModelIndex& index : galleryView_->selectionModel()->selectedIndexes()) {
            undoStack_->push(
                new RelabelCommand(project_, {index.data(PredictionListModel::PathRole).toString()},
                                   index.data(PredictionListModel::PredictedLabelRole).toInt()));
        }
    });
    auto* exclude = new QPushButton(tr("Exclude"), this);
    exclude->setToolTip(tr("Leave the selected photos out of training"));
    connect(exclude, &QPushButton::clicked, this,
            [this] { undoStack_->push(new SetExcludedCommand(project_, selectedPaths(), true)); });
    auto* retrain = new QPushButton(tr("Retrain"), this);
    retrain->setToolTip(tr("Train again with the corrected labels"));
    connect(retrain, &QPushButton::clicked, this, &ResultsPage::retrainRequested);

    galleryTitle_ = new QLabel(this);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Class:"), this));
    controls->addWidget(classCombo_, 1);
    controls->addWidget(kind_, 2);
    auto* actions = new QHBoxLayout;
    actions->addWidget(galleryTitle_, 1);
    actions->addWidget(relabel);
    actions->addWidget(exclude);
    actions->addWidget(retrain);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(new QLabel(tr("<b>Misclassified photos</b>"), right));
    rightLayout->addLayout(controls);
    rightLayout->addWidget(galleryView_, 1);
    rightLayout->addLayout(actions);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setSizes({500, 1000});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);
}

void ResultsPage::setReport(const EvaluationReport& report) {
    report_ = report;
    QStringList names;
    for (const std::string& n : report.classNames) {
        names.push_back(QString::fromStdString(n));
    }
    gallery_->setClassNames(names);
    confusion_->setReport(report);
    QString html = tr("<p><b>Validation accuracy: %1%</b> &nbsp; loss %2 &nbsp; %3 photos, %4 "
                      "misclassified</p>")
                       .arg(report.accuracy * 100, 0, 'f', 1)
                       .arg(report.loss, 0, 'f', 4)
                       .arg(report.predictions.size())
                       .arg(report.misclassified().size());
    html += "<table cellspacing=6><tr><th align=left>" + tr("Class") + "</th><th>" +
            tr("Precision") + "</th><th>" + tr("Recall") + "</th></tr>";
    for (int c = 0; c < names.size(); ++c) {
        html +=
            QString("<tr><td>%1</td><td align=right>%2%</td><td align=right>%3%</td></tr>")
                .arg(names[c].toHtmlEscaped())
                .arg(report.precision.size() > std::size_t(c) ? report.precision[c] * 100 : 0, 0,
                     'f', 1)
                .arg(report.recall.size() > std::size_t(c) ? report.recall[c] * 100 : 0, 0, 'f', 1);
    }
    html += "</table>";
    summary_->setText(html);
    QSignalBlocker block(classCombo_);
    classCombo_->clear();
    classCombo_->addItems(names);
    block.unblock();
    updateGallery();
}

void ResultsPage::updateGallery() {
    const int c = classCombo_->currentIndex();
    std::vector<ImagePrediction> items;
    if (kind_->currentIndex() == 2 || c < 0) {
        items = report_.misclassified();
        galleryTitle_->setText(tr("%n misclassified photo(s)", nullptr, int(items.size())));
    } else if (kind_->currentIndex() == 0) {
        items = report_.falseNegatives(c);
        galleryTitle_->setText(
            tr("%n photo(s) of %1 predicted as another class", nullptr, int(items.size()))
                .arg(classCombo_->currentText()));
    } else {
        items = report_.falsePositives(c);
        galleryTitle_->setText(
            tr("%n photo(s) of other classes predicted as %1", nullptr, int(items.size()))
                .arg(classCombo_->currentText()));
    }
    gallery_->setPredictions(std::move(items));
}

void ResultsPage::showCell(int trueLabel, int predictedLabel) {
    std::vector<ImagePrediction> items;
    for (const ImagePrediction& p : report_.predictions) {
        if (p.trueLabel == trueLabel && p.predictedLabel == predictedLabel) {
            items.push_back(p);
        }
    }
    galleryTitle_->setText(tr("%n photo(s) of %1 predicted as %2", nullptr, int(items.size()))
                               .arg(gallery_->classNames().value(trueLabel),
                                    gallery_->classNames().value(predictedLabel)));
    gallery_->setPredictions(std::move(items));
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
    if (!paths.isEmpty()) {
        undoStack_->push(new RelabelCommand(project_, paths, label));
    }
}

}  // namespace tl
