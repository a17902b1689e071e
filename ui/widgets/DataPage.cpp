// SPDX-License-Identifier: MIT
#include "widgets/DataPage.h"

#include <QComboBox>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
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
#include <QtConcurrent/QtConcurrentRun>

#include "commands/AddClassCommand.h"
#include "commands/DeleteClassCommand.h"
#include "commands/MergeClassesCommand.h"
#include "commands/RelabelCommand.h"
#include "commands/RelinkPhotosCommand.h"
#include "commands/SetExcludedCommand.h"
#include "data/ClassName.h"
#include "models/ClassListModel.h"
#include "models/DatasetFilterModel.h"
#include "models/DatasetModel.h"
#include "models/ProjectImporter.h"
#include "project/PhotoRelink.h"
#include "project/Project.h"
#include "widgets/DatasetGridView.h"
#include "widgets/ImagePreview.h"
#include "widgets/PhotoViewer.h"

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
    preview_->setMinimumWidth(160);
    splitter->addWidget(preview_);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);
    splitter->setSizes({220, 760, 420});
    splitter->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    connect(classModel_, &ClassListModel::filesDropped, importer_, &ProjectImporter::importPaths);
    connect(project_, &Project::skippedChanged, this, &DataPage::updateSkipped);
    connect(project_, &Project::classesChanged, this, &DataPage::updateClassFilterCombo);
    auto updateHint = [this] { emptyHint_->setVisible(project_->imageCount() == 0); };
    connect(project_, &Project::imagesAdded, this, updateHint);
    connect(project_, &Project::reset, this, updateHint);
    // The preview's "Class:" line follows relabel, undo and redo.
    connect(model_, &QAbstractItemModel::dataChanged, this, &DataPage::updatePreviewCaption);
    updateClassFilterCombo();
    updateSkipped();
    updateHint();
    updateClassButtons();
}

