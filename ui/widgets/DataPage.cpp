// SPDX-License-Identifier: MIT
#include "widgets/DataPage.h"

#include <QComboBox>
#include <QDragEnterEvent>
#include <QFileInfo>
#include <QGridLayout>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSplitter>
#include <QUndoStack>
#include <QVBoxLayout>

#include "commands/AddClassCommand.h"
#include "commands/DeleteClassCommand.h"
#include "commands/MergeClassesCommand.h"
#include "commands/RelabelCommand.h"
#include "commands/SetExcludedCommand.h"
#include "data/ClassName.h"
#include "models/ClassListModel.h"
#include "models/DatasetFilterModel.h"
#include "models/DatasetModel.h"
#include "models/ProjectImporter.h"
#include "project/Project.h"
#include "widgets/ImagePreview.h"

namespace tl {

DataPage::DataPage(Project* project, DatasetModel* model, QUndoStack* undoStack,
                   ProjectImporter* importer, QWidget* parent)
    : QWidget(parent),
      project_(project),
      model_(model),
      undoStack_(undoStack),
      importer_(importer),
      classModel_(new ClassListModel(project, undoStack, this)),
      filter_(new DatasetFilterModel(this)) {
    filter_->setSourceModel(model_);
    setAcceptDrops(true);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(buildClassPanel());
    splitter->addWidget(buildGridPanel());
    preview_ = new ImagePreview(this);
    splitter->addWidget(preview_);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);
    splitter->setSizes({240, 800, 500});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(classModel_, &ClassListModel::filesDropped, importer_, &ProjectImporter::importPaths);
    connect(project_, &Project::skippedChanged, this, &DataPage::updateSkipped);
    connect(project_, &Project::classesChanged, this, &DataPage::updateClassFilterCombo);
    auto updateHint = [this] { emptyHint_->setVisible(project_->imageCount() == 0); };
    connect(project_, &Project::imagesAdded, this, updateHint);
    connect(project_, &Project::reset, this, updateHint);
    updateClassFilterCombo();
    updateSkipped();
    updateHint();
}

QWidget* DataPage::buildClassPanel() {
    auto* panel = new QWidget(this);
    classView_ = new QListView(panel);
    classView_->setModel(classModel_);
    classView_->setDragDropMode(QAbstractItemView::DropOnly);
    classView_->setDropIndicatorShown(true);
    classView_->setEditTriggers(QAbstractItemView::EditKeyPressed |
                                QAbstractItemView::DoubleClicked);
    classView_->setToolTip(
        tr("Drop photos on a class to move them there; double-click to "
           "rename; click to show only that class"));
    // Only a deliberate click filters: the view sets a current row by itself on focus.
    connect(classView_, &QListView::clicked, this, [this](const QModelIndex& index) {
        classFilter_->setCurrentIndex(classFilter_->findData(classModel_->labelOf(index.row())));
    });

    auto* add = new QPushButton(tr("Add…"), panel);
    add->setToolTip(tr("Add a class"));
    auto* rename = new QPushButton(tr("Rename…"), panel);
    auto* merge = new QPushButton(tr("Merge…"), panel);
    merge->setToolTip(tr("Move every photo of the selected class into another and delete it"));
    auto* remove = new QPushButton(tr("Delete"), panel);
    remove->setToolTip(tr("Delete the selected class; its photos become unlabeled"));
    connect(add, &QPushButton::clicked, this, &DataPage::addClass);
    connect(rename, &QPushButton::clicked, this, &DataPage::renameClass);
    connect(merge, &QPushButton::clicked, this, &DataPage::mergeClass);
    connect(remove, &QPushButton::clicked, this, &DataPage::deleteClass);
    auto* buttons = new QGridLayout;
    buttons->addWidget(add, 0, 0);
    buttons->addWidget(rename, 0, 1);
    buttons->addWidget(merge, 1, 0);
    buttons->addWidget(remove, 1, 1);

    skippedTitle_ = new QLabel(panel);
    skipped_ = new QListWidget(panel);
    skipped_->setToolTip(tr("Files that cannot be used, with the reason"));
    skipped_->setMaximumHeight(140);

    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("<b>Classes</b>"), panel));
    layout->addWidget(classView_, 1);
    layout->addLayout(buttons);
    layout->addWidget(skippedTitle_);
    layout->addWidget(skipped_);
    return panel;
}

