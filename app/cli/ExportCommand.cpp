// SPDX-License-Identifier: MIT
#include <QTextStream>

#include "CliSupport.h"
#include "Commands.h"
#include "ProgressReporter.h"
#include "export/ModelExporter.h"
#include "training/TrainedModel.h"

int runExportCommand(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument("model", "A model folder saved by train.", "MODEL_DIR");
    const QCommandLineOption formatOption("format", "torchscript or onnx.", "FORMAT");
    const QCommandLineOption outOption("out", "File to write (.pt / .onnx).", "PATH");
    parser.addOptions({formatOption, outOption});
    int exitCode = 0;
    if (!cli::parse(
            parser, args,
            "transferlab-cli export MODEL_DIR --format torchscript|onnx --out PATH\n"
            "Writes backbone + head as one TorchScript (.pt) or ONNX (opset 10) file, and\n"
            "PATH.json beside it (class names, input size, preprocessing, backbone).\n"
            "The exported model takes preprocessed float32 images [N,3,H,W] (NCHW, already\n"
            "resized and scaled as PATH.json says) and returns class probabilities [N,C].\n"
            "Only MobileNetV2 models can be exported so far.",
            &exitCode)) {
        return exitCode;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        return cli::fail("export needs exactly one MODEL_DIR", 2);
    }
    if (!parser.isSet(formatOption) || !parser.isSet(outOption)) {
        return cli::fail("export needs --format torchscript|onnx and --out PATH", 2);
    }
    tl::ExportFormat format;
    try {
        format = tl::exportFormatFromString(parser.value(formatOption).toStdString());
    } catch (const std::invalid_argument& error) {
        return cli::fail(error, 2);
    }
    try {
        cli::ProgressReporter progress;
        progress.phase("Loading the model");
        const tl::TrainedModel model = tl::TrainedModel::load(cli::toPath(positional.first()));
        progress.phase("Exporting");
        const tl::ExportResult result =
            tl::exportModel(model, format, cli::toPath(parser.value(outOption)));
        progress.finish();
        QTextStream(stdout) << "wrote " << cli::toQString(result.model) << "\n"
                            << "wrote " << cli::toQString(result.metadata) << "\n";
        return 0;
    } catch (const std::exception& error) {
        return cli::fail(error);
    }
}
