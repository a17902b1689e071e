// SPDX-License-Identifier: MIT
#include "export/TrainingPackage.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QUuid>

#include <sstream>

#include "nn/BackboneScript.h"
#include "support/CsvField.h"
#include "support/Errors.h"
#include "support/Paths.h"
#include "training/JsonConversions.h"

// The script and README live in a static library's resource: referenced explicitly so the
// linker keeps them. Q_INIT_RESOURCE must be used outside namespaces.
static void initTrainingPackageResource() {
    Q_INIT_RESOURCE(training_package);
}

namespace tl {

namespace fs = std::filesystem;

namespace {

constexpr int kFormatVersion = 1;
constexpr qint64 kMaxRecipeBytes = 16 << 20;

QByteArray resource(const char* name) {
    initTrainingPackageResource();
    QFile file(QStringLiteral(":/transferlab/training-package/") + name);
    if (!file.open(QIODevice::ReadOnly)) {
        throw Error(ErrorKind::Internal, std::string("missing built-in resource ") + name);
    }
    return file.readAll();
}

void writeFile(const fs::path& path, const QByteArray& bytes) {
    QSaveFile file(toQString(path));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        throw FileSystemError(
            "cannot write '" + path.u8string() + "': " + file.errorString().toStdString(), path);
    }
}

fs::path resolved(const fs::path& path) {
    std::error_code error;
    const fs::path canonical = fs::weakly_canonical(fs::absolute(path), error);
    return error ? fs::absolute(path).lexically_normal() : canonical;
}

bool isWithin(const fs::path& inner, const fs::path& outer) {
    const auto relative = inner.lexically_relative(outer);
    return !relative.empty() && *relative.begin() != "..";
}

bool isPackage(const fs::path& folder) {
    QFile file(toQString(folder / "recipe.json"));
    if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxRecipeBytes) {
        return false;
    }
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    return json.value("format").toString() == QLatin1String(TrainingPackage::kFormatTag);
}

bool isEmptyFolder(const fs::path& folder) {
    std::error_code error;
    return fs::is_directory(folder, error) && fs::is_empty(folder, error) && !error;
}

void checkDestination(const fs::path& folder, const std::vector<fs::path>& photoFolders) {
    const std::string name = "'" + folder.u8string() + "'";
    const fs::path target = resolved(folder);
    for (const fs::path& photos : photoFolders) {
        const fs::path dataset = resolved(photos);
        if (isWithin(target, dataset) || isWithin(dataset, target)) {
            throw UnsafeDestinationError("will not write the training package to " + name +
                                             ": it is inside or around the photo folder '" +
                                             photos.u8string() + "'",
                                         folder);
        }
    }
    std::error_code error;
    const auto status = fs::symlink_status(folder, error);
    if (!fs::exists(status)) {
        return;
    }
    if (!fs::is_directory(status)) {
        throw UnsafeDestinationError(
            "will not write the training package to " + name + ": it exists and is not a folder",
            folder);
    }
    if (!isEmptyFolder(folder) && !isPackage(folder)) {
        throw UnsafeDestinationError("will not write the training package to " + name +
                                         ": the folder is not empty and is not a TransferLab "
                                         "training package; choose a new or empty folder",
                                     folder);
    }
}

QByteArray manifestCsv(const ImageFolderDataset& dataset) {
    QByteArray csv = "path,relative_path,label,class,split\n";
    for (const ImageEntry& image : dataset.images()) {
        const QStringList fields = {
            toQString(fs::absolute(image.path)), QString::fromStdString(image.relativePath),
            QString::number(image.label),
            QString::fromStdString(dataset.classNames()[static_cast<size_t>(image.label)]),
            image.subset == Subset::Validation ? QStringLiteral("validation")
                                               : QStringLiteral("train")};
        QStringList quoted;
        for (const QString& field : fields) {
            quoted << csvField(field);
        }
        csv += quoted.join(',').toUtf8() + '\n';
    }
    return csv;
}

