// SPDX-License-Identifier: MIT
#include "importers/KerasH5Importer.h"

#include <QJsonDocument>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <set>

#include "importers/KerasLegacyNames.h"
#include "importers/KerasModelTopology.h"
#include "nn/BackboneFactory.h"
#include "nn/MobileNetV2.h"
#include "support/Errors.h"
#include "support/Hdf5Handle.h"

namespace tl {

namespace fs = std::filesystem;

namespace {

// Far beyond the largest supported network (ResNet-50: 25.6 M weights), far below what would
// exhaust memory: sizes a file declares are checked against these before anything is read.
constexpr int64_t kMaxDatasetElements = int64_t(1) << 28;
constexpr int64_t kMaxTotalElements = int64_t(1) << 29;
// Attributes hold layer and weight names: a few KB in real files.
constexpr int64_t kMaxAttributeBytes = int64_t(64) << 20;
constexpr int64_t kMaxAttributeStrings = 1 << 20;
// A compressed dataset may be smaller than its data, but not by more than this.
constexpr double kMaxCompressionRatio = 1000.0;

std::string shapeText(const std::vector<int64_t>& shape) {
    std::string text = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) {
        text += (i ? ", " : "") + std::to_string(shape[i]);
    }
    return text + "]";
}

// One open Keras file; every error names it.
class H5Reader {
public:
    explicit H5Reader(const fs::path& path) : path_(path) {}

    [[noreturn]] void fail(const std::string& what) const {
        throw ImportError("'" + path_.u8string() + "': " + what);
    }

