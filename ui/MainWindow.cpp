#include "MainWindow.h"

#include <QLabel>

namespace tl {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("TransferLab"));
    auto* placeholder = new QLabel(tr("TransferLab"), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    resize(1200, 800);
}

}  // namespace tl