QWidget* DataPage::buildGridPanel() {
    auto* panel = new QWidget(this);
    auto* search = new QLineEdit(panel);
    search->setPlaceholderText(tr("Search file names"));
    search->setClearButtonEnabled(true);
    connect(search, &QLineEdit::textChanged, filter_, &DatasetFilterModel::setSearchText);

    classFilter_ = new QComboBox(panel);
    classFilter_->setToolTip(tr("Show one class"));
    connect(classFilter_, &QComboBox::currentIndexChanged, this,
            [this] { filter_->setClassFilter(classFilter_->currentData().toInt()); });
    sideFilter_ = new QComboBox(panel);
    sideFilter_->addItem(tr("Training + validation"), int(DatasetFilterModel::Side::Any));
    sideFilter_->addItem(tr("Training only"), int(DatasetFilterModel::Side::Training));
    sideFilter_->addItem(tr("Validation only"), int(DatasetFilterModel::Side::Validation));
    sideFilter_->setToolTip(tr("Which side of the training/validation split to show"));
    connect(sideFilter_, &QComboBox::currentIndexChanged, this, [this] {
        filter_->setSide(static_cast<DatasetFilterModel::Side>(sideFilter_->currentData().toInt()));
    });
    stateFilter_ = new QComboBox(panel);
    stateFilter_->addItems({tr("All photos"), tr("Misclassified"), tr("Hide excluded")});
    connect(stateFilter_, &QComboBox::currentIndexChanged, this, [this](int i) {
        filter_->setMisclassifiedOnly(i == 1);
        filter_->setShowExcluded(i != 2);
    });

    grid_ = new QListView(panel);
    grid_->setModel(filter_);
    grid_->setViewMode(QListView::IconMode);
    grid_->setResizeMode(QListView::Adjust);
    grid_->setMovement(QListView::Static);
    grid_->setUniformItemSizes(true);  // keeps layout O(1) per item with 10,000+ photos
    grid_->setLayoutMode(QListView::Batched);
    grid_->setIconSize(QSize(128, 128));
    grid_->setGridSize(QSize(148, 160));
    grid_->setSpacing(4);
    grid_->setWordWrap(false);
    grid_->setTextElideMode(Qt::ElideMiddle);
    grid_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    grid_->setDragDropMode(QAbstractItemView::DragOnly);
    grid_->setContextMenuPolicy(Qt::CustomContextMenu);
    grid_->installEventFilter(this);
    grid_->setToolTip(
        tr("Keys 1-9 move the selection to a class, 0 to Unlabeled, Delete "
           "excludes"));
    connect(grid_, &QListView::customContextMenuRequested, this, &DataPage::showGridMenu);
    connect(grid_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                const QString path = current.data(DatasetModel::PathRole).toString();
                preview_->showImage(path);
                preview_->setCaption(current.data(Qt::ToolTipRole).toString());
                emit currentImageChanged(path);
            });

    emptyHint_ = new QLabel(tr("Drop a folder of class sub-folders here (or use File ▸ Import "
                               "Folder…). Loose photos go to the Unlabeled pool."),
                            panel);
    emptyHint_->setWordWrap(true);
    emptyHint_->setAlignment(Qt::AlignCenter);
    emptyHint_->setStyleSheet("QLabel { color: gray; padding: 20px; font-size: 14pt; }");

    auto* filters = new QHBoxLayout;
    filters->addWidget(search, 2);
    filters->addWidget(classFilter_, 1);
    filters->addWidget(sideFilter_, 1);
    filters->addWidget(stateFilter_, 1);
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(emptyHint_);
    layout->addWidget(grid_, 1);
    return panel;
}

void DataPage::updateClassFilterCombo() {
    const int current = classFilter_->currentData().isValid() ? classFilter_->currentData().toInt()
                                                              : DatasetFilterModel::kAllClasses;
    QSignalBlocker block(classFilter_);
    classFilter_->clear();
    classFilter_->addItem(tr("All classes"), DatasetFilterModel::kAllClasses);
    for (int i = 0; i < project_->classCount(); ++i) {
        classFilter_->addItem(project_->classNames()[i], i);
    }
    classFilter_->addItem(tr("Unlabeled"), -1);
    const int index = classFilter_->findData(current);
    classFilter_->setCurrentIndex(index >= 0 ? index : 0);
    filter_->setClassFilter(classFilter_->currentData().toInt());
}

void DataPage::updateSkipped() {
    skipped_->clear();
    for (const auto& [path, reason] : project_->skipped()) {
        auto* item = new QListWidgetItem(QFileInfo(path).fileName() + " — " + reason, skipped_);
        item->setToolTip(path + "\n" + reason);
    }
    const int n = static_cast<int>(project_->skipped().size());
    skippedTitle_->setText(tr("<b>Skipped files</b> (%1)").arg(n));
    skippedTitle_->setVisible(n > 0);
    skipped_->setVisible(n > 0);
}

