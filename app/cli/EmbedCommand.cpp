// SPDX-License-Identifier: MIT
#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

#include "CliSupport.h"
#include "Commands.h"
#include "ProgressReporter.h"
#include "backbones/BackboneLoader.h"
#include "training/FeatureExtractor.h"

int runEmbedCommand(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument("images", "Image files or folders.", "IMAGE...");
    const QCommandLineOption backboneOption("backbone", "Backbone: catalogue name or file.",
                                            "PATH");
    const QCommandLineOption sizeOption("size", "Input size in pixels (default: the file's).", "N",
                                        "0");
    const QCommandLineOption jsonOption("json", "Print JSON.");
    const QCommandLineOption threadsOption("threads", "CPU threads (default: all cores).", "N",
                                           "0");
    parser.addOptions({backboneOption, sizeOption, jsonOption, threadsOption});
    cli::addImageLimitOptions(parser);
    int exitCode = 0;
    if (!cli::parse(parser, args,
                    "transferlab-cli embed --backbone PATH [--size N] [--json] IMAGE...\n"
                    "Prints the global-average-pooled backbone features of each image.",
                    &exitCode)) {
        return exitCode;
    }
    const QStringList inputs = parser.positionalArguments();
    if (!parser.isSet(backboneOption) || inputs.isEmpty()) {
        return cli::fail("embed needs --backbone and at least one image", 2);
    }
    QString limitError;
    if (!cli::applyImageLimits(parser, &limitError)) {
        return cli::fail(limitError, 2);
    }
    cli::configureThreads(parser.value(threadsOption).toInt());
    try {
        tl::LoadedBackbone backbone = tl::loadBackbone(parser.value(backboneOption).toStdString(),
                                                       parser.value(sizeOption).toInt());
        // The trainer's extraction path: parallel decoding, batched forward pass, no cache.
        tl::FeatureExtractor extractor(backbone, {}, 0, tl::FeatureCache());
        std::vector<tl::SkippedFile> unlisted;
        const auto paths = cli::collectImages(inputs, &unlisted);
        cli::printSkipped(unlisted);
        cli::ProgressReporter progress;
        progress.phase("Extracting features");
        const auto extracted = extractor.extract(paths, 1, false, progress.counter("images"), {});
        progress.finish();
        cli::printSkipped(extracted.skipped);
        if (extracted.kept.empty()) {
            return cli::fail("no image could be read");
        }
        const auto embeddings = extracted.features.select(1, 0).contiguous();
        std::vector<std::filesystem::path> kept;
        for (size_t index : extracted.kept) {
            kept.push_back(paths[index]);
        }
        const auto& skipped = extracted.skipped;
        QJsonArray results;
        QTextStream out(stdout);
        for (size_t i = 0; i < kept.size(); ++i) {
            const float* row = embeddings.data_ptr<float>() + i * embeddings.size(1);
            QJsonArray values;
            QStringList text;
            for (int64_t c = 0; c < embeddings.size(1); ++c) {
                values.append(double(row[c]));
                text << QString::number(row[c], 'g', 7);
            }
            if (parser.isSet(jsonOption)) {
                results.append(
                    QJsonObject{{"image", cli::toQString(kept[i])}, {"embedding", values}});
            } else {
                out << cli::quotedForLine(cli::toQString(kept[i])) << "\t" << text.join(' ')
                    << "\n";
            }
        }
        if (parser.isSet(jsonOption)) {
            cli::printJson(QJsonDocument(results));
        }
        return skipped.empty() && unlisted.empty() ? 0 : 1;
    } catch (const std::exception& error) {
        return cli::fail(error);
    }
}
