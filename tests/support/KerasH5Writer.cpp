// SPDX-License-Identifier: MIT
#include "KerasH5Writer.h"

#include <QJsonDocument>

#include <algorithm>
#include <optional>
#include <set>
#include <stdexcept>

#include "nn/Backbone.h"
#include "support/Hdf5Handle.h"

namespace tl {

namespace fs = std::filesystem;

namespace {

// Keras's per-layer weight order; names outside this list are not written.
const std::vector<std::string>& kerasWeightOrder() {
    static const std::vector<std::string> order = {
        "kernel", "depthwise_kernel", "pointwise_kernel", "bias", "gamma",
        "beta",   "moving_mean",      "moving_variance"};
    return order;
}

bool isMovingStatistic(const std::string& weight) {
    return weight == "moving_mean" || weight == "moving_variance";
}

// The HDF5 format tf.keras 2 writes; readers only look for "1" (Keras 1 layouts).
constexpr const char* kKerasVersion = "2.15.0";

class H5Writer {
public:
    H5Writer(const fs::path& path, const KerasH5WriteOptions& options)
        : path_(path), options_(options) {}

    [[noreturn]] void fail(const std::string& what) const {
        const std::string detail = hdf5ErrorText();
        throw std::runtime_error("cannot write '" + path_.u8string() + "': " + what +
                                 (detail.empty() ? std::string() : " (" + detail + ")"));
    }

    void create() {
        // v1.8 object headers store attributes over 64 KiB (a whole model's JSON config).
        Hdf5Handle access = hdf5PropertyList(H5Pcreate(H5P_FILE_ACCESS));
        H5Pset_libver_bounds(access.get(), H5F_LIBVER_V18, H5F_LIBVER_LATEST);
        file_ =
            hdf5File(H5Fcreate(path_.u8string().c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access.get()));
        if (!file_) {
            fail("the file cannot be created");
        }
    }

    void close() {
        if (H5Fflush(file_.get(), H5F_SCOPE_GLOBAL) < 0) {
            fail("flushing failed");
        }
        file_.reset();
    }

    hid_t file() const { return file_.get(); }

    Hdf5Handle createGroup(hid_t parent, const std::string& name) const {
        Hdf5Handle group =
            hdf5Group(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        if (!group) {
            fail("group '" + name + "' cannot be created");
        }
        return group;
    }

    void stringAttribute(hid_t object, const std::string& name, const std::string& value) const {
        writeStrings(object, name, {value}, /*scalar=*/true);
    }

    // Keras's save_attributes_to_hdf5_group: one attribute, or chunks 'name0', 'name1', ... when
    // the list is longer than the object header limit.
    void stringList(hid_t object, const std::string& name,
                    const std::vector<std::string>& values) const {
        size_t longest = 1;
        for (const auto& value : values) {
            longest = std::max(longest, value.size());
        }
        const size_t chunkItems =
            std::max<size_t>(1, options_.attributeChunkBytes / std::max<size_t>(1, longest));
        if (values.size() <= chunkItems) {
            writeStrings(object, name, values, false);
            return;
        }
        for (size_t start = 0, chunk = 0; start < values.size(); start += chunkItems, ++chunk) {
            const auto end = values.begin() + std::min(values.size(), start + chunkItems);
            writeStrings(object, name + std::to_string(chunk),
                         std::vector<std::string>(values.begin() + start, end), false);
        }
    }

    void dataset(hid_t group, const std::string& name, const torch::Tensor& tensor) const {
        const torch::Tensor data = tensor.detach().to(torch::kFloat32).contiguous();
        std::vector<hsize_t> dims(data.sizes().begin(), data.sizes().end());
        Hdf5Handle space = hdf5Space(
            dims.empty() ? H5Screate(H5S_SCALAR)
                         : H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr));
        // "Conv1/kernel:0" inside group "Conv1" creates the intermediate group, as h5py does.
        Hdf5Handle links = hdf5PropertyList(H5Pcreate(H5P_LINK_CREATE));
        H5Pset_create_intermediate_group(links.get(), 1);
        Hdf5Handle set = hdf5Dataset(H5Dcreate2(group, name.c_str(), H5T_IEEE_F32LE, space.get(),
                                                links.get(), H5P_DEFAULT, H5P_DEFAULT));
        if (!set || H5Dwrite(set.get(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT,
                             data.data_ptr<float>()) < 0) {
            fail("weight '" + name + "' cannot be written");
        }
    }

private:
    void writeStrings(hid_t object, const std::string& name, const std::vector<std::string>& values,
                      bool scalar) const {
        Hdf5Handle type = hdf5Type(H5Tcopy(H5T_C_S1));
        size_t longest = 1;
        for (const auto& value : values) {
            longest = std::max(longest, value.size());
        }
        const hsize_t count = values.size();
        Hdf5Handle space =
            hdf5Space(scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &count, nullptr));
        Hdf5Handle attribute;
        herr_t status = -1;
        if (options_.variableLengthStrings) {
            H5Tset_size(type.get(), H5T_VARIABLE);
            H5Tset_cset(type.get(), H5T_CSET_UTF8);
            attribute = hdf5Attribute(H5Acreate2(object, name.c_str(), type.get(), space.get(),
                                                 H5P_DEFAULT, H5P_DEFAULT));
            std::vector<const char*> pointers;
            for (const auto& value : values) {
                pointers.push_back(value.c_str());
            }
            if (attribute) {
                status = H5Awrite(attribute.get(), type.get(), pointers.data());
            }
        } else {
            H5Tset_size(type.get(), longest);
            H5Tset_strpad(type.get(), H5T_STR_NULLPAD);
            attribute = hdf5Attribute(H5Acreate2(object, name.c_str(), type.get(), space.get(),
                                                 H5P_DEFAULT, H5P_DEFAULT));
            std::vector<char> buffer(longest * std::max<size_t>(1, values.size()), '\0');
            for (size_t i = 0; i < values.size(); ++i) {
                std::copy(values[i].begin(), values[i].end(), buffer.begin() + i * longest);
            }
            if (attribute) {
                status = H5Awrite(attribute.get(), type.get(), buffer.data());
            }
        }
        if (status < 0) {
            fail("attribute '" + name + "' cannot be written");
        }
    }

