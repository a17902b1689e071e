// SPDX-License-Identifier: MIT
#include "widgets/DatasetDelegate.h"

#include <QApplication>
#include <QPainter>
#include <QPixmap>

#include "models/ClassColors.h"
#include "models/DatasetModel.h"

namespace tl {

namespace {
constexpr int kMargin = 4;
}

DatasetDelegate::DatasetDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

QSize DatasetDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const {
    return {side_ + 2 * kMargin, side_ + option.fontMetrics.height() + 3 * kMargin};
}

void DatasetDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                            const QModelIndex& index) const {
    painter->save();
    const QPalette& palette = option.palette;
    const bool selected = option.state & QStyle::State_Selected;
    if (selected) {
        painter->fillRect(option.rect, palette.highlight());
    } else if (option.state & QStyle::State_MouseOver) {
        QColor hover = palette.highlight().color();
        hover.setAlpha(40);
        painter->fillRect(option.rect, hover);
    }
    const int side = qMin(side_, qMin(option.rect.width(), option.rect.height()) - 2 * kMargin);
    const QRect cell(option.rect.left() + (option.rect.width() - side) / 2,
                     option.rect.top() + kMargin, side, side);
    const bool excluded = index.data(DatasetModel::ExcludedRole).toBool();
    const QPixmap thumb = index.data(Qt::DecorationRole).value<QPixmap>();
    if (!thumb.isNull()) {
        const QSize fitted = thumb.size().scaled(cell.size(), Qt::KeepAspectRatio);
        const QRect target(cell.left() + (cell.width() - fitted.width()) / 2,
                           cell.top() + (cell.height() - fitted.height()) / 2, fitted.width(),
                           fitted.height());
        painter->setOpacity(excluded ? 0.35 : 1.0);
        painter->setRenderHint(QPainter::SmoothPixmapTransform);
        painter->drawPixmap(target, thumb);
        painter->setOpacity(1.0);
    } else {
        // Still loading (or unreadable): a quiet square of the final size.
        painter->fillRect(cell, palette.color(QPalette::Midlight));
    }

    // The class band along the bottom of the thumbnail square.
    const int label = index.data(DatasetModel::LabelRole).toInt();
    const QString className = index.data(DatasetModel::ClassNameRole).toString();
    const QColor color = classColor(label);
    const int bandHeight = option.fontMetrics.height() + 2;
    const QRect band(cell.left(), cell.bottom() - bandHeight + 1, cell.width(), bandHeight);
    QColor bandColor = color;
    bandColor.setAlpha(label >= 0 ? 225 : 170);
    painter->fillRect(band, bandColor);
    painter->setPen(textColorOn(color));
    painter->drawText(band.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft,
                      option.fontMetrics.elidedText(className, Qt::ElideRight, band.width() - 8));

    // Marks in the top corners.
    auto badge = [&](const QRect& where, const QColor& fill, const QString& text) {
        painter->setBrush(fill);
        painter->setPen(Qt::NoPen);
        painter->drawRoundedRect(where, 3, 3);
        painter->setPen(Qt::white);
        painter->drawText(where, Qt::AlignCenter, text);
    };
    const int badgeHeight = option.fontMetrics.height();
    if (excluded) {
        const QString text = tr("excluded");
        badge(QRect(cell.left() + 2, cell.top() + 2, option.fontMetrics.horizontalAdvance(text) + 8,
                    badgeHeight),
              QColor(90, 90, 90), text);
    }
    if (index.data(DatasetModel::MisclassifiedRole).toBool()) {
        badge(QRect(cell.right() - badgeHeight - 1, cell.top() + 2, badgeHeight, badgeHeight),
              QColor(198, 40, 40), QStringLiteral("!"));
    }
    if (index.data(DatasetModel::MissingRole).toBool()) {
        painter->setPen(palette.color(QPalette::Text));
        painter->drawText(cell, Qt::AlignCenter | Qt::TextWordWrap, tr("missing"));
    }

    // The file name below the thumbnail, elided in the middle so the number shows.
    const QRect text(option.rect.left() + kMargin, cell.bottom() + kMargin,
                     option.rect.width() - 2 * kMargin, option.fontMetrics.height());
    painter->setPen(palette.color(selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(text, Qt::AlignCenter,
                      option.fontMetrics.elidedText(index.data(Qt::DisplayRole).toString(),
                                                    Qt::ElideMiddle, text.width()));
    painter->restore();
}

}  // namespace tl
