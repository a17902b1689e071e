#include <QApplication>

#include "MainWindow.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("TransferLab");
    QApplication::setOrganizationName("TransferLab");
    QApplication::setApplicationVersion(TRANSFERLAB_VERSION);
    tl::MainWindow window;
    window.show();
    return app.exec();
}