    fs::path path_;
    KerasH5WriteOptions options_;
    Hdf5Handle file_;
};

void writeLayerGroups(const H5Writer& writer, hid_t root, const std::vector<KerasH5Layer>& layers) {
    std::vector<std::string> names;
    for (const auto& layer : layers) {
        names.push_back(layer.name);
    }
    writer.stringList(root, "layer_names", names);
    writer.stringAttribute(root, "backend", "tensorflow");
    writer.stringAttribute(root, "keras_version", kKerasVersion);
    for (const auto& layer : layers) {
        Hdf5Handle group = writer.createGroup(root, layer.name);
        std::vector<std::string> weightNames;
        for (const auto& [name, tensor] : layer.weights) {
            weightNames.push_back(name);
        }
        writer.stringList(group.get(), "weight_names", weightNames);
        for (const auto& [name, tensor] : layer.weights) {
            writer.dataset(group.get(), name, tensor);
        }
    }
}

// Writes to "<path>.writing" and renames it into place only once complete.
template <typename Body>
void writeAtomically(const fs::path& path, const KerasH5WriteOptions& options, Body body) {
    fs::path temporary = path;
    temporary += ".writing";
    {
        Hdf5Session session;
        std::optional<H5Writer> writer(std::in_place, temporary, options);
        try {
            writer->create();
            body(*writer);
            writer->close();
        } catch (...) {
            writer.reset();  // closes the file before it is removed
            std::error_code ignored;
            fs::remove(temporary, ignored);
            throw;
        }
    }
    std::error_code error;
    fs::rename(temporary, path, error);
    if (error) {
        fs::remove(temporary, error);
        throw std::runtime_error("cannot write '" + path.u8string() + "': " + error.message());
    }
}

std::vector<std::string> orderedLayers(const KerasWeights& weights,
                                       const std::vector<std::string>& order) {
    std::vector<std::string> layers;
    std::set<std::string> seen;
    for (const auto& name : order) {
        if (weights.hasLayer(name) && seen.insert(name).second) {
            layers.push_back(name);
        }
    }
    for (const auto& name : weights.layerNames()) {
        if (seen.insert(name).second) {
            layers.push_back(name);
        }
    }
    return layers;
}

}  // namespace

void KerasH5Writer::writeWeights(const fs::path& path, const std::vector<KerasH5Layer>& layers,
                                 const KerasH5WriteOptions& options) {
    writeAtomically(path, options,
                    [&](H5Writer& writer) { writeLayerGroups(writer, writer.file(), layers); });
}

void KerasH5Writer::writeModel(const fs::path& path, const QJsonObject& modelConfig,
                               const std::vector<KerasH5Layer>& layers,
                               const KerasH5WriteOptions& options) {
    writeAtomically(path, options, [&](H5Writer& writer) {
        Hdf5Handle root = hdf5Group(H5Gopen2(writer.file(), "/", H5P_DEFAULT));
        writer.stringAttribute(root.get(), "keras_version", kKerasVersion);
        writer.stringAttribute(root.get(), "backend", "tensorflow");
        writer.stringAttribute(
            root.get(), "model_config",
            QJsonDocument(modelConfig).toJson(QJsonDocument::Compact).toStdString());
        Hdf5Handle weights = writer.createGroup(root.get(), "model_weights");
        writeLayerGroups(writer, weights.get(), layers);
    });
}

std::vector<KerasH5Layer> KerasH5Writer::layersFrom(const KerasWeights& weights,
                                                    const std::vector<std::string>& order) {
    std::vector<KerasH5Layer> layers;
    for (const auto& layerName : orderedLayers(weights, order)) {
        KerasH5Layer layer{layerName, {}};
        for (const auto& weight : kerasWeightOrder()) {
            if (weights.contains(layerName, weight)) {
                layer.weights.emplace_back(layerName + "/" + weight + ":0",
                                           weights.get(layerName, weight));
            }
        }
        layers.push_back(std::move(layer));
    }
    return layers;
}

KerasH5Layer KerasH5Writer::nestedModel(const std::string& name, const KerasWeights& weights,
                                        const std::vector<std::string>& order) {
    KerasH5Layer nested{name, {}};
    const auto layers = orderedLayers(weights, order);
    for (bool statistics : {false, true}) {
        for (const auto& layerName : layers) {
            for (const auto& weight : kerasWeightOrder()) {
                if (isMovingStatistic(weight) == statistics &&
                    weights.contains(layerName, weight)) {
                    nested.weights.emplace_back(layerName + "/" + weight + ":0",
                                                weights.get(layerName, weight));
                }
            }
        }
    }
    return nested;
}

std::vector<std::string> KerasH5Writer::layerOrder(torch::nn::Module& module) {
    std::vector<std::string> order;
    for (const auto& child : module.named_children()) {
        order.push_back(child.key());
    }
    return order;
}

void KerasH5Writer::writeBackboneWeights(const fs::path& path, Backbone& backbone,
                                         const KerasH5WriteOptions& options) {
    writeWeights(path, layersFrom(backbone.toKerasWeights(), layerOrder(backbone)), options);
}

}  // namespace tl
