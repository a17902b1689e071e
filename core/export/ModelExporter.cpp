// SPDX-License-Identifier: MIT
#include "export/ModelExporter.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <cctype>
#include <stdexcept>

#include "export/ExportReadme.h"
#include "export/ModelExportGraph.h"
#include "support/Paths.h"
#include "training/ModelFolder.h"
#include "training/TrainedModel.h"

namespace tl {

namespace fs = std::filesystem;

namespace {

constexpr int kOnnxOpset = 10;  // keep in sync with ModelExporterOnnx.cpp
// Marks the JSON beside every export, so that TransferLab replaces only its own exports.
constexpr const char* kExportMarker = "transferlab-export";
constexpr qint64 kMaxMetadataBytes = 16 * 1024 * 1024;

const char* kResizeDefinition =
    "decode at full size with the EXIF orientation applied, then OpenCV resize of the whole "
    "photo to size x size (aspect ratio not kept, nothing cropped): INTER_AREA when shrinking "
    "in both directions, else INTER_LINEAR";

// A TF.js export folder holds these files and nothing else; metadata.json carries the marker.
OwnedFolderKind tfjsFolderKind() {
    return {"TF.js export",
            {"model.json", "weights.bin", "metadata.json", "README.md"},
            "metadata.json",
            "producer",
            kExportMarker};
}

QJsonObject readJsonObject(const fs::path& path) {
    QFile file(toQString(path));
    if (file.size() > kMaxMetadataBytes || !file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

bool isTransferLabExport(const fs::path& path, const fs::path& metadataPath) {
    const QJsonObject json = readJsonObject(metadataPath);
    return json.value("producer").toString() == QLatin1String(kExportMarker) &&
           json.value("file").toString() == toQString(path.filename());
}

bool isExportReadme(const fs::path& path) {
    QFile file(toQString(path));
    if (!file.open(QIODevice::ReadOnly)) {
        return false;
    }
    return file.readLine(256).trimmed() == QByteArray(kExportReadmeMarker);
}

bool entryExists(const fs::path& path) {
    std::error_code error;
    return fs::exists(fs::symlink_status(path, error));
}

// Existing files are replaced only when they are an earlier TransferLab export of that name.
void checkFileDestination(const ExportResult& paths) {
    const bool modelExists = entryExists(paths.model);
    const bool metadataExists = entryExists(paths.metadata);
    const bool readmeExists = entryExists(paths.readme);
    std::error_code error;
    const bool ownModel = (!modelExists && !metadataExists) ||
                          (fs::is_regular_file(fs::symlink_status(paths.model, error)) &&
                           isTransferLabExport(paths.model, paths.metadata));
    const bool ownReadme =
        !readmeExists || (fs::is_regular_file(fs::symlink_status(paths.readme, error)) &&
                          isExportReadme(paths.readme));
    if (ownModel && ownReadme) {
        return;
    }
    const fs::path& existing = !ownReadme    ? paths.readme
                               : modelExists ? paths.model
                                             : paths.metadata;
    throw ExportError("will not overwrite '" + existing.u8string() +
                          "': it was not exported by TransferLab; choose another name (nothing "
                          "was changed)",
                      existing, ErrorKind::UnsafeDestination);
}

QJsonArray toJsonArray(const std::vector<std::string>& names) {
    QJsonArray array;
    for (const auto& name : names) {
        array.append(QString::fromStdString(name));
    }
    return array;
}

QJsonObject inputDescription(ExportFormat format, const exportgraph::Graph& graph) {
    const qint64 size = graph.inputSize;
    const bool nhwc = format == ExportFormat::Tfjs || graph.input.uint8Nhwc;
    const bool resizeInside = graph.input.uint8Nhwc && format == ExportFormat::TorchScript;
    QJsonObject input{
        {"name", format == ExportFormat::Tfjs ? "input_1"
                 : graph.input.uint8Nhwc      ? "image"
                                              : "input"},
        {"size", size},
        {"layout", nhwc ? "NHWC" : "NCHW"},
        {"dtype", graph.input.uint8Nhwc ? "uint8" : "float32"},
        {"channels", "RGB"},
        {"preprocessing", "mobilenet"},
        {"preprocessing_formula", "RGB, x / 127.5 - 1 (pixels in [0, 255] to [-1, 1])"},
        {"scale", 1.0 / graph.input.divisor},
        {"offset", graph.input.offset},
        {"resize", kResizeDefinition},
        {"crop", "none: the whole photo is resized"},
        {"scaling_included_in_model", graph.input.uint8Nhwc},
        {"resize_included_in_model", resizeInside},
        // Before the self-contained variants this field said whether any preprocessing is
        // inside; kept for consumers of earlier exports.
        {"included_in_model", graph.input.uint8Nhwc}};
    if (resizeInside) {
        input.insert("shape", QJsonArray{-1, -1, -1, 3});
    } else if (nhwc) {
        input.insert("shape", QJsonArray{-1, size, size, 3});
    } else {
        input.insert("shape", QJsonArray{-1, 3, size, size});
    }
    if (format == ExportFormat::Tfjs) {
        input.insert("teachable_machine_library",
                     "@teachablemachine/image crops the centre square, resizes it to 224 x 224 "
                     "and scales x / 127 - 1: it runs this model when its size is 224, but its "
                     "probabilities differ from TransferLab's. For TransferLab's answers, resize "
                     "the whole photo and scale as above.");
    }
    return input;
}

QJsonObject metadata(const TrainedModel& model, ExportFormat format,
                     const exportgraph::Graph& graph, const fs::path& modelPath,
                     const ExportOptions& options) {
    const BackboneSpec& spec = model.backbone->spec();
    QJsonObject json{
        {"format", QString::fromStdString(toString(format))},
        {"file", toQString(modelPath.filename())},
        {"producer", kExportMarker},
        {"exported_by", "TransferLab " TRANSFERLAB_VERSION},
        {"self_contained", options.selfContained},
        {"classes", toJsonArray(model.classNames)},
        {"input", inputDescription(format, graph)},
        {"output",
         QJsonObject{{"name", format == ExportFormat::Tfjs ? "transferlab_head" : "probabilities"},
                     {"shape", QJsonArray{-1, static_cast<qint64>(model.classNames.size())}},
                     {"meaning", "class probabilities in the order of 'classes'"},
                     {"head_activation", model.head->config().isBinary() ? "sigmoid" : "softmax"}}},
        {"backbone", QJsonObject{{"reference", QString::fromStdString(model.backboneReference)},
                                 {"sha256", QString::fromStdString(model.backboneSha256)},
                                 {"architecture", QString::fromStdString(spec.architecture)},
                                 {"alpha", spec.alpha},
                                 {"input_size", spec.inputSize},
                                 {"fine_tuned", model.backboneFineTuned}}},
        {"calibration",
         QJsonObject{{"temperature", model.head->config().temperature},
                     {"included_in_model", true},
                     {"meaning",
                      "the output layer's weights and bias are divided by the temperature "
                      "(temperature scaling fitted on out-of-fold predictions): the outputs are "
                      "the app's calibrated probabilities"}}},
        {"test_time_augmentation",
         QJsonObject{{"recommended", QString::fromStdString(toString(model.testTimeAugmentation))},
                     {"included_in_model", false},
                     {"how",
                      "average the output probabilities over the views: the image; 'mirror' "
                      "adds its horizontal mirror; 'mirror+crops' also the centre crop (the "
                      "middle 7/8 of each side, scaled back to size x size with bilinear "
                      "interpolation) and its mirror"}}}};
    switch (format) {
        case ExportFormat::Onnx:
            json.insert("onnx_opset", kOnnxOpset);
            json.insert("batchnorm_folded", true);
            break;
        case ExportFormat::TorchScript:
            json.insert("torchscript_producer", "LibTorch " TORCH_VERSION);
            json.insert("batchnorm_folded", true);
            break;
        case ExportFormat::Tfjs:
            // What Teachable Machine's metadata.json holds, which @teachablemachine/image and
            // TransferLab's importer read (labels, imageSize).
            json.insert("labels", toJsonArray(model.classNames));
            json.insert("imageSize", static_cast<qint64>(graph.inputSize));
            json.insert("tfjsVersion", "4.22.0");
            json.insert("packageName", "transferlab");
            json.insert("packageVersion", TRANSFERLAB_VERSION);
            json.insert("modelName", toQString(modelPath.parent_path().filename()));
            json.insert("timeStamp", QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
            json.insert("userMetadata", QJsonObject{});
            json.insert("batchnorm_folded", false);
            break;
    }
    return json;
}

void writeFile(const fs::path& path, const QByteArray& bytes) {
    QSaveFile file(toQString(path));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        throw ExportError(
            "cannot write '" + path.u8string() + "': " + file.errorString().toStdString(), path,
            ErrorKind::FileSystem);
    }
}

QByteArray readme(const TrainedModel& model, ExportFormat format, const exportgraph::Graph& graph,
                  const ExportResult& paths, const ExportOptions& options) {
    ExportReadmeInfo info;
    info.format = format;
    info.selfContained = options.selfContained;
    info.modelFile = toQString(paths.model.filename());
    info.metadataFile = toQString(paths.metadata.filename());
    info.inputSize = static_cast<int>(graph.inputSize);
    for (const auto& name : model.classNames) {
        info.classes << QString::fromStdString(name);
    }
    return exportReadme(info).toUtf8();
}

// TorchScript / ONNX: the model file written beside the target under a name no user file has
// and renamed into place, then its JSON and README (each atomic).
ExportResult exportFile(const TrainedModel& model, ExportFormat format,
                        const exportgraph::Graph& graph, const fs::path& path,
                        const ExportOptions& options) {
    ExportResult result;
    result.model = path;
    result.metadata = fs::path(path.u8string() + ".json");
    result.readme = fs::path(path.u8string() + ".README.md");
    checkFileDestination(result);
    std::error_code error;
    if (path.has_parent_path()) {
        fs::create_directories(path.parent_path(), error);
    }
    const fs::path staged =
        path.parent_path() / ("." + path.filename().u8string() + ".tmp-" +
                              QUuid::createUuid().toString(QUuid::Id128).left(8).toStdString());
    try {
        if (format == ExportFormat::TorchScript) {
            exportgraph::writeTorchScript(graph, staged);
        } else {
            exportgraph::writeOnnx(graph, staged);
        }
        fs::rename(staged, path);
    } catch (const fs::filesystem_error& failure) {
        fs::remove(staged, error);
        throw ExportError("cannot write '" + path.u8string() + "': " + failure.what(), path,
                          ErrorKind::FileSystem);
    } catch (...) {
        fs::remove(staged, error);
        throw;
    }
    writeFile(result.metadata,
              QJsonDocument(metadata(model, format, graph, path, options)).toJson());
    writeFile(result.readme, readme(model, format, graph, result, options));
    return result;
}

// TF.js: a folder, written whole into a staging folder and swapped in by the rules of model
// folders (only an empty folder or an earlier TF.js export of TransferLab is replaced).
ExportResult exportTfjsFolder(const TrainedModel& model, const exportgraph::Graph& graph,
                              const fs::path& folder, const ExportOptions& options) {
    const ModelFolder destination(folder, tfjsFolderKind());
    destination.recover();
    destination.checkReplaceable();  // UnsafeDestinationError naming the folder
    ExportResult inPlace;
    inPlace.model = destination.path() / "model.json";
    inPlace.metadata = destination.path() / "metadata.json";
    inPlace.readme = destination.path() / "README.md";
    fs::path staging;
    try {
        staging = destination.createStaging();
        exportgraph::writeTfjs(graph, exportgraph::kerasArrays(*model.backbone), staging);
        writeFile(staging / "metadata.json",
                  QJsonDocument(metadata(model, ExportFormat::Tfjs, graph, inPlace.model, options))
                      .toJson());
        writeFile(staging / "README.md",
                  readme(model, ExportFormat::Tfjs, graph, inPlace, options));
        destination.commit(staging);
    } catch (const fs::filesystem_error& failure) {
        if (!staging.empty()) {
            destination.discard(staging);
        }
        throw ExportError("cannot write '" + folder.u8string() + "': " + failure.what(), folder,
                          ErrorKind::FileSystem);
    } catch (...) {
        if (!staging.empty()) {
            destination.discard(staging);
        }
        throw;
    }
    return inPlace;
}

}  // namespace

std::string toString(ExportFormat format) {
    switch (format) {
        case ExportFormat::Onnx:
            return "onnx";
        case ExportFormat::Tfjs:
            return "tfjs";
        case ExportFormat::TorchScript:
            break;
    }
    return "torchscript";
}

ExportFormat exportFormatFromString(const std::string& name) {
    std::string lower;
    for (char c : name) {
        lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    for (ExportFormat format :
         {ExportFormat::TorchScript, ExportFormat::Onnx, ExportFormat::Tfjs}) {
        if (lower == toString(format)) {
            return format;
        }
    }
    throw std::invalid_argument("unknown export format '" + name +
                                "' (expected torchscript, onnx or tfjs)");
}

ExportResult exportModel(const TrainedModel& model, ExportFormat format, const fs::path& path,
                         const ExportOptions& options) {
    if (format == ExportFormat::Tfjs && options.selfContained) {
        throw ExportError(
            "TF.js exports take scaled float input, as Teachable Machine's models do; the "
            "self-contained variant exists for TorchScript and ONNX");
    }
    const exportgraph::Graph graph = exportgraph::buildGraph(model, options);
    if (format == ExportFormat::Tfjs) {
        return exportTfjsFolder(model, graph, path, options);
    }
    return exportFile(model, format, graph, path, options);
}

}  // namespace tl
