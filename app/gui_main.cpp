// SPDX-License-Identifier: MIT
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

#include "ProcessEnvironment.h"
#include "models/Translations.h"
#include "project/Project.h"
#include "support/ComputeThreads.h"
#include "widgets/MainWindow.h"

namespace {

// Backbones offered before the backbone manager exists: the ones given on the command
// line, then shared model folders beside the checkout or the installation.
QStringList defaultBackbones(const QString& fromCommandLine) {
    QStringList choices;
    if (!fromCommandLine.isEmpty()) {
        choices.push_back(QFileInfo(fromCommandLine).absoluteFilePath());
    }
    const QString appDir = QCoreApplication::applicationDirPath();
    for (const QString& base : {appDir + "/../../shared/models", appDir + "/../shared/models",
                                QDir::currentPath() + "/../shared/models"}) {
        const QDir models(base);
        for (const QString& name : models.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QString path = QDir::cleanPath(models.absoluteFilePath(name));
            if (QFileInfo::exists(path + "/model.json") && !choices.contains(path)) {
                choices.push_back(path);
            }
        }
    }
    return choices;
}

}  // namespace

int main(int argc, char** argv) {
    prepareProcessEnvironment(argc, argv);
    QApplication app(argc, argv);
    QApplication::setApplicationName("TransferLab");
    QApplication::setOrganizationName("TransferLab");
    QApplication::setApplicationVersion(TRANSFERLAB_VERSION);
    QApplication::setAttribute(Qt::AA_DontShowIconsInMenus, false);
    // The installed desktop entry's name (packaging/linux): Wayland app id, taskbar grouping.
    QGuiApplication::setDesktopFileName(QStringLiteral("io.github.transferlab.TransferLab"));
    // The system's language, or the one chosen in View > Language (settings need the names above).
    tl::Translations::install(app, tl::Translations::preferred());
    tl::ComputeThreads::configure();  // once, before any job runs

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate(
        "main", "Label photos, train an image classifier by transfer learning, test it."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(
        "path", QApplication::translate("main", "A project, or a folder of class sub-folders."),
        "[PATH]");
    QCommandLineOption open("open", QApplication::translate("main", "Open DIR."), "DIR");
    QCommandLineOption backbone("backbone",
                                QApplication::translate("main", "Backbone folder or name."), "REF");
    QCommandLineOption epochs("epochs", QApplication::translate("main", "Epochs to train."), "N");
    QCommandLineOption tour("screenshot-tour", "Walk every page, train, save PNGs to DIR, quit.",
                            "DIR");
    tour.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({open, backbone, epochs, tour});
    parser.process(app);

    tl::MainWindow window;
    window.setBackboneChoices(defaultBackbones(parser.value(backbone)));
    QString path = parser.value(open);
    if (path.isEmpty() && !parser.positionalArguments().isEmpty()) {
        path = parser.positionalArguments().first();
    }
    if (!path.isEmpty()) {
        window.openPath(path);
    }
    if (parser.isSet(epochs) || parser.isSet(backbone)) {
        auto settings = window.project()->settings();
        if (parser.isSet(epochs)) {
            settings.epochs = parser.value(epochs).toInt();
        }
        if (parser.isSet(backbone)) {
            settings.backbone = QFileInfo(parser.value(backbone)).absoluteFilePath().toStdString();
        }
        window.project()->setSettings(settings);
    }
    window.show();
    if (parser.isSet(tour)) {
        window.runScreenshotTour(parser.value(tour));
    }
    return app.exec();
}
