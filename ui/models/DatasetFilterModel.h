// SPDX-License-Identifier: MIT
#pragma once

#include <QSortFilterProxyModel>

namespace tl {

// The thumbnail grid's filters: class, split side, misclassified, excluded, file name.
class DatasetFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    static constexpr int kAllClasses = -2;  // class filter values: this, -1 unlabeled, or k
    enum class Side { Any, Training, Validation };

    explicit DatasetFilterModel(QObject* parent = nullptr);

    void setClassFilter(int label);
    int classFilter() const { return classFilter_; }
    void setSide(Side side);
    void setMisclassifiedOnly(bool on);
    void setShowExcluded(bool on);
    void setSearchText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    int classFilter_ = kAllClasses;
    Side side_ = Side::Any;
    bool misclassifiedOnly_ = false;
    bool showExcluded_ = true;
    QString search_;
};

}  // namespace tl
