// SPDX-License-Identifier: MIT
// The Keras .h5 importer's own layer: attributes (layer and weight name lists, model_config),
// groups and datasets of any type and declared shape, as KerasH5Importer reads them. The input
// is a small text program that builds a well-formed HDF5 file in memory; HDF5's own parser is
// not the target (it is Debian's library), the importer's handling of what a file may hold is.
//
//   attr PATH NAME fixed|vlen|int|empty [VALUE...]   an attribute on "/" or a group
//   group PATH                                       a group ("a/b" creates both)
//   data PATH f32|f64|i32|u8|str DIM... [!]          a dataset; '!' leaves it without data
//   config JSON...                                   the root's model_config attribute
#include <hdf5.h>

#include <QList>
#include <QString>
#include <QStringList>

#include <string>
#include <vector>

#include "FuzzSupport.h"
#include "importers/KerasH5Importer.h"
#include "importers/KerasModelTopology.h"
#include "support/Errors.h"
#include "support/Hdf5Handle.h"

namespace {

constexpr hsize_t kMaxWrittenElements = 1 << 16;
constexpr int kMaxCommands = 200;

hid_t typeFor(const QString& name) {
    if (name == "f64") {
        return H5T_IEEE_F64LE;
    }
    if (name == "i32") {
        return H5T_STD_I32LE;
    }
    if (name == "u8") {
        return H5T_STD_U8LE;
    }
    return H5T_IEEE_F32LE;
}

void stringAttribute(hid_t object, const std::string& name, const QStringList& values,
                     bool variable) {
    std::vector<std::string> texts;
    std::size_t longest = 1;
    for (const QString& value : values) {
        texts.push_back(value.toStdString());
        longest = std::max(longest, texts.back().size());
    }
    tl::Hdf5Handle type = tl::hdf5Type(H5Tcopy(H5T_C_S1));
    H5Tset_size(type.get(), variable ? H5T_VARIABLE : longest);
    const hsize_t count = texts.size();
    tl::Hdf5Handle space = tl::hdf5Space(H5Screate_simple(1, &count, nullptr));
    tl::Hdf5Handle attribute = tl::hdf5Attribute(
        H5Acreate2(object, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT));
    if (!attribute) {
        return;
    }
    if (variable) {
        std::vector<const char*> pointers;
        for (const auto& text : texts) {
            pointers.push_back(text.c_str());
        }
        H5Awrite(attribute.get(), type.get(), pointers.data());
    } else {
        std::vector<char> buffer(longest * texts.size(), '\0');
        for (std::size_t i = 0; i < texts.size(); ++i) {
            texts[i].copy(buffer.data() + i * longest, longest);
        }
        H5Awrite(attribute.get(), type.get(), buffer.data());
    }
}

void otherAttribute(hid_t object, const std::string& name, const QString& kind,
                    const QStringList& values) {
    if (kind == "empty") {
        tl::Hdf5Handle space = tl::hdf5Space(H5Screate(H5S_NULL));
        tl::Hdf5Handle attribute = tl::hdf5Attribute(H5Acreate2(
            object, name.c_str(), H5T_IEEE_F32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT));
        return;
    }
    std::vector<int> numbers;
    for (const QString& value : values) {
        numbers.push_back(value.toInt());
    }
    if (numbers.empty()) {
        numbers.push_back(0);
    }
    const hsize_t count = numbers.size();
    tl::Hdf5Handle space = tl::hdf5Space(H5Screate_simple(1, &count, nullptr));
    tl::Hdf5Handle attribute = tl::hdf5Attribute(
        H5Acreate2(object, name.c_str(), H5T_STD_I32LE, space.get(), H5P_DEFAULT, H5P_DEFAULT));
    if (attribute) {
        H5Awrite(attribute.get(), H5T_NATIVE_INT, numbers.data());
    }
}

// Opens PATH in `file` (creating missing groups) and returns it; "/" is the root.
tl::Hdf5Handle openGroup(hid_t file, const QString& path) {
    tl::Hdf5Handle group = tl::hdf5Group(H5Gopen2(file, "/", H5P_DEFAULT));
    for (const QString& part : path.split('/', Qt::SkipEmptyParts)) {
        const std::string name = part.toStdString();
        tl::Hdf5Handle next = tl::hdf5Group(
            H5Lexists(group.get(), name.c_str(), H5P_DEFAULT) > 0
                ? H5Gopen2(group.get(), name.c_str(), H5P_DEFAULT)
                : H5Gcreate2(group.get(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
        if (!next) {
            return {};
        }
        group = std::move(next);
    }
    return group;
}

void dataset(hid_t file, const QString& path, const QStringList& words) {
    const QString parent = path.section('/', 0, -2);
    const std::string name = path.section('/', -1).toStdString();
    tl::Hdf5Handle group = openGroup(file, parent);
    if (!group || name.empty() || words.size() < 2) {
        return;
    }
    const bool withoutData = words.last() == "!";
    std::vector<hsize_t> dims;
    hsize_t count = 1;
    for (int i = 2; i < words.size() && dims.size() < 8; ++i) {
        bool ok = false;
        const hsize_t dim = words[i].toULongLong(&ok);
        if (ok) {
            dims.push_back(dim);
            count = dim != 0 && count > (hsize_t(1) << 62) / dim ? (hsize_t(1) << 62) : count * dim;
        }
    }
    const bool isString = words[1] == "str";
    tl::Hdf5Handle type = tl::hdf5Type(H5Tcopy(isString ? H5T_C_S1 : typeFor(words[1])));
    if (isString) {
        H5Tset_size(type.get(), 4);
    }
    tl::Hdf5Handle space =
        tl::hdf5Space(dims.empty() ? H5Screate(H5S_SCALAR)
                                   : H5Screate_simple(int(dims.size()), dims.data(), nullptr));
    tl::Hdf5Handle properties = tl::hdf5PropertyList(H5Pcreate(H5P_DATASET_CREATE));
    H5Pset_alloc_time(properties.get(), H5D_ALLOC_TIME_LATE);
    tl::Hdf5Handle data =
        tl::hdf5Dataset(H5Dcreate2(group.get(), name.c_str(), type.get(), space.get(), H5P_DEFAULT,
                                   properties.get(), H5P_DEFAULT));
    if (!data || withoutData || count > kMaxWrittenElements) {
        return;
    }
    std::vector<char> values(std::size_t(count) * H5Tget_size(type.get()));
    for (std::size_t i = 0; i < values.size(); ++i) {
        values[i] = char(i * 7 + 1);
    }
    H5Dwrite(data.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
}

// Builds the file the program describes and returns its bytes (empty when HDF5 refused).
std::vector<char> buildFile(const QString& program) {
    tl::Hdf5Handle access = tl::hdf5PropertyList(H5Pcreate(H5P_FILE_ACCESS));
    H5Pset_fapl_core(access.get(), 1 << 16, /*backing_store=*/0);
    tl::Hdf5Handle file =
        tl::hdf5File(H5Fcreate("fuzz.h5", H5F_ACC_TRUNC, H5P_DEFAULT, access.get()));
    if (!file) {
        return {};
    }
    int commands = 0;
    for (const QString& line : program.split('\n')) {
        if (++commands > kMaxCommands) {
            break;
        }
        const QStringList words = line.split(' ', Qt::SkipEmptyParts);
        if (words.size() < 2) {
            continue;
        }
        if (words[0] == "config") {
            tl::Hdf5Handle root = openGroup(file.get(), "/");
            stringAttribute(root.get(), "model_config", {line.mid(7)}, false);
        } else if (words[0] == "group") {
            openGroup(file.get(), words[1]);
        } else if (words[0] == "data") {
            dataset(file.get(), words[1], words.mid(1));
        } else if (words[0] == "attr" && words.size() >= 4) {
            tl::Hdf5Handle object = openGroup(file.get(), words[1]);
            if (!object) {
                continue;
            }
            const std::string name = words[2].toStdString();
            if (words[3] == "fixed" || words[3] == "vlen") {
                stringAttribute(object.get(), name, words.mid(4), words[3] == "vlen");
            } else {
                otherAttribute(object.get(), name, words[3], words.mid(4));
            }
        }
    }
    H5Fflush(file.get(), H5F_SCOPE_GLOBAL);
    const ssize_t size = H5Fget_file_image(file.get(), nullptr, 0);
    if (size <= 0) {
        return {};
    }
    std::vector<char> image(static_cast<std::size_t>(size));
    H5Fget_file_image(file.get(), image.data(), image.size());
    return image;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 8192) {
        return 0;
    }
    std::vector<char> image;
    {
        tl::Hdf5Session session;  // also silences HDF5's error printing while building
        image = buildFile(QString::fromUtf8(reinterpret_cast<const char*>(data), qsizetype(size)));
    }
    if (image.empty()) {
        return 0;
    }
    try {
        const tl::KerasH5Contents contents = tl::KerasH5Importer::readImage(image, "fuzz.h5");
        if (contents.modelConfig) {
            try {
                tl::KerasModelTopology::fromJson(*contents.modelConfig).backboneSpec();
            } catch (const tl::Error&) {
            }
        }
        tl::KerasH5Importer::specFromWeights(contents, 96);
        tl::fuzz::markParsed();
    } catch (const tl::Error&) {
    }
    return 0;
}
