// SPDX-License-Identifier: MIT
#include "widgets/PhotoViewer.h"

#include <QAbstractItemModel>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include "commands/AddImagesCommand.h"
#include "commands/RelabelCommand.h"
#include "commands/SetExcludedCommand.h"
#include "models/ClassColors.h"
#include "models/PredictionListModel.h"
#include "project/Project.h"
#include "project/ProjectImport.h"
#include "widgets/ImagePreview.h"

namespace tl {

PhotoViewer::PhotoViewer(Project* project, QUndoStack* undoStack, QWidget* parent)
    : QDialog(parent), project_(project), undoStack_(undoStack) {
    setWindowTitle(tr("Photo"));
    preview_ = new ImagePreview(this);
    title_ = new QLabel(this);
    title_->setWordWrap(true);
    title_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label_ = new QLabel(this);
    label_->setWordWrap(true);
    label_->setTextFormat(Qt::RichText);
    probabilities_ = new QLabel(this);
    probabilities_->setTextFormat(Qt::RichText);
    probabilities_->setWordWrap(true);
    position_ = new QLabel(this);
    auto* keys =
        new QLabel(tr("<small>Keys: 1–9 move the photo to a class, 0 to Unlabeled, Delete excludes "
                      "it; ←/→ previous/next; +/− zoom, F fits; Esc closes.</small>"),
                   this);
    keys->setWordWrap(true);
    previous_ = new QPushButton(tr("← Previous"), this);
    next_ = new QPushButton(tr("Next →"), this);
    previous_->setFocusPolicy(Qt::NoFocus);
    next_->setFocusPolicy(Qt::NoFocus);
    connect(previous_, &QPushButton::clicked, this, &PhotoViewer::previous);
    connect(next_, &QPushButton::clicked, this, &PhotoViewer::next);
    explain_ = new QPushButton(tr("Heat-map…"), this);
    explain_->setObjectName("explainButton");
    explain_->setToolTip(tr("Why the model decided: a Grad-CAM heat-map of this photo"));
    explain_->setFocusPolicy(Qt::NoFocus);
    connect(explain_, &QPushButton::clicked, this, [this] {
        if (!path_.isEmpty()) {
            emit explainRequested(path_);
        }
    });

    auto* navigation = new QHBoxLayout;
    navigation->addWidget(previous_);
    navigation->addWidget(next_);
    side_ = new QVBoxLayout;
    side_->addWidget(title_);
    side_->addWidget(label_);
    side_->addWidget(probabilities_);
    side_->addStretch(1);
    side_->addWidget(position_);
    side_->addLayout(navigation);
    side_->addWidget(explain_);
    side_->addWidget(keys);
    auto* sideWidget = new QWidget(this);
    sideWidget->setLayout(side_);
    sideWidget->setFixedWidth(260);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(preview_, 1);
    layout->addWidget(sideWidget);
    resize(1000, 700);

    if (project_) {
        connect(project_, &Project::imageChanged, this, &PhotoViewer::refreshInfo);
        connect(project_, &Project::imagesAdded, this, &PhotoViewer::refreshInfo);
        connect(project_, &Project::classesChanged, this, &PhotoViewer::refreshInfo);
    }
}

void PhotoViewer::addPanel(QWidget* panel) {
    side_->insertWidget(3, panel);
}

void PhotoViewer::showPhoto(QAbstractItemModel* model, int row, int pathRole) {
    if (model_ != model) {
        if (model_) {
            disconnect(model_, nullptr, this, nullptr);
        }
        model_ = model;
        // The list can change under the viewer (a relabel leaves a filtered grid): keep
        // showing a photo of it.
        connect(model, &QAbstractItemModel::rowsRemoved, this, [this] { showRow(currentRow()); });
        connect(model, &QAbstractItemModel::modelReset, this, [this] { showRow(currentRow()); });
        connect(model, &QAbstractItemModel::layoutChanged, this, [this] { showRow(currentRow()); });
        connect(model, &QAbstractItemModel::dataChanged, this, &PhotoViewer::refreshInfo);
    }
    pathRole_ = pathRole;
    showRow(row);
}

void PhotoViewer::present(QAbstractItemModel* model, int row, int pathRole) {
    showPhoto(model, row, pathRole);
    show();
    raise();
    activateWindow();
}

int PhotoViewer::currentRow() const {
    return index_.isValid() ? index_.row() : lastRow_;
}

void PhotoViewer::showRow(int row) {
    if (!model_ || model_->rowCount() == 0) {
        index_ = QPersistentModelIndex();
        path_.clear();
        preview_->showImage({});
        refreshInfo();
        return;
    }
    row = qBound(0, row, model_->rowCount() - 1);
    const QModelIndex index = model_->index(row, 0);
    index_ = index;
    lastRow_ = row;
    const QString path = index.data(pathRole_).toString();
    if (path != path_) {
        path_ = path;
        preview_->showImage(path);
        emit currentPhotoChanged(path);
    }
    refreshInfo();
}

void PhotoViewer::next() {
    showRow(currentRow() + 1);
}

void PhotoViewer::previous() {
    showRow(currentRow() - 1);
}

QString PhotoViewer::probabilitiesHtml(const QModelIndex& index) const {
    const QVariantList probabilities = index.data(PredictionListModel::ProbabilitiesRole).toList();
    const QStringList names = index.data(PredictionListModel::ClassNamesRole).toStringList();
    if (probabilities.isEmpty()) {
        return {};
    }
    const int predicted = index.data(PredictionListModel::PredictedLabelRole).toInt();
    QString html = tr("<b>Model:</b> %1<table width='100%' cellspacing='2'>")
                       .arg(names.value(predicted).toHtmlEscaped());
    for (int c = 0; c < probabilities.size(); ++c) {
        const double p = probabilities[c].toDouble();
        html += QStringLiteral("<tr><td>%1</td><td align='right'>%2%</td></tr>")
                    .arg(names.value(c).toHtmlEscaped())
                    .arg(p * 100, 0, 'f', 1);
    }
    return html + QStringLiteral("</table>");
}

void PhotoViewer::refreshInfo() {
    if (path_.isEmpty()) {
        title_->setText(tr("No photo"));
        label_->clear();
        probabilities_->clear();
        position_->clear();
        return;
    }
    const QFileInfo info(path_);
    const QString heading = QStringLiteral("<b>%1</b><br><small>%2</small>")
                                .arg(info.fileName().toHtmlEscaped(),
                                     QDir::toNativeSeparators(info.absolutePath()).toHtmlEscaped());
    title_->setText(heading);
    setWindowTitle(tr("%1 — Photo").arg(info.fileName()));
    const int row = project_ ? project_->rowOf(path_) : -1;
    if (row < 0) {
        label_->setText(tr("Not in the project. Press 1–9 to add it to a class."));
    } else {
        const ProjectImage& image = project_->image(row);
        const QColor color = classColor(image.label);
        const QString name =
            image.label >= 0 ? project_->classNames().value(image.label) : tr("Unlabeled");
        label_->setText(
            tr("<b>Label:</b> <span style='background:%1; color:%2'>&nbsp;%3&nbsp;</span>%4")
                .arg(color.name(), textColorOn(color).name(), name.toHtmlEscaped(),
                     image.excluded ? tr(" <i>(excluded from training)</i>") : QString()));
    }
    probabilities_->setText(index_.isValid() ? probabilitiesHtml(index_) : QString());
    const int count = model_ ? model_->rowCount() : 0;
    position_->setText(tr("%1 of %2").arg(currentRow() + 1).arg(count));
    previous_->setEnabled(currentRow() > 0);
    next_->setEnabled(currentRow() + 1 < count);
}

void PhotoViewer::assignLabel(int label) {
    if (!project_ || path_.isEmpty() || label >= project_->classCount()) {
        return;
    }
    if (project_->rowOf(path_) >= 0) {
        undoStack_->push(new RelabelCommand(project_, {path_}, label));
        return;
    }
    if (label < 0) {
        return;
    }
    // A photo from outside the project (the Test page): added by reference, where it is.
    ProjectImport import;
    import.files.push_back({path_, QString()});
    undoStack_->push(new AddImagesCommand(project_, import, label));
}

void PhotoViewer::toggleExcluded() {
    const int row = project_ ? project_->rowOf(path_) : -1;
    if (row >= 0) {
        undoStack_->push(new SetExcludedCommand(project_, {path_}, !project_->image(row).excluded));
    }
}

void PhotoViewer::keyPressEvent(QKeyEvent* event) {
    const int key = event->key();
    if (key >= Qt::Key_1 && key <= Qt::Key_9) {
        assignLabel(key - Qt::Key_1);
    } else if (key == Qt::Key_0) {
        assignLabel(-1);
    } else if (key == Qt::Key_Delete) {
        toggleExcluded();
    } else if (key == Qt::Key_Right || key == Qt::Key_Down || key == Qt::Key_Space) {
        next();
    } else if (key == Qt::Key_Left || key == Qt::Key_Up || key == Qt::Key_Backspace) {
        previous();
    } else if (key == Qt::Key_Plus || key == Qt::Key_Equal) {
        preview_->zoomIn();
    } else if (key == Qt::Key_Minus) {
        preview_->zoomOut();
    } else if (key == Qt::Key_F) {
        preview_->fitToView();
    } else {
        QDialog::keyPressEvent(event);
        return;
    }
    event->accept();
}

}  // namespace tl