QListView* DataPage::grid() const {
    return grid_;
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
    connect(classView_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &DataPage::updateClassButtons);
    connect(classModel_, &QAbstractItemModel::modelReset, this, &DataPage::updateClassButtons);

    auto* add = new QPushButton(tr("Add…"), panel);
    add->setToolTip(tr("Add a class (Ctrl+Shift+N)"));
    rename_ = new QPushButton(tr("Rename…"), panel);
    merge_ = new QPushButton(tr("Merge…"), panel);
    merge_->setToolTip(tr("Move every photo of the selected class into another and delete it"));
    delete_ = new QPushButton(tr("Delete"), panel);
    delete_->setToolTip(tr("Delete the selected class; its photos become unlabeled"));
    connect(add, &QPushButton::clicked, this, &DataPage::addClass);
    connect(rename_, &QPushButton::clicked, this, &DataPage::renameClass);
    connect(merge_, &QPushButton::clicked, this, &DataPage::mergeClass);
    connect(delete_, &QPushButton::clicked, this, &DataPage::deleteClass);
    auto* buttons = new QGridLayout;
    buttons->addWidget(add, 0, 0);
    buttons->addWidget(rename_, 0, 1);
    buttons->addWidget(merge_, 1, 0);
    buttons->addWidget(delete_, 1, 1);

    skippedTitle_ = new QLabel(panel);
    skipped_ = new QListWidget(panel);
    skipped_->setToolTip(tr("Files that cannot be used, with the reason"));
    skipped_->setMaximumHeight(110);

    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("<b>Classes</b>"), panel));
    layout->addWidget(classView_, 1);
    layout->addLayout(buttons);
    layout->addWidget(skippedTitle_);
    layout->addWidget(skipped_);
    panel->setMinimumWidth(170);
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
    classFilter_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(classFilter_, &QComboBox::currentIndexChanged, this,
            [this] { filter_->setClassFilter(classFilter_->currentData().toInt()); });
    sideFilter_ = new QComboBox(panel);
    sideFilter_->addItem(tr("Training + validation"), int(DatasetFilterModel::Side::Any));
    sideFilter_->addItem(tr("Training only"), int(DatasetFilterModel::Side::Training));
    sideFilter_->addItem(tr("Validation only"), int(DatasetFilterModel::Side::Validation));
    sideFilter_->setToolTip(tr("Which side of the training/validation split to show"));
    sideFilter_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(sideFilter_, &QComboBox::currentIndexChanged, this, [this] {
        filter_->setSide(static_cast<DatasetFilterModel::Side>(sideFilter_->currentData().toInt()));
    });
    stateFilter_ = new QComboBox(panel);
    stateFilter_->addItems({tr("All photos"), tr("Misclassified"), tr("Hide excluded")});
    stateFilter_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(stateFilter_, &QComboBox::currentIndexChanged, this, [this](int i) {
        filter_->setMisclassifiedOnly(i == 1);
        filter_->setShowExcluded(i != 2);
    });

    grid_ = new DatasetGridView(panel);
    grid_->setModel(filter_);
    grid_->setContextMenuPolicy(Qt::CustomContextMenu);
    grid_->installEventFilter(this);
    grid_->setToolTip(
        tr("Keys 1-9 move the selection to a class, 0 to Unlabeled, Delete excludes; "
           "double-click or Enter opens the photo"));
    connect(grid_, &QListView::customContextMenuRequested, this, &DataPage::showGridMenu);
    connect(grid_, &QListView::doubleClicked, this, &DataPage::openViewer);
    connect(grid_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& current) {
                const QString path = current.data(DatasetModel::PathRole).toString();
                preview_->showImage(path);
                updatePreviewCaption();
                emit currentImageChanged(path);
            });
    connect(grid_->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        emit selectionChanged(!selectedPaths().isEmpty(), currentClassLabel() >= 0);
    });

    emptyHint_ = new QLabel(tr("Drop a folder of class sub-folders here (or use File ▸ Import "
                               "Folder…). Loose photos go to the Unlabeled pool."),
                            panel);
    emptyHint_->setWordWrap(true);
    emptyHint_->setAlignment(Qt::AlignCenter);
    emptyHint_->setStyleSheet("QLabel { color: gray; padding: 20px; font-size: 14pt; }");

    missingBanner_ = new QLabel(panel);
    missingBanner_->setWordWrap(true);
    locate_ = new QPushButton(tr("Locate…"), panel);
    locate_->setToolTip(tr("Choose the folder where the photos are now"));
    connect(locate_, &QPushButton::clicked, this, [this] {
        const QString folder =
            QFileDialog::getExistingDirectory(this, tr("Where Are the Photos Now?"));
        if (!folder.isEmpty()) {
            locateMissingPhotos(folder);
        }
    });
    auto* banner = new QWidget(panel);
    banner->setObjectName("missingPhotos");
    banner->setAutoFillBackground(true);
    QPalette warning = banner->palette();
    warning.setColor(QPalette::Window, QColor(255, 236, 179));
    warning.setColor(QPalette::WindowText, Qt::black);
    banner->setPalette(warning);
    auto* bannerLayout = new QHBoxLayout(banner);
    bannerLayout->addWidget(missingBanner_, 1);
    bannerLayout->addWidget(locate_);
    banner->setVisible(false);

    auto* filters = new QHBoxLayout;
    // The search field gives way on a small screen; the filters keep their texts whole.
    search->setMinimumWidth(80);
    filters->addWidget(search, 1);
    filters->addWidget(classFilter_);
    filters->addWidget(sideFilter_);
    filters->addWidget(stateFilter_);
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(filters);
    layout->addWidget(banner);
    layout->addWidget(emptyHint_);
    layout->addWidget(grid_, 1);
    panel->setMinimumWidth(300);
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

void DataPage::updatePreviewCaption() {
    const QModelIndex current = grid_->currentIndex();
    preview_->setCaption(current.isValid() ? current.data(Qt::ToolTipRole).toString() : QString());
}

void DataPage::updateClassButtons() {
    const bool classSelected = currentClassLabel() >= 0;
    rename_->setEnabled(classSelected);
    merge_->setEnabled(classSelected && project_->classCount() > 1);
    delete_->setEnabled(classSelected);
    emit selectionChanged(!selectedPaths().isEmpty(), classSelected);
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
    QModelIndex index = filter_->mapFromSource(model_->index(row));
    if (!index.isValid()) {
        // Hidden by a filter: show everything so the photo can be selected.
        classFilter_->setCurrentIndex(0);
        sideFilter_->setCurrentIndex(0);
        stateFilter_->setCurrentIndex(0);
        index = filter_->mapFromSource(model_->index(row));
    }
    if (index.isValid()) {
        grid_->setCurrentIndex(index);
        grid_->scrollTo(index);
    }
}