QJsonObject recipeJson(const ImageFolderDataset& dataset, const TrainingSettings& settings,
                       const LoadedBackbone& loaded) {
    const Backbone& backbone = *loaded.backbone;
    QJsonArray classes;
    for (const auto& name : dataset.classNames()) {
        classes.append(QString::fromStdString(name));
    }
    QJsonArray hidden;
    for (int64_t units : settings.hiddenUnits) {
        hidden.append(static_cast<qint64>(units));
    }
    const bool binary = dataset.classNames().size() == 2;
    const auto countOf = [&](Subset subset) {
        return static_cast<qint64>(dataset.subset(subset).size());
    };
    return {
        {"format", TrainingPackage::kFormatTag},
        {"version", kFormatVersion},
        {"created_by", QStringLiteral("TransferLab " TRANSFERLAB_VERSION)},
        {"classes", classes},
        {"input_size", backbone.spec().inputSize},
        {"preprocessing",
         QJsonObject{{"decode",
                      "full decode with the EXIF orientation (cv2.imdecode, "
                      "IMREAD_COLOR)"},
                     {"resize",
                      "to input_size x input_size (aspect ratio not kept): "
                      "cv2.INTER_AREA when shrinking in both directions, else "
                      "cv2.INTER_LINEAR"},
                     {"resize_definition", "r2"},
                     {"channels", "RGB"},
                     {"scale", QString::fromStdString(toString(backbone.preprocessing()))},
                     {"layout", "NCHW float32"}}},
        {"backbone",
         QJsonObject{{"file", "backbone.pt"},
                     {"reference", QString::fromStdString(loaded.reference)},
                     {"sha256", QString::fromStdString(loaded.sha256)},
                     {"architecture", QString::fromStdString(backbone.spec().architecture)},
                     {"alpha", backbone.spec().alpha},
                     {"channels", static_cast<qint64>(backbone.featureChannels())},
                     {"batchnorm_folded", true}}},
        {"head", QJsonObject{{"hidden_units", hidden},
                             {"dropout", settings.dropout},
                             {"output", binary ? "sigmoid" : "softmax"},
                             {"output_bias", true}}},
        {"training", QJsonObject{{"epochs", settings.epochs},
                                 {"batch_size", settings.batchSize},
                                 {"optimizer", settings.weightDecay > 0 ? "adamw" : "adam"},
                                 {"learning_rate", settings.learningRate},
                                 // LibTorch's Adam/AdamW defaults, which HeadTrainer uses.
                                 {"betas", QJsonArray{0.9, 0.999}},
                                 {"eps", 1e-8},
                                 {"weight_decay", settings.weightDecay},
                                 {"label_smoothing", settings.labelSmoothing},
                                 {"class_weights", settings.classWeights},
                                 {"early_stopping_patience", settings.earlyStoppingPatience},
                                 {"seed", static_cast<qint64>(settings.seed)}}},
        {"split", QJsonObject{{"validation_fraction", dataset.splitOptions().validationFraction},
                              {"seed", static_cast<qint64>(dataset.splitOptions().seed)},
                              {"train", countOf(Subset::Training)},
                              {"validation", countOf(Subset::Validation)}}},
        {"transferlab_settings", toJson(settings)}};
}

QByteArray backboneTorchScript(const Backbone& backbone) {
    std::ostringstream bytes;
    scriptMobileNetV2(dynamic_cast<const MobileNetV2&>(backbone)).save(bytes);
    const std::string data = bytes.str();
    return QByteArray(data.data(), static_cast<qsizetype>(data.size()));
}

}  // namespace

const std::vector<std::string>& TrainingPackage::fileNames() {
    static const std::vector<std::string> names{"manifest.csv", "backbone.pt", "train_ddp.py",
                                                "README.md", "recipe.json"};
    return names;
}

void TrainingPackage::checkSupported(const TrainingSettings& settings, const Backbone& backbone) {
    if (settings.augmentation.enabled) {
        throw Error(ErrorKind::InvalidInput,
                    "the training package trains on the photos' own features: augmentation "
                    "(--augment) is not part of it yet");
    }
    if (settings.fineTuneBlocks > 0) {
        throw Error(ErrorKind::InvalidInput,
                    "the training package trains the head on a frozen backbone: fine-tuning "
                    "(--fine-tune) is not part of it yet");
    }
    if (!dynamic_cast<const MobileNetV2*>(&backbone)) {
        throw ExportError("training packages of '" + backbone.spec().architecture +
                          "' backbones are not supported yet (MobileNetV2 only)");
    }
}

TrainingPackage::Summary TrainingPackage::write(const ImageFolderDataset& dataset,
                                                const TrainingSettings& settings,
                                                const LoadedBackbone& backbone,
                                                const fs::path& folder) {
    checkSupported(settings, *backbone.backbone);
    if (dataset.classNames().size() < 2) {
        throw DatasetError("a classifier needs at least two classes");
    }
    checkDestination(folder, dataset.photoFolders());

    // Everything is produced before the first file is written.
    const std::vector<std::pair<std::string, QByteArray>> files = {
        {"manifest.csv", manifestCsv(dataset)},
        {"backbone.pt", backboneTorchScript(*backbone.backbone)},
        {"train_ddp.py", resource("train_ddp.py")},
        {"README.md", resource("README.md")},
        // Last: an interrupted rewrite leaves the old recipe, naming the old package.
        {"recipe.json",
         QJsonDocument(recipeJson(dataset, settings, backbone)).toJson(QJsonDocument::Indented)}};

    std::error_code error;
    const bool exists = fs::exists(fs::symlink_status(folder, error));
    if (!exists) {
        // A new folder appears whole: written beside it, then renamed.
        const fs::path absolute = fs::absolute(folder).lexically_normal();
        const fs::path parent = absolute.parent_path();
        fs::create_directories(parent, error);
        const fs::path staging =
            parent / ("." + absolute.filename().u8string() + ".staging-" +
                      QUuid::createUuid().toString(QUuid::Id128).left(8).toStdString());
        // A staging name already taken is never used (nor removed below): it is not ours.
        if (!fs::create_directory(staging, error)) {
            throw FileSystemError("cannot create '" + staging.u8string() + "': " +
                                      (error ? error.message() : std::string("it already exists")),
                                  folder);
        }
        try {
            for (const auto& [name, bytes] : files) {
                writeFile(staging / name, bytes);
            }
            fs::rename(staging, absolute);
        } catch (const fs::filesystem_error& failure) {
            fs::remove_all(staging, error);  // only what this call just created
            throw FileSystemError("cannot create '" + folder.u8string() + "': " + failure.what(),
                                  folder);
        } catch (...) {
            fs::remove_all(staging, error);
            throw;
        }
    } else {
        for (const auto& [name, bytes] : files) {
            writeFile(folder / name, bytes);
        }
    }
    Summary summary;
    summary.folder = folder;
    summary.trainImages = dataset.subset(Subset::Training).size();
    summary.validationImages = dataset.subset(Subset::Validation).size();
    return summary;
}

}  // namespace tl
