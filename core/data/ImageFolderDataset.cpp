// SPDX-License-Identifier: MIT
#include "data/ImageFolderDataset.h"

#include "data/ClassName.h"
#include "data/ImageDecoder.h"
#include "data/ImageFiles.h"
#include "support/Errors.h"
#include "support/RegularFile.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <system_error>
#include <tuple>

namespace fs = std::filesystem;

namespace tl {
namespace {

// FNV-1a is tiny and fully specified, so the split is identical on every platform and
// compiler (std::hash is not).
uint64_t fnv1a64(const std::string& text) {
    uint64_t hash = 14695981039346656037ull;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
    return hash;
}

// splitmix64's finaliser: spreads FNV's weak high bits and mixes the seed in thoroughly, so
// neighbouring seeds give unrelated splits.
uint64_t mix64(uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

// Uniform in [0, 1): the top 53 bits are exactly representable in a double.
double splitKey(const std::string& relativePath, uint64_t seed) {
    const uint64_t hash = mix64(fnv1a64(relativePath) ^ mix64(seed));
    return static_cast<double>(hash >> 11) * 0x1.0p-53;
}

Subset subsetForKey(double key, double validationFraction) {
    return key < validationFraction ? Subset::Validation : Subset::Training;
}

// The relative path whose key decides a photo's side: its own, or its group's first member.
const std::string& splitAnchor(const std::string& relativePath, const SplitOptions& options) {
    for (const auto& group : options.keepTogether) {
        if (std::find(group.begin(), group.end(), relativePath) != group.end()) {
            return *std::min_element(group.begin(), group.end());
        }
    }
    return relativePath;
}

void checkSplitOptions(const SplitOptions& options) {
    if (!(options.validationFraction >= 0.0 && options.validationFraction <= 1.0)) {
        throw std::invalid_argument("validation fraction must be between 0 and 1");
    }
}

std::string utf8(const fs::path& path) {
    return path.u8string();
}

bool isHidden(const fs::path& path) {
    const std::string name = utf8(path.filename());
    return !name.empty() && name.front() == '.';
}

// "data/" and "data" must give the same relative paths, hence the same split.
fs::path normalizedRoot(const fs::path& root) {
    fs::path normal = root.lexically_normal();
    if (!normal.has_filename() && normal.has_relative_path()) {
        normal = normal.parent_path();
    }
    return normal;
}

// Only the first bytes are read: listing stays fast on big datasets, and files that are
// truncated further in are caught by the decoder instead. Only regular files are opened (a
// FIFO named x.jpg would block the scan forever).
std::optional<std::string> unusableReason(const fs::path& file) {
    RegularFile in(file);
    if (!in.isOpen()) {
        return in.problem();
    }
    if (in.size() == 0) {
        return std::string("empty file");
    }
    if (std::string problem = ImageLimits::current().fileSizeProblem(in.size()); !problem.empty()) {
        return problem;
    }
    unsigned char head[12] = {};
    const std::size_t count = in.read(head, sizeof(head));
    if (!in.isOpen()) {
        return in.problem();
    }
    if (count == 0) {
        return std::string("empty file");
    }
    if (!ImageDecoder::detectFormat(head, count)) {
        return std::string("not an image or corrupt (no JPEG, PNG, BMP or WebP header)");
    }
    return std::nullopt;
}

struct ClassFolder {
    std::string name;  // UTF-8
    fs::path path;
};

std::vector<ClassFolder> listClassFolders(const fs::path& root, std::vector<SkippedFile>& skipped) {
    std::vector<ClassFolder> folders;
    std::error_code ec;
    for (fs::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
        std::error_code statusError;
        if (!isHidden(it->path()) && it->is_directory(statusError)) {
            const std::string name = utf8(it->path().filename());
            // A folder's name becomes a class name: one that breaks the class-name rule (a
            // control character, a backslash) is reported, not silently renamed.
            if (const std::string problem = ClassName::problem(name); !problem.empty()) {
                skipped.push_back({it->path(), "not used as a class: " + problem});
                continue;
            }
            folders.push_back({name, it->path()});
        }
    }
    if (ec) {
        throw DatasetError("Cannot read the dataset folder " + utf8(root) + ": " + ec.message());
    }
    // Byte order of UTF-8 equals code point order, i.e. Python's sorted() used by Keras.
    std::sort(folders.begin(), folders.end(),
              [](const ClassFolder& a, const ClassFolder& b) { return a.name < b.name; });
    return folders;
}

// Walks one class folder with an explicit stack (no recursion depth limit). Directory
// symlinks are followed, but each real folder is entered once, which ends link loops and
// avoids counting a photo twice.
void collectClassImages(const ClassFolder& folder, int label, std::vector<ImageEntry>& images,
                        std::vector<SkippedFile>& skipped) {
    std::set<fs::path> visited;
    std::vector<std::pair<fs::path, std::string>> pending{{folder.path, folder.name}};
    while (!pending.empty()) {
        const auto [dir, relativeDir] = pending.back();
        pending.pop_back();
        std::error_code ec;
        const fs::path real = fs::canonical(dir, ec);
        if (ec) {
            skipped.push_back({dir, "cannot read folder: " + ec.message()});
            continue;
        }
        if (!visited.insert(real).second) {
            continue;
        }
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            const fs::path& path = it->path();
            if (isHidden(path)) {
                continue;
            }
            const std::string relativePath = relativeDir + "/" + utf8(path.filename());
            std::error_code statusError;
            if (it->is_directory(statusError)) {
                pending.emplace_back(path, relativePath);
            } else if (ImageFiles::hasImageExtension(path)) {
                if (auto reason = unusableReason(path)) {
                    skipped.push_back({path, *reason});
                } else {
                    images.push_back({path, relativePath, label, Subset::Training});
                }
            }
        }
        if (ec) {
            skipped.push_back({dir, "cannot read folder: " + ec.message()});
        }
    }
}

std::string noImagesMessage(const fs::path& root, const std::vector<SkippedFile>& skipped) {
    std::string message = "No images in the class folders of " + utf8(root) +
                          " (looked for .jpg, .jpeg, .png, .bmp and .webp files)";
    if (!skipped.empty()) {
        message += "; " + std::to_string(skipped.size()) + " file(s) could not be used, e.g. " +
                   utf8(skipped.front().path) + ": " + skipped.front().reason;
    }
    return message;
}

void checkClassNames(const std::vector<std::string>& classNames) {
    if (classNames.empty()) {
        throw std::invalid_argument("a dataset needs at least one class");
    }
    std::set<std::string> unique;
    for (const std::string& name : classNames) {
        if (name.empty() || !unique.insert(name).second) {
            throw std::invalid_argument("class names must be non-empty and unique: '" + name + "'");
        }
    }
}

}  // namespace

ImageFolderDataset ImageFolderDataset::scan(const fs::path& root, const SplitOptions& options) {
    checkSplitOptions(options);
    std::error_code ec;
    if (!fs::exists(root, ec)) {
        throw DatasetError("Dataset folder not found: " + utf8(root));
    }
    if (!fs::is_directory(root, ec)) {
        throw DatasetError("Dataset path is not a folder: " + utf8(root));
    }
    ImageFolderDataset dataset;
    dataset.root_ = normalizedRoot(root);
    dataset.options_ = options;
    dataset.scanned_ = true;
    const std::vector<ClassFolder> folders = listClassFolders(root, dataset.skipped_);
    if (folders.empty()) {
        throw DatasetError("No class folders in " + utf8(root) +
                           ": put the images of each class in their own sub-folder, e.g. " +
                           utf8(root / "cats") + " and " + utf8(root / "dogs"));
    }
    for (std::size_t label = 0; label < folders.size(); ++label) {
        dataset.classNames_.push_back(folders[label].name);
        collectClassImages(folders[label], static_cast<int>(label), dataset.images_,
                           dataset.skipped_);
    }
    if (dataset.images_.empty()) {
        throw DatasetError(noImagesMessage(root, dataset.skipped_));
    }
    std::sort(dataset.skipped_.begin(), dataset.skipped_.end(),
              [](const SkippedFile& a, const SkippedFile& b) { return a.path < b.path; });
    dataset.sortImages();
    dataset.assignSubsets();
    return dataset;
}

std::vector<fs::path> ImageFolderDataset::photoFolders() const {
    if (scanned_) {
        return {root_};
    }
    std::set<fs::path> folders;
    for (const auto& image : images_) {
        folders.insert(image.path.parent_path());
    }
    return {folders.begin(), folders.end()};
}

ImageFolderDataset ImageFolderDataset::fromEntries(std::vector<std::string> classNames,
                                                   std::vector<std::pair<fs::path, int>> files,
                                                   const fs::path& root,
                                                   const SplitOptions& options) {
    checkSplitOptions(options);
    checkClassNames(classNames);
    if (files.empty()) {
        throw DatasetError("No labelled images in " + utf8(root));
    }
    ImageFolderDataset dataset;
    dataset.root_ = normalizedRoot(root);
    dataset.options_ = options;
    dataset.classNames_ = std::move(classNames);
    const int classCount = static_cast<int>(dataset.classNames_.size());
    for (auto& [file, label] : files) {
        if (label < 0 || label >= classCount) {
            throw std::invalid_argument("label " + std::to_string(label) + " out of range for " +
                                        utf8(file));
        }
        const fs::path full = (file.is_absolute() ? file : dataset.root_ / file).lexically_normal();
        dataset.images_.push_back(
            {full, relativePathOf(full, dataset.root_), label, Subset::Training});
    }
    dataset.sortImages();
    dataset.assignSubsets();
    return dataset;
}

std::string ImageFolderDataset::relativePathOf(const fs::path& file, const fs::path& root) {
    const fs::path base = normalizedRoot(root);
    const fs::path full = (file.is_absolute() ? file : base / file).lexically_normal();
    fs::path relative = full.lexically_relative(base);
    // On another drive (Windows) there is no relative form; the full path still hashes
    // deterministically.
    if (relative.empty()) {
        relative = full;
    }
    return relative.generic_u8string();
}

std::vector<ImageEntry> ImageFolderDataset::subset(Subset which) const {
    std::vector<ImageEntry> result;
    std::copy_if(images_.begin(), images_.end(), std::back_inserter(result),
                 [which](const ImageEntry& entry) { return entry.subset == which; });
    return result;
}

std::vector<int> ImageFolderDataset::countPerClass(Subset which) const {
    std::vector<int> counts(classNames_.size(), 0);
    for (const ImageEntry& entry : images_) {
        if (entry.subset == which) {
            ++counts[static_cast<std::size_t>(entry.label)];
        }
    }
    return counts;
}

Subset ImageFolderDataset::assignSubset(const std::string& relativePath,
                                        const SplitOptions& options) {
    checkSplitOptions(options);
    return subsetForKey(splitKey(splitAnchor(relativePath, options), options.seed),
                        options.validationFraction);
}

void ImageFolderDataset::sortImages() {
    std::sort(images_.begin(), images_.end(), [](const ImageEntry& a, const ImageEntry& b) {
        return std::tie(a.label, a.relativePath) < std::tie(b.label, b.relativePath);
    });
}

void ImageFolderDataset::assignSubsets() {
    std::vector<std::vector<std::size_t>> byClass(classNames_.size());
    std::vector<double> keys(images_.size());
    // Members of a keepTogether group share their anchor's key, hence its side.
    std::map<std::string, std::string> anchorOf;
    for (const auto& group : options_.keepTogether) {
        if (!group.empty()) {
            const std::string anchor = *std::min_element(group.begin(), group.end());
            for (const std::string& member : group) {
                anchorOf.emplace(member, anchor);
            }
        }
    }
    for (std::size_t i = 0; i < images_.size(); ++i) {
        const auto anchor = anchorOf.find(images_[i].relativePath);
        keys[i] = splitKey(anchor == anchorOf.end() ? images_[i].relativePath : anchor->second,
                           options_.seed);
        images_[i].subset = subsetForKey(keys[i], options_.validationFraction);
        byClass[static_cast<std::size_t>(images_[i].label)].push_back(i);
    }
    const double fraction = options_.validationFraction;
    if (fraction <= 0.0 || fraction >= 1.0) {
        return;
    }
    const auto byKey = [&keys](std::size_t a, std::size_t b) { return keys[a] < keys[b]; };
    for (const std::vector<std::size_t>& members : byClass) {
        if (members.size() < 2) {
            continue;
        }
        const auto countIn = [&](Subset which) {
            return std::count_if(members.begin(), members.end(),
                                 [&](std::size_t i) { return images_[i].subset == which; });
        };
        // The image nearest the threshold moves: the smallest key is the "most validation"
        // of the training images, the largest the "most training" of the validation ones.
        // A grouped image moves with its whole group (they share the key).
        const auto moveWithGroup = [&](std::size_t moved, Subset to) {
            for (std::size_t i = 0; i < images_.size(); ++i) {
                if (i == moved ||
                    (keys[i] == keys[moved] && anchorOf.count(images_[i].relativePath))) {
                    images_[i].subset = to;
                }
            }
        };
        if (countIn(Subset::Validation) == 0) {
            moveWithGroup(*std::min_element(members.begin(), members.end(), byKey),
                          Subset::Validation);
        } else if (countIn(Subset::Training) == 0) {
            moveWithGroup(*std::max_element(members.begin(), members.end(), byKey),
                          Subset::Training);
        }
    }
}

}  // namespace tl
