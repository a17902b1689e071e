// SPDX-License-Identifier: MIT
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QPalette>
#include <QStandardPaths>
#include <QStyleFactory>

#include "AppIdentity.h"
#include "LogFile.h"
#include "ProcessEnvironment.h"
#include "ScreenshotTour.h"
#include "models/Preferences.h"
#include "models/Translations.h"
#include "project/LegacyProjectMigration.h"
#include "project/Project.h"
#include "project/ProjectLibrary.h"
#include "support/ComputeThreads.h"
#include "widgets/MainWindow.h"

namespace {

// Model folders offered besides the backbone store: the one given on the command line, then
// shared model folders beside the checkout or the installation.
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

// TransferLab 0.x kept its folders under TransferLab/TransferLab and its projects in a hidden
// autosave folder: move both, once, and point the recent projects at the moved files.
void migrateLegacyState() {
    const tl::app::LegacyFolderMigration folders = tl::app::migrateLegacyFolders();
    for (const QString& problem : folders.problems) {
        qWarning("Moving an old TransferLab folder: %s", qPrintable(problem));
    }
    const QString autosave = QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
                                 .filePath("autosave");
    const tl::LegacyProjectMigration::Result projects =
        tl::LegacyProjectMigration::run(autosave, tl::ProjectLibrary(), tl::app::legacyFolderMap());
    for (const QString& problem : projects.problems) {
        qWarning("Moving an old project: %s", qPrintable(problem));
    }
    QHash<QString, QString> projectFileOf = projects.projectFiles;
    for (auto it = projects.datasetFolders.cbegin(); it != projects.datasetFolders.cend(); ++it) {
        projectFileOf.insert(it.key(), it.value());
    }
    tl::Preferences preferences;
    if (preferences.migrateLegacySettings(projectFileOf) || !projects.projectFiles.isEmpty()) {
        qInfo("Moved %d old project(s) into %s", int(projects.projectFiles.size()),
              qPrintable(tl::ProjectLibrary::defaultFolder()));
    }
}

// A dark palette on the Fusion style: what a dark desktop theme gives, to check that every
// page stays readable (the hidden --dark option of the screenshots).
void applyDarkPalette(QApplication& app) {
    app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette dark;
    const QColor window(45, 45, 48), base(30, 30, 32), text(230, 230, 230);
    dark.setColor(QPalette::Window, window);
    dark.setColor(QPalette::WindowText, text);
    dark.setColor(QPalette::Base, base);
    dark.setColor(QPalette::AlternateBase, QColor(55, 55, 60));
    dark.setColor(QPalette::ToolTipBase, window);
    dark.setColor(QPalette::ToolTipText, text);
    dark.setColor(QPalette::Text, text);
    dark.setColor(QPalette::Button, window);
    dark.setColor(QPalette::ButtonText, text);
    dark.setColor(QPalette::BrightText, Qt::red);
    dark.setColor(QPalette::Midlight, QColor(70, 70, 75));
    dark.setColor(QPalette::Link, QColor(100, 170, 255));
    dark.setColor(QPalette::Highlight, QColor(42, 130, 218));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::PlaceholderText, QColor(150, 150, 150));
    dark.setColor(QPalette::Disabled, QPalette::Text, QColor(120, 120, 120));
    dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(120, 120, 120));
    dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(120, 120, 120));
    app.setPalette(dark);
}

}  // namespace

int main(int argc, char** argv) {
    prepareProcessEnvironment(argc, argv);
    QApplication app(argc, argv);
    tl::app::setApplicationIdentity();
    QGuiApplication::setDesktopFileName(QLatin1String(tl::app::kApplicationId));
    QApplication::setAttribute(Qt::AA_DontShowIconsInMenus, false);
    // The system's language, or the one chosen in View > Language (settings need the names above).
    tl::Translations::install(app, tl::Translations::preferred());
    const tl::app::LogFile log;
    qInfo("TransferLab %s starting", TRANSFERLAB_VERSION);
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
    QCommandLineOption dark("dark", "Use a dark palette (for checking the pages' colours).");
    dark.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({open, backbone, epochs, tour, dark});
    parser.process(app);
    if (parser.isSet(dark)) {
        applyDarkPalette(app);
    }
    migrateLegacyState();

    tl::MainWindow window;
    window.setLogFile(log.path());
    window.setBackboneChoices(defaultBackbones(parser.value(backbone)));
    QString path = parser.value(open);
    if (path.isEmpty() && !parser.positionalArguments().isEmpty()) {
        path = parser.positionalArguments().first();
    }
    if (path.isEmpty() || !window.openPath(path)) {
        window.startUp();
    }
    if (!window.isShowingStartPage() && (parser.isSet(epochs) || parser.isSet(backbone))) {
        auto settings = window.project()->settings();
        if (parser.isSet(epochs)) {
            settings.epochs = parser.value(epochs).toInt();
            settings.automatic = false;  // a number of epochs makes it a custom run
        }
        if (parser.isSet(backbone)) {
            const QFileInfo given(parser.value(backbone));
            settings.backbone =
                (given.exists() ? given.absoluteFilePath() : parser.value(backbone)).toStdString();
        }
        window.project()->setSettings(settings);
    }
    window.show();
    tl::app::ScreenshotTour screenshots(&window, parser.value(tour));
    if (parser.isSet(tour)) {
        screenshots.start();
    }
    const int status = app.exec();
    qInfo("TransferLab exits (%d)", status);
    return status;
}
