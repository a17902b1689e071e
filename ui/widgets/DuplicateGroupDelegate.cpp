// SPDX-License-Identifier: MIT
#include "widgets/DuplicateGroupDelegate.h"

#include <QPainter>
#include <QPixmap>

#include "models/DuplicateGroupModel.h"

namespace tl {

namespace {
constexpr int kText = 22;
constexpr int kGap = 6;
}  // namespace

QSize DuplicateGroupDelegate::sizeHint(const QStyleOptionViewItem&,
                                       const QModelIndex& index) const {
    const int members =
        static_cast<int>(index.data(DuplicateGroupModel::PathsRole).toStringList().size());
    return {kGap + members * (kThumb + kGap), kText + kThumb + 2 * kGap};
}

void DuplicateGroupDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                   const QModelIndex& index) const {
    painter->save();
    if (option.state & QStyle::State_Selected) {
        painter->fillRect(option.rect, option.palette.highlight());
    }
    const bool straddles = index.data(DuplicateGroupModel::StraddlesRole).toBool();
    const QRect text(option.rect.left() + kGap, option.rect.top() + 2,
                     option.rect.width() - 2 * kGap, kText);
    QFont font = option.font;
    font.setBold(straddles);
    painter->setFont(font);
    painter->setPen(straddles ? QColor(190, 30, 30) : option.palette.color(QPalette::Text));
    painter->drawText(text, Qt::AlignVCenter | Qt::AlignLeft,
                      index.data(Qt::DisplayRole).toString());
    const QStringList paths = index.data(DuplicateGroupModel::PathsRole).toStringList();
    const QStringList excluded = index.data(DuplicateGroupModel::ExcludedRole).toStringList();
    const QVariantList thumbs = index.data(DuplicateGroupModel::ThumbnailsRole).toList();
    int x = option.rect.left() + kGap;
    const int y = text.bottom() + kGap;
    for (int i = 0; i < paths.size(); ++i, x += kThumb + kGap) {
        const QRect cell(x, y, kThumb, kThumb);
        const QPixmap thumb = thumbs.value(i).value<QPixmap>();
        if (thumb.isNull()) {
            painter->fillRect(cell, QColor(225, 225, 225));
        } else {
            const QPixmap scaled =
                thumb.scaled(cell.size(), Qt::KeepAspectRatio, Qt::SmoothTransformation);
            painter->drawPixmap(cell.left() + (kThumb - scaled.width()) / 2,
                                cell.top() + (kThumb - scaled.height()) / 2, scaled);
        }
        if (excluded.contains(paths[i])) {
            painter->fillRect(cell, QColor(255, 255, 255, 170));
            painter->setPen(QColor(120, 0, 0));
            painter->drawText(cell, Qt::AlignCenter, tr("excluded"));
        }
    }
    painter->restore();
}

}  // namespace tl
