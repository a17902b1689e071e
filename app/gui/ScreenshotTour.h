// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QString>

#include <functional>
#include <string>
#include <vector>

class QTimer;

namespace tl {
class MainWindow;
}

namespace tl::app {

// The hidden --screenshot-tour: walks the real window through every page and state worth
// checking by eye (start page, data, viewer, augmentation, the missing-backbone dialog,
// training, results with a corrected label, the Test summary, a 1024x700 window), saves a
// PNG of the screen at each (the X root window, so window-manager frames and dialogs show),
// then quits. Steps run on a timer and wait for the work they start, so the UI never blocks.
class ScreenshotTour : public QObject {
    Q_OBJECT
public:
    ScreenshotTour(MainWindow* window, QString folder, QObject* parent = nullptr);
    void start();

private:
    using Step = std::function<bool()>;  // true when done
    void buildSteps();
    Step shoot(const QString& name, int settleTicks = 6);
    void save(const QString& name) const;
    void advance();

    MainWindow* window_;
    QString folder_;
    QTimer* timer_;
    std::vector<Step> steps_;
    std::size_t next_ = 0;
    std::string originalBackbone_;
};

}  // namespace tl::app
