// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace tl {

// A photo of the Data page's grid: the thumbnail, fitted and centred whatever its shape, with
// a band in its class's colour naming the class, the file name below, and marks for an
// excluded, misclassified or missing photo. Pressing a class key changes the band at once.
class DatasetDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit DatasetDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setThumbnailSide(int side) { side_ = side; }

private:
    int side_ = 128;
};

}  // namespace tl
