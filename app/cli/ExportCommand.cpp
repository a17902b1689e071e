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
    const QCommandLineOption formatOption("format", "torchscript, onnx or tfjs.", "FORMAT");
    const QCommandLineOption outOption(
        "out", "File to write (.pt / .onnx), or the folder for tfjs.", "PATH");
    const QCommandLineOption selfContainedOption(
        "self-contained",
        "TorchScript/ONNX: take uint8 RGB images [N,H,W,3] and preprocess inside the model.");
    parser.addOptions({formatOption, outOption, selfContainedOption});
    int exitCode = 0;
    if (!cli::parse(
            parser, args,
            "transferlab-cli export MODEL_DIR --format torchscript|onnx|tfjs --out PATH\n"
            "                [--self-contained]\n"
            "Writes backbone + head as one TorchScript (.pt) or ONNX (opset 10) file with\n"
            "PATH.json (class names, input size, preprocessing, backbone) and PATH.README.md\n"
            "(usage example) beside it, or as a TensorFlow.js layers model in the folder PATH\n"
            "(model.json, weights.bin, metadata.json, README.md: the layout Teachable Machine\n"
            "exports and tf.loadLayersModel reads).\n"
            "By default the model takes preprocessed float32 images, resized and scaled as the\n"
            "JSON says: [N,3,S,S] (TorchScript, ONNX) or [N,S,S,3] (tfjs). --self-contained\n"
            "models take uint8 RGB images [N,H,W,3] instead and scale them inside; the\n"
            "TorchScript one also resizes them (any H, W), the ONNX one takes S x S images.\n"
            "The output is the class probabilities [N,C]. Only MobileNetV2 models can be\n"
            "exported so far. Existing files and folders are replaced only when TransferLab\n"
            "exported them.",
            &exitCode)) {
        return exitCode;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1) {
        return cli::fail("export needs exactly one MODEL_DIR", 2);
    }
    if (!parser.isSet(formatOption) || !parser.isSet(outOption)) {
        return cli::fail("export needs --format torchscript|onnx|tfjs and --out PATH", 2);
    }
    tl::ExportFormat format;
    try {
        format = tl::exportFormatFromString(parser.value(formatOption).toStdString());
    } catch (const std::invalid_argument& error) {
        return cli::fail(error, 2);
    }
    tl::ExportOptions options;
    options.selfContained = parser.isSet(selfContainedOption);
    if (options.selfContained && format == tl::ExportFormat::Tfjs) {
        return cli::fail("--self-contained applies to torchscript and onnx, not tfjs", 2);
    }
    try {
        cli::ProgressReporter progress;
        progress.phase("Loading the model");
        const tl::TrainedModel model = tl::TrainedModel::load(cli::toPath(positional.first()));
        progress.phase("Exporting");
        const tl::ExportResult result =
            tl::exportModel(model, format, cli::toPath(parser.value(outOption)), options);
        progress.finish();
        QTextStream out(stdout);
        for (const auto& file : {result.model, result.metadata, result.readme}) {
            out << "wrote " << cli::toQString(file) << "\n";
        }
        if (format == tl::ExportFormat::Tfjs) {
            out << "wrote " << cli::toQString(result.model.parent_path() / "weights.bin") << "\n";
        }
        return 0;
    } catch (const std::exception& error) {
        return cli::fail(error);
    }
}
