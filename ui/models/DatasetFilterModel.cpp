// SPDX-License-Identifier: MIT
#include "models/DatasetFilterModel.h"

#include "models/DatasetModel.h"

namespace tl {

DatasetFilterModel::DatasetFilterModel(QObject* parent) : QSortFilterProxyModel(parent) {
    // Labels change under the filter (relabel): rows must enter and leave live.
    setDynamicSortFilter(true);
}

void DatasetFilterModel::setClassFilter(int label) {
    classFilter_ = label;
    invalidateFilter();
}

void DatasetFilterModel::setSide(Side side) {
    side_ = side;
    invalidateFilter();
}

void DatasetFilterModel::setMisclassifiedOnly(bool on) {
    misclassifiedOnly_ = on;
    invalidateFilter();
}

void DatasetFilterModel::setShowExcluded(bool on) {
    showExcluded_ = on;
    invalidateFilter();
}

void DatasetFilterModel::setSearchText(const QString& text) {
    search_ = text.trimmed();
    invalidateFilter();
}

bool DatasetFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (classFilter_ != kAllClasses &&
        index.data(DatasetModel::LabelRole).toInt() != classFilter_) {
        return false;
    }
    if (!showExcluded_ && index.data(DatasetModel::ExcludedRole).toBool()) {
        return false;
    }
    if (misclassifiedOnly_ && !index.data(DatasetModel::MisclassifiedRole).toBool()) {
        return false;
    }
    if (side_ != Side::Any &&
        index.data(DatasetModel::ValidationRole).toBool() != (side_ == Side::Validation)) {
        return false;
    }
    return search_.isEmpty() ||
           index.data(DatasetModel::FileNameRole).toString().contains(search_, Qt::CaseInsensitive);
}

}  // namespace tl