QStringList DataPage::selectedPaths() const {
    QStringList paths;
    for (const QModelIndex& index : grid_->selectionModel()->selectedIndexes()) {
        paths.push_back(index.data(DatasetModel::PathRole).toString());
    }
    return paths;
}

QString DataPage::currentPath() const {
    return grid_->currentIndex().data(DatasetModel::PathRole).toString();
}

void DataPage::showMisclassified() {
    stateFilter_->setCurrentIndex(1);
}

void DataPage::selectPath(const QString& path) {
    const int row = project_->rowOf(path);
    if (row < 0) {
        return;
    }
    const QModelIndex index = filter_->mapFromSource(model_->index(row));
    if (index.isValid()) {
        grid_->setCurrentIndex(index);
        grid_->scrollTo(index);
    }
}

void DataPage::relabelSelected(int label) {
    const QStringList paths = selectedPaths();
    if (!paths.isEmpty() && label < project_->classCount()) {
        undoStack_->push(new RelabelCommand(project_, paths, label));
    }
}

void DataPage::excludeSelected(bool excluded) {
    const QStringList paths = selectedPaths();
    if (!paths.isEmpty()) {
        undoStack_->push(new SetExcludedCommand(project_, paths, excluded));
    }
}

int DataPage::currentClassLabel() const {
    const QModelIndex current = classView_->currentIndex();
    return current.isValid() ? classModel_->labelOf(current.row()) : -1;
}

void DataPage::addClass() {
    const QString name =
        QInputDialog::getText(this, tr("Add Class"), tr("Name of the new class:")).trimmed();
    if (name.isEmpty()) {
        return;
    }
    if (const std::string problem = ClassName::problem(name.toStdString()); !problem.empty()) {
        QMessageBox::warning(
            this, tr("Add Class"),
            tr("%1 cannot be a class name: %2.").arg(name, QString::fromStdString(problem)));
        return;
    }
    if (project_->classIndex(name) >= 0) {
        QMessageBox::warning(this, tr("Add Class"), tr("There is already a class %1.").arg(name));
        return;
    }
    undoStack_->push(new AddClassCommand(project_, name));
}

void DataPage::renameClass() {
    if (currentClassLabel() >= 0) {
        classView_->edit(classView_->currentIndex());
    }
}

void DataPage::mergeClass() {
    const int from = currentClassLabel();
    if (from < 0 || project_->classCount() < 2) {
        return;
    }
    QStringList others = project_->classNames();
    others.removeAt(from);
    bool ok = false;
    const QString into = QInputDialog::getItem(
        this, tr("Merge Classes"),
        tr("Move all photos of %1 into:").arg(project_->classNames()[from]), others, 0, false, &ok);
    if (ok) {
        undoStack_->push(new MergeClassesCommand(project_, from, project_->classIndex(into)));
    }
}

void DataPage::deleteClass() {
    const int label = currentClassLabel();
    if (label >= 0) {
        undoStack_->push(new DeleteClassCommand(project_, label));
    }
}

void DataPage::showGridMenu(const QPoint& pos) {
    if (selectedPaths().isEmpty()) {
        return;
    }
    QMenu menu(this);
    QMenu* move = menu.addMenu(tr("Move to Class"));
    for (int i = 0; i < project_->classCount(); ++i) {
        QAction* action =
            move->addAction(project_->classNames()[i], this, [this, i] { relabelSelected(i); });
        if (i < 9) {
            action->setShortcut(QKeySequence(Qt::Key_1 + i));
        }
    }
    move->addSeparator();
    move->addAction(tr("Unlabeled"), this, [this] { relabelSelected(-1); })
        ->setShortcut(QKeySequence(Qt::Key_0));
    menu.addAction(tr("Exclude from Training"), this, [this] { excludeSelected(true); })
        ->setShortcut(QKeySequence::Delete);
    menu.addAction(tr("Include in Training"), this, [this] { excludeSelected(false); });
    menu.exec(grid_->viewport()->mapToGlobal(pos));
}

bool DataPage::eventFilter(QObject* watched, QEvent* event) {
    if (watched == grid_ && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key >= Qt::Key_1 && key <= Qt::Key_9) {
            relabelSelected(key - Qt::Key_1);
            return true;
        }
        if (key == Qt::Key_0) {
            relabelSelected(-1);
            return true;
        }
        if (key == Qt::Key_Delete) {
            excludeSelected(true);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void DataPage::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) {
        event->acceptProposedAction();
    }
}

void DataPage::dropEvent(QDropEvent* event) {
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile()) {
            paths.push_back(url.toLocalFile());
        }
    }
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        importer_->importPaths(paths, -1);
    }
}

}  // namespace tl
