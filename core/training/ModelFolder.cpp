// SPDX-License-Identifier: MIT
#include "training/ModelFolder.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>

#include "support/CrashPoint.h"
#include "support/Paths.h"

#if defined(__unix__) || defined(__APPLE__)
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#endif

namespace tl {

namespace fs = std::filesystem;

namespace {

constexpr qint64 kMaxModelJsonBytes = 64 * 1024 * 1024;

bool entryExists(const fs::path& path) {
    std::error_code error;
    return fs::exists(fs::symlink_status(path, error));
}

bool isEmptyFolder(const fs::path& path) {
    std::error_code error;
    return fs::is_directory(fs::symlink_status(path, error)) &&
           fs::directory_iterator(path, error) == fs::directory_iterator() && !error;
}

// QSaveFile may leave "model.json.XXXXXX" behind when killed on platforms without O_TMPFILE.
bool isOwnFileName(const OwnedFolderKind& kind, const std::string& name) {
    for (const auto& own : kind.fileNames) {
        if (name == own || (name.size() == own.size() + 7 && name.rfind(own + ".", 0) == 0)) {
            return true;
        }
    }
    return false;
}

// True when every entry is a regular file TransferLab writes into such a folder.
bool holdsOnlyOwnFiles(const OwnedFolderKind& kind, const fs::path& folder) {
    std::error_code error;
    if (!fs::is_directory(fs::symlink_status(folder, error))) {
        return false;
    }
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        if (!it->is_regular_file(error) || it->is_symlink(error) ||
            !isOwnFileName(kind, it->path().filename().u8string())) {
            return false;
        }
    }
    return !error;
}

bool isOwnedFolder(const OwnedFolderKind& kind, const fs::path& folder) {
    if (!holdsOnlyOwnFiles(kind, folder)) {
        return false;
    }
    QFile file(toQString(folder / kind.markerFile));
    if (!file.open(QIODevice::ReadOnly) || file.size() > kMaxModelJsonBytes) {
        return false;
    }
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    return json.value(QString::fromStdString(kind.markerKey)).toString() ==
           QString::fromStdString(kind.markerValue);
}

// Deletes a folder of TransferLab's own files file by file; anything else stops it, so a
// folder that a user put files into is never emptied.
void removeOwnFolder(const OwnedFolderKind& kind, const fs::path& folder) {
    if (!holdsOnlyOwnFiles(kind, folder)) {
        return;
    }
    std::error_code error;
    std::vector<fs::path> files;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        files.push_back(it->path());
    }
    for (const auto& file : files) {
        fs::remove(file, error);
    }
    fs::remove(folder, error);  // only succeeds when empty
}

bool isWithin(const fs::path& inner, const fs::path& outer) {
    auto innerPart = inner.begin();
    for (auto outerPart = outer.begin(); outerPart != outer.end(); ++outerPart, ++innerPart) {
        if (outerPart->empty() && std::next(outerPart) == outer.end()) {
            break;  // trailing separator
        }
        if (innerPart == inner.end() || *innerPart != *outerPart) {
            return false;
        }
    }
    return true;
}

fs::path resolved(const fs::path& path) {
    std::error_code error;
    fs::path result = fs::weakly_canonical(fs::absolute(path), error);
    return error ? fs::absolute(path).lexically_normal() : result;
}

// Flushes the files of a folder and the folder itself to disk, so that the rename that
// publishes them cannot reach the disk before their contents do (a power cut, not a crash).
void syncFolder([[maybe_unused]] const fs::path& folder) {
#if defined(__unix__) || defined(__APPLE__)
    std::error_code error;
    for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
        const int fd = ::open(it->path().c_str(), O_RDONLY | O_CLOEXEC);
        if (fd >= 0) {
            ::fsync(fd);
            ::close(fd);
        }
    }
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#endif
}

// Exchanges two folders atomically where the system can (Linux renameat2): the target then
// never disappears, not even for a moment. False when unsupported; the caller falls back.
bool exchange([[maybe_unused]] const fs::path& a, [[maybe_unused]] const fs::path& b) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    const char* setting = std::getenv("TRANSFERLAB_ATOMIC_EXCHANGE");
    if (setting && std::strcmp(setting, "0") == 0) {
        return false;
    }
    return ::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0;
#else
    return false;
#endif
}

}  // namespace

ModelFolder::ModelFolder(fs::path folder) : ModelFolder(std::move(folder), modelKind()) {}

ModelFolder::ModelFolder(fs::path folder, OwnedFolderKind kind)
    : folder_(fs::absolute(folder).lexically_normal()), kind_(std::move(kind)) {
    if (!folder_.has_filename() && folder_.has_parent_path()) {
        folder_ = folder_.parent_path();  // "models/m/" names the folder "m"
    }
}

const OwnedFolderKind& ModelFolder::modelKind() {
    static const OwnedFolderKind kind{
        "model", {"model.json", "head.pt", "backbone.pt"}, "model.json", "format", kFormatTag};
    return kind;
}

const std::vector<std::string>& ModelFolder::ownFileNames() {
    return modelKind().fileNames;
}

