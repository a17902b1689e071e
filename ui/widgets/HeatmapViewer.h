// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QStringList>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSlider;

namespace tl {

class HeatmapController;
class HeatmapOverlayWidget;

// The large viewer with the "why" of the model: a photo with its Grad-CAM heat-map, a toggle
// and an opacity slider, the class to explain (the predicted one or any other), and the
// previous / next photo of the list it was opened with (arrow keys).
class HeatmapViewer : public QDialog {
    Q_OBJECT
public:
    HeatmapViewer(HeatmapController* heatmaps, QWidget* parent = nullptr);

    void showPhotos(const QStringList& paths, int current = 0);
    HeatmapOverlayWidget* overlay() const { return overlay_; }
    QString currentPath() const { return paths_.value(current_); }

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void showCurrent();
    void requestHeatmap();
    void updateClassChoices();

    HeatmapController* heatmaps_;
    QStringList paths_;
    int current_ = 0;
    HeatmapOverlayWidget* overlay_;
    QCheckBox* showHeatmap_;
    QSlider* opacity_;
    QComboBox* target_;
    QLabel* caption_;
    QLabel* status_;
    QPushButton* previous_;
    QPushButton* next_;
};

}  // namespace tl