    void open() {
        std::error_code error;
        if (!fs::is_regular_file(path_, error)) {
            throw ImportError("cannot open '" + path_.u8string() +
                              "': " + (fs::exists(path_, error) ? "not a file" : "no such file"));
        }
        if (!KerasH5Importer::hasHdf5Signature(path_)) {
            fail(path_.extension() == ".keras"
                     ? "a Keras 3 '.keras' archive, which is not supported: in Keras, save the "
                       "model with model.save('model.h5')"
                     : "not an HDF5 file (a Keras .h5 weight or model file was expected)");
        }
        file_ = hdf5File(H5Fopen(path_.u8string().c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
        if (!file_) {
            const std::string detail = hdf5ErrorText();
            if (detail.find("truncated") != std::string::npos) {
                fail("the file is truncated (an interrupted download or copy?): " + detail);
            }
            fail("the HDF5 file cannot be opened, it may be damaged" +
                 (detail.empty() ? std::string() : ": " + detail));
        }
    }

    // A file image in memory (the core driver, no backing file): the same reading code for
    // bytes that are not on disk.
    void openImage(const std::vector<char>& image) {
        static const char signature[8] = {'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};
        if (image.size() < sizeof signature ||
            std::memcmp(image.data(), signature, sizeof signature) != 0) {
            fail("not an HDF5 file (a Keras .h5 weight or model file was expected)");
        }
        Hdf5Handle access = hdf5PropertyList(H5Pcreate(H5P_FILE_ACCESS));
        if (!access || H5Pset_fapl_core(access.get(), 1 << 16, /*backing_store=*/0) < 0 ||
            H5Pset_file_image(access.get(), const_cast<char*>(image.data()), image.size()) < 0) {
            fail("the HDF5 image cannot be opened: " + hdf5ErrorText());
        }
        file_ = hdf5File(H5Fopen(path_.u8string().c_str(), H5F_ACC_RDONLY, access.get()));
        if (!file_) {
            fail("the HDF5 image cannot be opened, it may be damaged: " + hdf5ErrorText());
        }
    }

    hid_t file() const { return file_.get(); }

    Hdf5Handle group(hid_t parent, const std::string& name, const std::string& what) const {
        if (name != "/" && !pathExists(parent, name)) {
            fail(what + " is missing");
        }
        Hdf5Handle group = hdf5Group(H5Gopen2(parent, name.c_str(), H5P_DEFAULT));
        if (!group) {
            fail(what + " cannot be opened (damaged file?): " + hdf5ErrorText());
        }
        return group;
    }

    bool hasAttribute(hid_t object, const std::string& name) const {
        return H5Aexists(object, name.c_str()) > 0;
    }

    // A list-of-strings attribute, joining Keras's chunks ('name0', 'name1', ...); nullopt when
    // absent. Empty attributes of any type (Keras writes [] for weightless layers) read as [].
    std::optional<std::vector<std::string>> stringList(hid_t object,
                                                       const std::string& name) const {
        if (hasAttribute(object, name)) {
            return readStrings(object, name);
        }
        if (!hasAttribute(object, name + "0")) {
            return std::nullopt;
        }
        std::vector<std::string> joined;
        for (int chunk = 0; hasAttribute(object, name + std::to_string(chunk)); ++chunk) {
            for (auto& item : readStrings(object, name + std::to_string(chunk))) {
                joined.push_back(std::move(item));
            }
        }
        return joined;
    }

    std::string stringAttribute(hid_t object, const std::string& name) const {
        const auto strings = readStrings(object, name);
        return strings.empty() ? std::string() : strings.front();
    }

    // A numeric dataset as float32 in its stored shape.
    torch::Tensor dataset(hid_t group, const std::string& name, const std::string& layer) {
        if (!pathExists(group, name)) {
            fail("layer '" + layer + "': weight '" + name +
                 "' is listed but missing (truncated or damaged file?)");
        }
        Hdf5Handle data = hdf5Dataset(H5Dopen2(group, name.c_str(), H5P_DEFAULT));
        if (!data) {
            fail("layer '" + layer + "': weight '" + name +
                 "' cannot be opened: " + hdf5ErrorText());
        }
        const std::vector<int64_t> shape = datasetShape(data.get(), layer, name);
        checkStoredSize(data.get(), shape, layer, name);
        auto tensor = torch::empty(shape, torch::kFloat32);
        if (tensor.numel() > 0 && H5Dread(data.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL,
                                          H5P_DEFAULT, tensor.data_ptr<float>()) < 0) {
            fail("layer '" + layer + "': weight '" + name +
                 "' cannot be read (truncated or damaged file?): " + hdf5ErrorText());
        }
        return tensor;
    }

    // Checks a dataset like dataset() without reading it.
    void checkDataset(hid_t group, const std::string& name, const std::string& layer) {
        if (!pathExists(group, name)) {
            fail("layer '" + layer + "': weight '" + name + "' is listed but missing");
        }
        Hdf5Handle data = hdf5Dataset(H5Dopen2(group, name.c_str(), H5P_DEFAULT));
        if (!data) {
            fail("layer '" + layer + "': weight '" + name +
                 "' cannot be opened: " + hdf5ErrorText());
        }
        checkStoredSize(data.get(), datasetShape(data.get(), layer, name), layer, name);
    }

    // "a/b/kernel:0" exists when every path element does (H5Lexists only checks the last).
    static bool pathExists(hid_t group, const std::string& path) {
        size_t start = 0;
        while (true) {
            const size_t slash = path.find('/', start);
            const std::string prefix = path.substr(0, slash);
            if (prefix.empty() || H5Lexists(group, prefix.c_str(), H5P_DEFAULT) <= 0) {
                return false;
            }
            if (slash == std::string::npos) {
                return true;
            }
            start = slash + 1;
        }
    }

private:
    // What a dataset declares must be what the file stores, before anything is allocated: a
    // 2.5 MB file can declare a dataset of gigabytes that HDF5 would fill with zeros, or point
    // at an external file (/dev/zero).
    void checkStoredSize(hid_t data, const std::vector<int64_t>& shape, const std::string& layer,
                         const std::string& name) {
        const std::string what = "layer '" + layer + "': weight '" + name + "' ";
        int64_t count = 1;
        for (const int64_t dim : shape) {
            if (dim > kMaxDatasetElements) {
                fail(what + "declares shape " + shapeText(shape) + ", too large to be a weight");
            }
            count = std::min(count * dim, kMaxDatasetElements + 1);
        }
        if (count > kMaxDatasetElements) {
            fail(what + "declares shape " + shapeText(shape) + ", too large to be a weight");
        }
        totalElements_ += count;
        if (totalElements_ > kMaxTotalElements) {
            fail("the weights declare more than " + std::to_string(kMaxTotalElements) +
                 " values, far more than any supported network");
        }
        Hdf5Handle properties = hdf5PropertyList(H5Dget_create_plist(data));
        const H5D_layout_t layout = H5Pget_layout(properties.get());
        if (layout == H5D_VIRTUAL || H5Pget_external_count(properties.get()) > 0) {
            fail(what + "refers to data outside the file, which is not supported");
        }
        if (count == 0) {
            return;
        }
        Hdf5Handle type = hdf5Type(H5Dget_type(data));
        const double declared =
            static_cast<double>(count) * static_cast<double>(H5Tget_size(type.get()));
        const double stored = static_cast<double>(H5Dget_storage_size(data));
        const bool compressed = layout == H5D_CHUNKED && H5Pget_nfilters(properties.get()) > 0;
        if (compressed ? stored * kMaxCompressionRatio < declared : stored < declared) {
            fail(what + "declares shape " + shapeText(shape) + " (" +
                 std::to_string(static_cast<int64_t>(declared)) + " bytes) but the file stores " +
                 std::to_string(static_cast<int64_t>(stored)) +
                 " bytes for it (truncated or damaged file?)");
        }
    }

    std::vector<int64_t> datasetShape(hid_t data, const std::string& layer,
                                      const std::string& name) const {
        Hdf5Handle type = hdf5Type(H5Dget_type(data));
        const H5T_class_t typeClass = H5Tget_class(type.get());
        if (typeClass != H5T_FLOAT && typeClass != H5T_INTEGER) {
            fail("layer '" + layer + "': weight '" + name + "' is not numeric");
        }
        Hdf5Handle space = hdf5Space(H5Dget_space(data));
        const int rank = H5Sget_simple_extent_ndims(space.get());
        if (rank < 0) {
            fail("layer '" + layer + "': weight '" + name + "' has no valid shape");
        }
        std::vector<hsize_t> dims(rank);
        H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
        return std::vector<int64_t>(dims.begin(), dims.end());
    }

    std::vector<std::string> readStrings(hid_t object, const std::string& name) const {
        Hdf5Handle attribute = hdf5Attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT));
        if (!attribute) {
            fail("attribute '" + name + "' cannot be read: " + hdf5ErrorText());
        }
        Hdf5Handle space = hdf5Space(H5Aget_space(attribute.get()));
        const hssize_t count = H5Sget_simple_extent_npoints(space.get());
        if (count <= 0) {
            return {};
        }
        Hdf5Handle type = hdf5Type(H5Aget_type(attribute.get()));
        if (H5Tget_class(type.get()) != H5T_STRING) {
            fail("attribute '" + name + "' is not text");
        }
        const auto stringBytes = static_cast<int64_t>(H5Tget_size(type.get()));
        if (count > kMaxAttributeStrings ||
            (H5Tis_variable_str(type.get()) <= 0 &&
             (stringBytes <= 0 || stringBytes > kMaxAttributeBytes / count))) {
            fail("attribute '" + name + "' declares " + std::to_string(count) + " strings of " +
                 std::to_string(stringBytes) + " bytes: too large for names");
        }
        std::vector<std::string> strings;
        if (H5Tis_variable_str(type.get()) > 0) {
            Hdf5Handle memory = hdf5Type(H5Tcopy(H5T_C_S1));
            H5Tset_size(memory.get(), H5T_VARIABLE);
            H5Tset_cset(memory.get(), H5Tget_cset(type.get()));
            std::vector<char*> pointers(count, nullptr);
            if (H5Aread(attribute.get(), memory.get(), pointers.data()) < 0) {
                fail("attribute '" + name + "' cannot be read: " + hdf5ErrorText());
            }
            for (char* text : pointers) {
                strings.emplace_back(text ? text : "");
            }
            H5Dvlen_reclaim(memory.get(), space.get(), H5P_DEFAULT, pointers.data());
            return strings;
        }
        const size_t size = H5Tget_size(type.get());
        std::vector<char> buffer(size * count);
        if (H5Aread(attribute.get(), type.get(), buffer.data()) < 0) {
            fail("attribute '" + name + "' cannot be read: " + hdf5ErrorText());
        }
        for (hssize_t i = 0; i < count; ++i) {
            const char* text = buffer.data() + i * size;
            std::string value(text, strnlen(text, size));
            while (!value.empty() && value.back() == ' ') {  // space-padded strings
                value.pop_back();
            }
            strings.push_back(std::move(value));
        }
        return strings;
    }

    fs::path path_;
    Hdf5Handle file_;
    int64_t totalElements_ = 0;
};

struct WeightsRoot {
    Hdf5Handle group;
    std::vector<std::string> layerNames;
    std::optional<QJsonObject> modelConfig;
    std::string kerasVersion;
};

QJsonObject parseModelConfig(const H5Reader& reader, const std::string& json) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(json), &error);
    if (!document.isObject()) {
        reader.fail("the 'model_config' attribute is not valid JSON: " +
                    error.errorString().toStdString());
    }
    return document.object();
}