void DataPage::onLabelKey(int label) {
    if (label >= project_->classCount()) {
        emit message(project_->classCount() == 0
                         ? tr("There is no class yet: add one first (Edit ▸ Add Class…, "
                              "Ctrl+Shift+N).")
                         : tr("There is no class %1: there are %n class(es).", nullptr,
                              project_->classCount())
                               .arg(label + 1));
        return;
    }
    if (selectedPaths().isEmpty()) {
        emit message(tr("Select photos first, then press a class key."));
        return;
    }
    relabelSelected(label);
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
    if (label < 0) {
        return;
    }
    const QString name = project_->classNames()[label];
    const int photos = project_->countPerClass().value(label);
    if (photos > 0) {
        QMessageBox ask(QMessageBox::Question, tr("Delete Class"),
                        tr("Delete the class “%1”?").arg(name), QMessageBox::NoButton, this);
        ask.setInformativeText(
            tr("Its %n photo(s) go back to Unlabeled. You can undo this "
               "with Edit ▸ Undo (Ctrl+Z).",
               nullptr, photos));
        QPushButton* remove = ask.addButton(tr("Delete Class"), QMessageBox::DestructiveRole);
        ask.addButton(QMessageBox::Cancel);
        ask.setDefaultButton(QMessageBox::Cancel);
        ask.exec();
        if (ask.clickedButton() != remove) {
            return;
        }
    }
    undoStack_->push(new DeleteClassCommand(project_, label));
    emit message(tr("Deleted the class %1; its %n photo(s) are unlabeled. Undo with Ctrl+Z.",
                    nullptr, photos)
                     .arg(name));
}

void DataPage::openViewer() {
    const QModelIndex current = grid_->currentIndex();
    if (!current.isValid()) {
        return;
    }
    if (!viewer_) {
        viewer_ = new PhotoViewer(project_, undoStack_, this);
        connect(viewer_, &PhotoViewer::explainRequested, this,
                [this](const QString& path) { emit explainRequested({path}); });
    }
    viewer_->present(filter_, current.row(), DatasetModel::PathRole);
}

PhotoViewer* DataPage::viewer() const {
    return viewer_;
}

void DataPage::checkMissingPhotos() {
    QStringList paths;
    paths.reserve(project_->imageCount());
    for (const ProjectImage& image : project_->images()) {
        paths.push_back(image.path);
    }
    const quint64 check = ++missingCheck_;
    auto* watcher = new QFutureWatcher<QSet<QString>>(this);
    connect(watcher, &QFutureWatcher<QSet<QString>>::finished, this, [this, watcher, check] {
        const QSet<QString> missing = watcher->result();
        watcher->deleteLater();
        if (check != missingCheck_) {
            return;
        }
        model_->setMissing(missing);
        const int n = static_cast<int>(missing.size());
        missingBanner_->setText(
            tr("%n photo(s) of this project cannot be found: moved, renamed, or on a drive "
               "that is not connected. Locate… finds them in the folder where they are now.",
               nullptr, n));
        missingBanner_->parentWidget()->setVisible(n > 0);
        emit missingPhotosChecked(n);
    });
    watcher->setFuture(QtConcurrent::run([paths] {
        QSet<QString> missing;
        for (const QString& path : paths) {
            if (!QFileInfo::exists(path)) {
                missing.insert(path);
            }
        }
        return missing;
    }));
}

void DataPage::locateMissingPhotos(const QString& folder) {
    const QStringList missing(model_->missing().cbegin(), model_->missing().cend());
    if (missing.isEmpty()) {
        return;
    }
    emit message(tr("Looking for %n photo(s)…", nullptr, int(missing.size())));
    auto* watcher = new QFutureWatcher<QHash<QString, QString>>(this);
    connect(watcher, &QFutureWatcher<QHash<QString, QString>>::finished, this, [this, watcher] {
        const QHash<QString, QString> found = watcher->result();
        watcher->deleteLater();
        if (!found.isEmpty()) {
            undoStack_->push(new RelinkPhotosCommand(project_, found));
        }
        emit message(tr("Found %n photo(s).", nullptr, int(found.size())));
        checkMissingPhotos();
    });
    watcher->setFuture(
        QtConcurrent::run([missing, folder] { return findMovedPhotos(missing, folder); }));
}

void DataPage::showGridMenu(const QPoint& pos) {
    if (selectedPaths().isEmpty()) {
        return;
    }
    QMenu menu(this);
    menu.addAction(tr("Open Photo"), this, &DataPage::openViewer)
        ->setShortcut(QKeySequence(Qt::Key_Return));
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
            onLabelKey(key - Qt::Key_1);
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
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            openViewer();
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
