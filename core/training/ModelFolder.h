// SPDX-License-Identifier: MIT
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "support/Errors.h"

namespace tl {

// A kind of folder TransferLab writes whole: the only files it holds and the JSON field that
// marks it as TransferLab's. Models (ModelFolder::modelKind()) and TF.js exports
// (export/ModelExporter) follow the same safety rules.
struct OwnedFolderKind {
    std::string noun;                    // "model", "TF.js export": for messages
    std::vector<std::string> fileNames;  // every file such a folder may hold
    std::string markerFile;              // the JSON file that carries the marker
    std::string markerKey;               // its field ...
    std::string markerValue;             // ... and value
};

// The folder a trained model lives in, and the rules that keep a user's files safe:
// - TransferLab replaces only a folder it wrote itself (a model.json with its own format tag
//   and nothing but its own files) or an empty one; never a folder of photos, never another
//   tool's model (a Teachable Machine export also has a model.json), never a dataset.
// - A new model is written to a staging folder beside the target and swapped in by renames,
//   so the target always holds one complete model, the previous or the new one.
// - recover(), which every save and load runs first, rolls back a swap that a crash
//   interrupted and removes the leftovers, touching only folders that hold TransferLab's own
//   files and nothing else.
class ModelFolder {
public:
    static constexpr const char* kFormatTag = "transferlab-model";

    explicit ModelFolder(std::filesystem::path folder);
    // The same rules for another kind of folder TransferLab writes whole.
    ModelFolder(std::filesystem::path folder, OwnedFolderKind kind);
    const std::filesystem::path& path() const { return folder_; }

    // Throws UnsafeDestinationError unless the folder is absent, empty or a TransferLab model,
    // and lies neither inside nor around any of `photoFolders`.
    void checkReplaceable(const std::vector<std::filesystem::path>& photoFolders = {}) const;
    // Completes the repair of an interrupted swap (see above). Never throws: a folder it
    // cannot repair is left as it is for the load or save to report.
    void recover() const;
    // A new, empty staging folder beside the target for the new model's files.
    std::filesystem::path createStaging() const;
    // Swaps the complete staging folder into place; the previous model (if any) is removed.
    void commit(const std::filesystem::path& staging) const;
    // Removes a staging folder that will not be committed (only TransferLab's own files).
    void discard(const std::filesystem::path& staging) const;

    // model.json carries kFormatTag, and the folder holds only the files a model consists of.
    static bool isTransferLabModel(const std::filesystem::path& folder);
    // The files a model folder consists of; nothing else is ever deleted.
    static const std::vector<std::string>& ownFileNames();
    static const OwnedFolderKind& modelKind();
    // The marker of this folder's kind, and only that kind's files (isTransferLabModel for
    // models).
    bool isOwned(const std::filesystem::path& folder) const;

private:
    std::filesystem::path sibling(const char* kind) const;
    std::vector<std::filesystem::path> leftovers() const;

    std::filesystem::path folder_;
    OwnedFolderKind kind_;
};

}  // namespace tl
