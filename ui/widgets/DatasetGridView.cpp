// SPDX-License-Identifier: MIT
#include "widgets/DatasetGridView.h"

#include <QDrag>
#include <QMimeData>
#include <QPainter>
#include <QPixmap>
#include <QResizeEvent>
#include <QScrollBar>

#include "widgets/DatasetDelegate.h"

namespace tl {

namespace {
constexpr int kDragSide = 56;
constexpr int kSpacing = 4;
}  // namespace

DatasetGridView::DatasetGridView(QWidget* parent)
    : QListView(parent), delegate_(new DatasetDelegate(this)) {
    setItemDelegate(delegate_);
    delegate_->setThumbnailSide(kThumbnailSide);
    setViewMode(QListView::IconMode);
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setUniformItemSizes(true);  // keeps layout O(1) per item with 10,000+ photos
    setLayoutMode(QListView::Batched);
    setSpacing(0);
    setWordWrap(false);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setDragDropMode(QAbstractItemView::DragOnly);
    setMouseTracking(true);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);  // the columns always fit
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);     // no relayout when it comes and goes
    fitColumns();
}

void DatasetGridView::resizeEvent(QResizeEvent* event) {
    fitColumns();
    QListView::resizeEvent(event);
}

void DatasetGridView::fitColumns() {
    const int minimumCell = kThumbnailSide + 2 * 4 + kSpacing;
    const int width = qMax(minimumCell, viewport()->width() - 1);
    const int columns = qMax(1, width / minimumCell);
    const int cellWidth = width / columns;
    const int cellHeight = kThumbnailSide + fontMetrics().height() + 3 * 4 + kSpacing;
    const QSize cell(cellWidth, cellHeight);
    if (gridSize() != cell) {
        setGridSize(cell);
    }
}

void DatasetGridView::startDrag(Qt::DropActions supportedActions) {
    const QModelIndexList indexes = selectedIndexes();
    if (indexes.isEmpty()) {
        return;
    }
    QMimeData* data = model()->mimeData(indexes);
    if (!data) {
        return;
    }
    // A small image beside the cursor: the first photo and a count.
    const qreal dpr = devicePixelRatioF();
    QPixmap image(QSize(kDragSide + 20, kDragSide + 8) * dpr);
    image.setDevicePixelRatio(dpr);
    image.fill(Qt::transparent);
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        const QPixmap thumb = indexes.first().data(Qt::DecorationRole).value<QPixmap>();
        const QRect photo(0, 8, kDragSide, kDragSide);
        if (!thumb.isNull()) {
            painter.setOpacity(0.85);
            painter.drawPixmap(photo, thumb.scaled(photo.size() * dpr, Qt::KeepAspectRatio,
                                                   Qt::SmoothTransformation));
            painter.setOpacity(1.0);
        } else {
            painter.fillRect(photo, palette().color(QPalette::Midlight));
        }
        const QString count = QString::number(indexes.size());
        QFont font = painter.font();
        font.setBold(true);
        painter.setFont(font);
        const int badge = qMax(20, QFontMetrics(font).horizontalAdvance(count) + 10);
        const QRect circle(kDragSide + 20 - badge, 0, badge, 20);
        painter.setBrush(palette().color(QPalette::Highlight));
        painter.setPen(Qt::NoPen);
        painter.drawRoundedRect(circle, 10, 10);
        painter.setPen(palette().color(QPalette::HighlightedText));
        painter.drawText(circle, Qt::AlignCenter, count);
    }
    auto* drag = new QDrag(this);  // owned by Qt's drag machinery once exec() runs
    drag->setMimeData(data);
    drag->setPixmap(image);
    // The cursor sits left of the image, so what is under it stays in sight.
    drag->setHotSpot(QPoint(-12, (kDragSide + 8) / 2));
    drag->exec(supportedActions, Qt::MoveAction);
}

}  // namespace tl
