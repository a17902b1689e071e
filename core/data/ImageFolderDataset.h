// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace tl {

enum class Subset { Training, Validation };

struct ImageEntry {
    std::filesystem::path path;
    std::string relativePath;  // UTF-8, '/'-separated, relative to the dataset root
    int label = 0;             // index into classNames()
    Subset subset = Subset::Training;
};

// A file with an image extension that cannot be used, and why.
struct SkippedFile {
    std::filesystem::path path;
    std::string reason;
};

struct SplitOptions {
    SplitOptions() = default;
    // Keeps `{fraction, seed}` initialisation working now that there is a third member.
    SplitOptions(double fraction, uint64_t splitSeed = 42,
                 std::vector<std::vector<std::string>> groups = {})
        : validationFraction(fraction), seed(splitSeed), keepTogether(std::move(groups)) {}

    double validationFraction = 0.2;  // in [0, 1]
    uint64_t seed = 42;
    // Groups of photos that must stay on one side (near-duplicates, bursts), as relative paths
    // (see relativePathOf()). A group takes the side its first member in byte order would get
    // alone, so other photos never move and an empty list gives the plain split.
    std::vector<std::vector<std::string>> keepTogether;
};

// Images labelled by folder, as Keras' image_dataset_from_directory reads them: each
// immediate sub-folder of the root is a class (sorted by byte order, so labels match Keras),
// and every image below it, at any depth, belongs to that class.
//
// The training/validation split is a property of each file, not of the listing: an image's
// side depends only on (seed, relativePath), so adding or removing photos never moves the
// others and the split is the same on every OS. See assignSubset() for the one exception.
class ImageFolderDataset {
public:
    // Lists the dataset; reads only the first bytes of each image (no decoding). Files with an
    // image extension (jpg, jpeg, png, bmp, webp, any case) that are empty, unreadable or not
    // images go to skipped(); other files and dot-prefixed (hidden) entries are ignored.
    // Directory symlinks are followed, each folder once, so link loops end.
    // Throws DatasetError when the root is missing or not a folder, has no class folders or
    // holds no usable image; std::invalid_argument for a fraction outside [0, 1].
    static ImageFolderDataset scan(const std::filesystem::path& root,
                                   const SplitOptions& options = {});

    // A dataset whose labels come from elsewhere (the project's own labelling). Relative paths
    // are taken relative to root. Does not touch the disk: unreadable files surface as
    // DecodeError when loaded. Throws DatasetError when files is empty, std::invalid_argument
    // for empty or duplicate class names or a label out of range.
    static ImageFolderDataset fromEntries(std::vector<std::string> classNames,
                                          std::vector<std::pair<std::filesystem::path, int>> files,
                                          const std::filesystem::path& root,
                                          const SplitOptions& options = {});

    const std::filesystem::path& root() const { return root_; }
    const SplitOptions& splitOptions() const { return options_; }
    const std::vector<std::string>& classNames() const { return classNames_; }
    // Every image, sorted by label then relativePath (byte order).
    const std::vector<ImageEntry>& images() const { return images_; }
    std::vector<ImageEntry> subset(Subset which) const;
    // Indexed by label; classes without images count 0.
    std::vector<int> countPerClass(Subset which) const;
    const std::vector<SkippedFile>& skipped() const { return skipped_; }
    // The folders that hold the photos: the root of a scanned dataset, the photos' own folders
    // otherwise. TransferLab never writes inside them.
    std::vector<std::filesystem::path> photoFolders() const;

    // The split rule: a 64-bit hash of (seed, relativePath) mapped to [0, 1), Validation when
    // below validationFraction. Stratified per class in expectation. On top of it the dataset
    // guarantees that a class with at least two images has one on each side when the fraction
    // is strictly between 0 and 1, by moving the image whose hash is nearest the threshold.
    // That correction is the only thing that can move an image when others are added or
    // removed, and only in small classes (at 0.2 a class of 20 needs it with probability
    // 0.8^20, about 1%). A grouped image moves with its keepTogether group, so a class made
    // of one group alone stays on one side.
    // A member of a keepTogether group gets its group's side.
    static Subset assignSubset(const std::string& relativePath, const SplitOptions& options);
    // The relativePath fromEntries() gives `file` under `root` ('/'-separated UTF-8; the full
    // path when there is no relative form).
    static std::string relativePathOf(const std::filesystem::path& file,
                                      const std::filesystem::path& root);

private:
    ImageFolderDataset() = default;
    void sortImages();
    void assignSubsets();

    std::filesystem::path root_;
    SplitOptions options_;
    std::vector<std::string> classNames_;
    std::vector<ImageEntry> images_;
    std::vector<SkippedFile> skipped_;
    bool scanned_ = false;
};

}  // namespace tl