bool ModelFolder::isTransferLabModel(const fs::path& folder) {
    return isOwnedFolder(modelKind(), folder);
}

bool ModelFolder::isOwned(const fs::path& folder) const {
    return isOwnedFolder(kind_, folder);
}

void ModelFolder::checkReplaceable(const std::vector<fs::path>& photoFolders) const {
    const fs::path target = resolved(folder_);
    const std::string name = "'" + folder_.u8string() + "'";
    const std::string save = "will not save the " + kind_.noun + " to ";
    for (const auto& photos : photoFolders) {
        const fs::path dataset = resolved(photos);
        if (isWithin(target, dataset)) {
            throw UnsafeDestinationError(save + name + ": it is inside the photo folder '" +
                                         photos.u8string() +
                                         "', and TransferLab never writes into a dataset");
        }
        if (isWithin(dataset, target)) {
            throw UnsafeDestinationError(save + name + ": it contains the photo folder '" +
                                         photos.u8string() + "'");
        }
    }
    std::error_code error;
    const auto status = fs::symlink_status(folder_, error);
    if (!fs::exists(status)) {
        return;
    }
    if (!fs::is_directory(status)) {
        throw UnsafeDestinationError(save + name + ": it exists and is not a folder");
    }
    if (isEmptyFolder(folder_) || isOwned(folder_)) {
        return;
    }
    throw UnsafeDestinationError(
        save + name + ": the folder is not empty and is not a TransferLab " + kind_.noun +
        "; choose a new or empty folder (nothing was changed)");
}

fs::path ModelFolder::sibling(const char* kind) const {
    return folder_.parent_path() /
           ("." + folder_.filename().u8string() + "." + kind + "-" +
            QUuid::createUuid().toString(QUuid::Id128).left(8).toStdString());
}

// Staging (".NAME.tmp-XXXXXXXX") and set-aside (".NAME.old-XXXXXXXX") folders of this target.
std::vector<fs::path> ModelFolder::leftovers() const {
    std::vector<fs::path> found;
    const std::string name = folder_.filename().u8string();
    std::error_code error;
    for (fs::directory_iterator it(folder_.parent_path(), error), end; !error && it != end;
         it.increment(error)) {
        const std::string entry = it->path().filename().u8string();
        for (const char* kind : {".tmp-", ".old-"}) {
            const std::string prefix = "." + name + kind;
            if (entry.size() == prefix.size() + 8 && entry.rfind(prefix, 0) == 0 &&
                std::all_of(entry.end() - 8, entry.end(),
                            [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); })) {
                found.push_back(it->path());
            }
        }
    }
    return found;
}

void ModelFolder::recover() const {
    try {
        std::vector<fs::path> left = leftovers();
        if (left.empty()) {
            return;
        }
        if (!entryExists(folder_)) {
            // Killed between moving the previous model aside and moving the new one in:
            // roll back to the previous model (the newest, should there be several).
            std::vector<fs::path> previous;
            for (const auto& path : left) {
                if (path.filename().u8string().find(".old-") != std::string::npos &&
                    isOwned(path)) {
                    previous.push_back(path);
                }
            }
            std::error_code error;
            std::sort(previous.begin(), previous.end(), [&](const fs::path& a, const fs::path& b) {
                return fs::last_write_time(a / kind_.markerFile, error) >
                       fs::last_write_time(b / kind_.markerFile, error);
            });
            if (!previous.empty()) {
                fs::rename(previous.front(), folder_, error);
            }
        }
        for (const auto& path : left) {
            removeOwnFolder(kind_, path);
        }
    } catch (...) {
        // Best effort: whatever is left is reported by the load or save that follows.
    }
}

fs::path ModelFolder::createStaging() const {
    fs::create_directories(folder_.parent_path());
    const fs::path staging = sibling("tmp");
    fs::create_directory(staging);
    return staging;
}

void ModelFolder::commit(const fs::path& staging) const {
    syncFolder(staging);
    crashPoint("model-save:staged");
    if (!entryExists(folder_) || isEmptyFolder(folder_)) {
        std::error_code error;
        fs::remove(folder_, error);  // an empty folder only
        fs::rename(staging, folder_);
        crashPoint("model-save:moved-in");
        syncFolder(folder_.parent_path());
        return;
    }
    checkReplaceable();  // again: the folder may have changed since the run started
    if (exchange(staging, folder_)) {
        crashPoint("model-save:exchanged");
        syncFolder(folder_.parent_path());
        removeOwnFolder(kind_, staging);  // now the previous model
        return;
    }
    const fs::path previous = sibling("old");
    fs::rename(folder_, previous);
    crashPoint("model-save:moved-aside");
    std::error_code error;
    fs::rename(staging, folder_, error);
    if (error) {
        std::error_code ignored;
        fs::rename(previous, folder_, ignored);
        throw fs::filesystem_error("cannot move the new model into place", staging, folder_, error);
    }
    crashPoint("model-save:moved-in");
    syncFolder(folder_.parent_path());
    removeOwnFolder(kind_, previous);
}

void ModelFolder::discard(const fs::path& staging) const {
    removeOwnFolder(kind_, staging);
}

}  // namespace tl