// The group holding the layer groups: the root of a weights file, 'model_weights' of a model.
WeightsRoot openWeightsRoot(const H5Reader& reader) {
    WeightsRoot root;
    Hdf5Handle top = reader.group(reader.file(), "/", "the root group");
    if (reader.hasAttribute(top.get(), "model_config")) {
        root.modelConfig =
            parseModelConfig(reader, reader.stringAttribute(top.get(), "model_config"));
        root.group = reader.group(top.get(), "model_weights",
                                  "the 'model_weights' group of the saved model");
    } else {
        root.group = std::move(top);
    }
    if (reader.hasAttribute(root.group.get(), "keras_version")) {
        root.kerasVersion = reader.stringAttribute(root.group.get(), "keras_version");
    }
    auto layerNames = reader.stringList(root.group.get(), "layer_names");
    if (!layerNames) {
        reader.fail(
            "not a Keras weight file: there is no 'layer_names' attribute (Keras 3 "
            "'.weights.h5' files are not supported: save with model.save('model.h5') or, in "
            "Keras 2, model.save_weights('weights.h5'))");
    }
    root.layerNames = std::move(*layerNames);
    return root;
}

struct RawWeight {
    std::string layer;
    std::string weight;
    torch::Tensor tensor;
};

KerasH5Contents readContents(H5Reader& reader) {
    WeightsRoot root = openWeightsRoot(reader);

    std::vector<RawWeight> raw;
    for (const auto& layerName : root.layerNames) {
        Hdf5Handle group = reader.group(root.group.get(), layerName, "layer '" + layerName + "'");
        const auto weightNames = reader.stringList(group.get(), "weight_names");
        for (const auto& weightName : weightNames.value_or(std::vector<std::string>{})) {
            // "Conv1/kernel:0" in a layer, "Conv1/kernel:0" or "base/Conv1/kernel:0" in a nested
            // model; Keras 3 writes bare "kernel", which belongs to the group's own layer.
            auto [layer, weight] = KerasWeights::splitName(weightName);
            raw.push_back({layer.empty() ? layerName : layer, weight,
                           reader.dataset(group.get(), weightName, layerName)});
        }
    }

    std::vector<std::string> rawLayers = root.layerNames;
    for (const auto& item : raw) {
        rawLayers.push_back(item.layer);
    }
    const auto renames = modernKerasLayerNames(rawLayers);
    auto modern = [&](const std::string& name) {
        const auto found = renames.find(name);
        return found == renames.end() ? name : found->second;
    };

    KerasH5Contents contents;
    contents.modelConfig = std::move(root.modelConfig);
    contents.kerasVersion = std::move(root.kerasVersion);
    for (const auto& name : root.layerNames) {
        contents.layerNames.push_back(modern(name));
    }
    for (auto& item : raw) {
        const std::string layer = modern(item.layer);
        if (contents.weights.contains(layer, item.weight)) {
            reader.fail("weight '" + item.weight + "' of layer '" + layer +
                        "' appears twice in the file");
        }
        contents.weights.add(layer, item.weight, std::move(item.tensor));
    }
    return contents;
}

}  // namespace

