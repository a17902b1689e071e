// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace tl {

// Draws a prediction tile: thumbnail, file name, and one probability bar per class (the
// predicted class highlighted; red when it differs from the label). A photo the user has
// corrected since (relabelled or excluded) carries a green "now: class" band.
class PredictionDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace tl
