// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QRect>
#include <QString>

#include <functional>
#include <string>
#include <vector>

class QTimer;
class QWidget;

namespace tl {
class MainWindow;
}

namespace tl::app {

// The hidden --screenshot-tour: walks the real window through every page and state worth
// checking by eye (start page, data, viewer, augmentation, the missing-backbone dialog,
// training, results with a corrected label, the Test summary, a 1024x700 window, then the
// inspection: Check Labels' four tabs, the Grad-CAM viewer and Label Next), saves a PNG of
// the screen at each (the X root window, so window-manager frames and dialogs show), then
// quits. Steps run on a timer and wait (bounded) for the work they start, so the UI never
// blocks and the tour never hangs.
class ScreenshotTour : public QObject {
    Q_OBJECT
public:
    ScreenshotTour(MainWindow* window, QString folder, QObject* parent = nullptr);
    void start();

private:
    using Step = std::function<bool()>;        // true when done
    using Target = std::function<QWidget*()>;  // the window to grab; null: the main window
    void buildSteps();
    void buildInspectionSteps();
    Step shoot(const QString& name, int settleTicks = 6, Target target = {});
    // Waits until `done` (or `seconds` have passed: then logs that it gave up and moves on).
    Step waitFor(const char* what, int seconds, std::function<bool()> done) const;
    static QRect frameOf(const QWidget* window);
    void save(const QString& name, QWidget* target = nullptr) const;
    void advance();

    MainWindow* window_;
    QString folder_;
    QTimer* timer_;
    std::vector<Step> steps_;
    std::size_t next_ = 0;
    std::string originalBackbone_;
    bool skipLabelNext_ = false;
};

}  // namespace tl::app