bool KerasH5Importer::hasHdf5Signature(const fs::path& path) {
    static const char signature[8] = {'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};
    std::ifstream file(path, std::ios::binary);
    char head[8] = {};
    return file.read(head, sizeof head) && std::memcmp(head, signature, sizeof head) == 0;
}

KerasH5Contents KerasH5Importer::read(const fs::path& path) {
    Hdf5Session session;
    H5Reader reader(path);
    reader.open();
    return readContents(reader);
}

KerasH5Contents KerasH5Importer::readImage(const std::vector<char>& image,
                                           const std::string& name) {
    Hdf5Session session;
    H5Reader reader(fs::u8path(name));
    reader.openImage(image);
    return readContents(reader);
}

size_t KerasH5Importer::checkStructure(const fs::path& path) {
    Hdf5Session session;
    H5Reader reader(path);
    reader.open();
    WeightsRoot root = openWeightsRoot(reader);
    size_t count = 0;
    for (const auto& layerName : root.layerNames) {
        Hdf5Handle group = reader.group(root.group.get(), layerName, "layer '" + layerName + "'");
        for (const auto& weightName :
             reader.stringList(group.get(), "weight_names").value_or(std::vector<std::string>{})) {
            reader.checkDataset(group.get(), weightName, layerName);
            ++count;
        }
    }
    if (count == 0) {
        reader.fail("the file holds no weights");
    }
    return count;
}

BackboneSpec KerasH5Importer::specFromWeights(const KerasH5Contents& contents, int inputSize) {
    std::set<std::string> unique(contents.layerNames.begin(), contents.layerNames.end());
    for (const auto& name : contents.weights.layerNames()) {
        unique.insert(name);
    }
    const std::vector<std::string> names(unique.begin(), unique.end());
    BackboneSpec spec;
    spec.architecture = detectArchitecture(names);
    if (spec.architecture.empty()) {
        std::string sample;
        for (size_t i = 0; i < contents.layerNames.size() && i < 4; ++i) {
            sample += (i ? "', '" : "'") + contents.layerNames[i];
        }
        throw ImportError(
            "no supported base network in the weights (expected the Keras layer names of "
            "MobileNetV2, Inception v3 or ResNet-50" +
            (sample.empty() ? std::string(")")
                            : std::string("; the file has ") + sample + "', ...)"));
    }
    spec.alpha = 1.0;
    if (spec.architecture == "mobilenet_v2") {
        const auto& kernel = contents.weights.get("block_16_project", "kernel");
        if (kernel.dim() != 4) {
            throw ImportError("layer 'block_16_project': kernel must have 4 dimensions");
        }
        spec.alpha = MobileNetV2::alphaFromBlock16Filters(kernel.size(3));
    }
    spec.inputSize = inputSize > 0 ? inputSize : (spec.architecture == "inception_v3" ? 299 : 224);
    return spec;
}

ImportedModel KerasH5Importer::import(const fs::path& path, int inputSize) {
    const KerasH5Contents contents = read(path);
    const std::string where = "'" + path.u8string() + "': ";
    try {
        ImportedModel model;
        model.format = "keras-h5";
        std::optional<KerasModelTopology> topology;
        BackboneSpec spec;
        if (contents.modelConfig) {
            topology = KerasModelTopology::fromJson(*contents.modelConfig);
            spec = topology->backboneSpec();
            if (inputSize > 0) {
                spec.inputSize = inputSize;
            }
        } else {
            spec = specFromWeights(contents, inputSize);
        }
        model.backbone = createBackbone(spec);
        model.backbone->loadKerasWeights(contents.weights);
        if (topology) {
            if (const auto headConfig = topology->headConfig(model.backbone->featureChannels())) {
                model.head = std::make_shared<ClassifierHead>(*headConfig);
                std::vector<std::string> denseNames;
                for (const auto& layer : topology->headDenseLayers()) {
                    denseNames.push_back(layer.name);
                }
                model.head->loadKerasWeights(contents.weights, denseNames);
                model.head->eval();
            }
        }
        return model;
    } catch (const ImportError& error) {
        throw ImportError(where + error.what());
    }
}

}  // namespace tl
