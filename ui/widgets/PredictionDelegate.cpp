// SPDX-License-Identifier: MIT
#include "widgets/PredictionDelegate.h"

#include <QFileInfo>
#include <QPainter>
#include <QPixmap>

#include <algorithm>
#include <numeric>

#include "models/ClassColors.h"
#include "models/PredictionListModel.h"

namespace tl {

namespace {
constexpr int kThumb = 128;
constexpr int kBarHeight = 14;
constexpr int kMaxBars = 4;  // the most probable classes; the tooltip lists them all
}  // namespace

QSize PredictionDelegate::sizeHint(const QStyleOptionViewItem&, const QModelIndex& index) const {
    const int classes =
        static_cast<int>(index.data(PredictionListModel::ProbabilitiesRole).toList().size());
    return {kThumb + 32, kThumb + 24 + qMin(classes, kMaxBars) * (kBarHeight + 2)};
}

void PredictionDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                               const QModelIndex& index) const {
    painter->save();
    const QRect r = option.rect.adjusted(3, 3, -3, -3);
    if (option.state & QStyle::State_Selected) {
        painter->fillRect(option.rect, option.palette.highlight());
    }
    const QPixmap thumb = index.data(Qt::DecorationRole).value<QPixmap>();
    const QRect thumbRect(r.left() + (r.width() - kThumb) / 2, r.top(), kThumb, kThumb);
    if (!thumb.isNull()) {
        const QPixmap scaled =
            thumb.scaled(thumbRect.size(), Qt::KeepAspectRatio, Qt::SmoothTransformation);
        painter->drawPixmap(thumbRect.left() + (kThumb - scaled.width()) / 2,
                            thumbRect.top() + (kThumb - scaled.height()) / 2, scaled);
    } else {
        painter->fillRect(thumbRect, option.palette.color(QPalette::Midlight));
    }
    // Corrected since the model saw it (Results): a green band. A tested photo that is in the
    // project (Test page): its class, in the class's colour, as on the Data page.
    const QString classNow = index.data(PredictionListModel::CurrentClassNameRole).toString();
    const int bandHeight = option.fontMetrics.height() + 4;
    if (index.data(PredictionListModel::CorrectedRole).toBool()) {
        const QString text = index.data(PredictionListModel::ExcludedRole).toBool()
                                 ? QObject::tr("✓ excluded")
                                 : QObject::tr("✓ now %1").arg(classNow);
        const QRect band(thumbRect.left(), thumbRect.top(), thumbRect.width(), bandHeight);
        painter->fillRect(band, QColor(46, 125, 50, 230));
        painter->setPen(Qt::white);
        painter->drawText(band.adjusted(4, 0, -4, 0), Qt::AlignVCenter | Qt::AlignLeft,
                          option.fontMetrics.elidedText(text, Qt::ElideRight, band.width() - 8));
    } else if (index.data(PredictionListModel::TrueLabelRole).toInt() < 0 && !classNow.isEmpty()) {
        const QColor color = classColor(index.data(PredictionListModel::CurrentLabelRole).toInt());
        const int width =
            qMin(thumbRect.width(), option.fontMetrics.horizontalAdvance(classNow) + 10);
        const QRect chip(thumbRect.left(), thumbRect.bottom() - bandHeight + 1, width, bandHeight);
        painter->fillRect(chip, color);
        painter->setPen(textColorOn(color));
        painter->drawText(chip, Qt::AlignCenter,
                          option.fontMetrics.elidedText(classNow, Qt::ElideRight, width - 6));
    }
    const QString name = QFileInfo(index.data(PredictionListModel::PathRole).toString()).fileName();
    QRect text(r.left(), thumbRect.bottom() + 2, r.width(), 18);
    painter->setPen(option.palette.color(
        (option.state & QStyle::State_Selected) ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(text, Qt::AlignCenter,
                      option.fontMetrics.elidedText(name, Qt::ElideMiddle, text.width()));

    const QVariantList probs = index.data(PredictionListModel::ProbabilitiesRole).toList();
    const QStringList names = index.data(PredictionListModel::ClassNamesRole).toStringList();
    const int predicted = index.data(PredictionListModel::PredictedLabelRole).toInt();
    const int truth = index.data(PredictionListModel::TrueLabelRole).toInt();
    QVector<int> order(probs.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](int a, int b) { return probs[a].toDouble() > probs[b].toDouble(); });
    QFont small = option.font;
    small.setPointSizeF(qMax(6.0, small.pointSizeF() - 1));
    painter->setFont(small);
    int y = text.bottom() + 2;
    for (int i = 0; i < qMin(static_cast<int>(order.size()), kMaxBars); ++i) {
        const int c = order[i];
        const double p = probs[c].toDouble();
        const QRect bar(r.left(), y, r.width(), kBarHeight);
        painter->fillRect(bar, option.palette.color(QPalette::AlternateBase));
        QColor fill = c == predicted ? (truth >= 0 && truth != predicted ? QColor(220, 80, 70)
                                                                         : QColor(70, 150, 220))
                                     : QColor(170, 170, 170);
        painter->fillRect(
            QRect(bar.left(), bar.top(), static_cast<int>(bar.width() * p), bar.height()), fill);
        painter->setPen(option.palette.color(QPalette::Text));
        painter->drawText(bar.adjusted(3, 0, -3, 0), Qt::AlignVCenter | Qt::AlignLeft,
                          names.value(c));
        painter->drawText(bar.adjusted(3, 0, -3, 0), Qt::AlignVCenter | Qt::AlignRight,
                          QString::number(p * 100, 'f', 0) + "%");
        y += kBarHeight + 2;
    }
    painter->restore();
}

}  // namespace tl
