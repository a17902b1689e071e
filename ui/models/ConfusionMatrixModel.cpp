// SPDX-License-Identifier: MIT
#include "models/ConfusionMatrixModel.h"

#include <QColor>

#include "training/EvaluationReport.h"

namespace tl {

ConfusionMatrixModel::ConfusionMatrixModel(QObject* parent) : QAbstractTableModel(parent) {}

void ConfusionMatrixModel::setReport(const EvaluationReport& report) {
    beginResetModel();
    classNames_.clear();
    for (const std::string& name : report.classNames) {
        classNames_.push_back(QString::fromStdString(name));
    }
    confusion_ = report.confusion;
    confusion_.resize(classNames_.size());
    for (auto& row : confusion_) {
        row.resize(classNames_.size(), 0);
    }
    endResetModel();
}

int ConfusionMatrixModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(classNames_.size());
}

int ConfusionMatrixModel::columnCount(const QModelIndex& parent) const {
    return rowCount(parent);
}

QVariant ConfusionMatrixModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid()) {
        return {};
    }
    const auto& row = confusion_[index.row()];
    const int value = row[index.column()];
    int total = 0;
    for (int v : row) {
        total += v;
    }
    const double share = total > 0 ? static_cast<double>(value) / total : 0.0;
    const bool diagonal = index.row() == index.column();
    switch (role) {
        case Qt::DisplayRole:
            return value;
        case Qt::TextAlignmentRole:
            return Qt::AlignCenter;
        case Qt::BackgroundRole:
            // Green for correct, red for mistakes, by how much of the class they are.
            return diagonal ? QColor::fromHsvF(0.33, 0.15 + 0.6 * share, 0.95)
                            : QColor::fromHsvF(0.0, 0.05 + 0.8 * share, 0.98);
        case Qt::ForegroundRole:
            return QColor(Qt::black);
        case Qt::ToolTipRole:
            return tr("%1 photo(s) of %2 predicted as %3 (%4% of the class). Click to see "
                      "them.")
                .arg(value)
                .arg(classNames_[index.row()], classNames_[index.column()])
                .arg(share * 100, 0, 'f', 1);
        default:
            return {};
    }
}

QVariant ConfusionMatrixModel::headerData(int section, Qt::Orientation orientation,
                                          int role) const {
    if (role != Qt::DisplayRole || section >= classNames_.size()) {
        return {};
    }
    return orientation == Qt::Vertical ? tr("true\n%1").arg(classNames_[section])
                                       : tr("predicted\n%1").arg(classNames_[section]);
}

}  // namespace tl
