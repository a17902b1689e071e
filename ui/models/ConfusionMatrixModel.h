// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace tl {

struct EvaluationReport;

// The validation confusion matrix: rows are true classes, columns predicted ones. Cells
// are shaded by their share of the row so mistakes stand out whatever the class sizes.
class ConfusionMatrixModel : public QAbstractTableModel {
    Q_OBJECT
public:
    explicit ConfusionMatrixModel(QObject* parent = nullptr);

    void setReport(const EvaluationReport& report);
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QStringList classNames_;
    std::vector<std::vector<int>> confusion_;
};

}  // namespace tl
