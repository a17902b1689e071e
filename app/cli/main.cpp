// SPDX-License-Identifier: MIT
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>
#include <functional>
#include <map>

#include "AppIdentity.h"
#include "Commands.h"
#include "ProcessEnvironment.h"

namespace {

struct SubCommand {
    std::function<int(const QStringList&)> run;
    const char* summary;
};

const std::map<QString, SubCommand>& subCommands() {
    static const std::map<QString, SubCommand> commands = {
        {"embed", {runEmbedCommand, "print the backbone's pooled embedding of images"}},
        {"backbones", {runBackbonesCommand, "list, download, import or verify ImageNet backbones"}},
        {"train", {runTrainCommand, "train a classifier on a folder of class sub-folders"}},
        {"predict", {runPredictCommand, "classify images with a trained model"}},
        {"evaluate", {runEvaluateCommand, "measure a trained model on a labelled folder"}},
        {"demo", {runDemoCommand, "the published alpaca experiment in one command"}},
        {"download", {runDownloadCommand, "download labelled photos from Google Open Images"}},
        {"export", {runExportCommand, "export a trained model to TorchScript or ONNX"}},
        {"export-job",
         {runExportJobCommand, "write a PyTorch DDP training package (torchrun) for a cluster"}},
        {"inspect", {runInspectCommand, "find likely label errors, near-duplicates and outliers"}},
        {"explain", {runExplainCommand, "Grad-CAM heat-maps: why the model decided"}},
        {"suggest", {runSuggestCommand, "which unlabeled photos to label first"}},
    };
    return commands;
}

void printHelp(QTextStream& out) {
    out << "Usage: transferlab-cli COMMAND [OPTIONS]\n\n"
           "Label photos, train an image classifier by transfer learning, test it.\n\n"
           "Commands:\n";
    for (const auto& [name, command] : subCommands()) {
        out << "  " << name.leftJustified(12) << command.summary << "\n";
    }
    out << "\nRun 'transferlab-cli COMMAND --help' for a command's options.\n"
           "Global options: --help, --version\n";
}

}  // namespace

int main(int argc, char** argv) {
    prepareProcessEnvironment(argc, argv);
    QCoreApplication app(argc, argv);
    // Same names as the GUI, so both share the backbone store and the caches.
    tl::app::setApplicationIdentity();
    for (const QString& problem : tl::app::migrateLegacyFolders().problems) {
        QTextStream(stderr) << "transferlab-cli: moving an old TransferLab folder: " << problem
                            << "\n";
    }

    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty() || args.first() == "--help" || args.first() == "-h" ||
        args.first() == "help") {
        printHelp(out);
        return args.isEmpty() ? 2 : 0;
    }
    if (args.first() == "--version" || args.first() == "-v") {
        out << "transferlab-cli " << TRANSFERLAB_VERSION << "\n";
        return 0;
    }
    const auto found = subCommands().find(args.first());
    if (found == subCommands().end()) {
        err << "transferlab-cli: unknown command '" << args.first()
            << "' (see transferlab-cli --help)\n";
        return 2;
    }
    return found->second.run(args);
}
