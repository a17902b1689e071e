#pragma once

#include <QMainWindow>

namespace tl {

// The application's main window. (Placeholder until the desktop app issue builds the pages.)
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

}  // namespace tl
