// SPDX-License-Identifier: MIT
#pragma once

#include <QListView>

namespace tl {

class DatasetDelegate;

// The Data page's thumbnail grid: as many columns as fit, widened to fill the whole width
// (no empty margin on the right), and a small drag image (a thumbnail and the number of
// photos) held off the cursor, so the class list stays visible while dropping onto it.
class DatasetGridView : public QListView {
    Q_OBJECT
public:
    explicit DatasetGridView(QWidget* parent = nullptr);

    DatasetDelegate* delegate() const { return delegate_; }
    // The cell size in use (for tests).
    QSize cellSize() const { return gridSize(); }
    static constexpr int kThumbnailSide = 128;

protected:
    void resizeEvent(QResizeEvent* event) override;
    void startDrag(Qt::DropActions supportedActions) override;

private:
    void fitColumns();

    DatasetDelegate* delegate_;
};

}  // namespace tl
