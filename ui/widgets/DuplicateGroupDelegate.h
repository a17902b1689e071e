// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace tl {

// One near-duplicate group per row: a line of text (count, similarity, split status, in red
// when the group straddles the split) over the members' thumbnails; excluded members dimmed.
class DuplicateGroupDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    static constexpr int kThumb = 112;

    using QStyledItemDelegate::QStyledItemDelegate;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
};

}  // namespace tl
