// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QPersistentModelIndex>
#include <QPointer>

class QAbstractItemModel;
class QLabel;
class QPushButton;
class QUndoStack;
class QVBoxLayout;

namespace tl {

class ImagePreview;
class Project;

// The large view of a photo, on the Data, Results and Test pages: zoom, previous/next within
// the list it was opened from, its label and (where a model classified it) the class
// probabilities, and the labelling keys: 1-9 move it to a class (a photo from outside the
// project is added to it), 0 to Unlabeled, Delete excludes it. Edits go through the undo stack.
//
// Built to grow: ImagePreview draws an overlay over the photo (a heat map), addPanel() adds
// controls beside it, and currentPhotoChanged() says when to update them.
class PhotoViewer : public QDialog {
    Q_OBJECT
public:
    PhotoViewer(Project* project, QUndoStack* undoStack, QWidget* parent = nullptr);

    // Shows row `row` of `model`: any list model whose rows hold a photo path in `pathRole`
    // (and optionally probabilities, see PredictionListModel).
    void showPhoto(QAbstractItemModel* model, int row, int pathRole);
    // showPhoto(), then shows the viewer and brings it to the front: what a double-click on
    // a grid or gallery does.
    void present(QAbstractItemModel* model, int row, int pathRole);
    QString currentPath() const { return path_; }
    int currentRow() const;
    void next();
    void previous();
    // 1-9 (label 0-8), 0 (label -1): what the keys do.
    void assignLabel(int label);
    void toggleExcluded();

    ImagePreview* preview() const { return preview_; }
    QLabel* labelLine() const { return label_; }
    void addPanel(QWidget* panel);

signals:
    void currentPhotoChanged(const QString& path);
    // The "Heat-map…" button: show why the model decided on the current photo.
    void explainRequested(const QString& path);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void showRow(int row);
    void refreshInfo();
    QString probabilitiesHtml(const QModelIndex& index) const;

    Project* project_;
    QUndoStack* undoStack_;
    QPointer<QAbstractItemModel> model_;
    int pathRole_ = Qt::UserRole + 1;
    QPersistentModelIndex index_;
    int lastRow_ = -1;
    QString path_;
    ImagePreview* preview_;
    QLabel* title_;
    QLabel* label_;
    QLabel* probabilities_;
    QLabel* position_;
    QPushButton* previous_;
    QPushButton* next_;
    QPushButton* explain_;
    QVBoxLayout* side_;
};

}  // namespace tl
