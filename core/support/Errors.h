// SPDX-License-Identifier: MIT
#pragma once

#include <exception>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace tl {

// What kind of failure an error is, so that callers (the GUI above all) react per kind rather
// than by reading messages: the Train page offers "Choose a backbone file..." only for
// BackboneUnavailable, for example.
enum class ErrorKind {
    InvalidInput,         // the user's data or settings cannot be used as they are
    CorruptFile,          // a file is damaged or not what its name says (image, model, weights)
    UnsupportedFormat,    // a well-formed file or request that TransferLab cannot handle (yet)
    BackboneUnavailable,  // the backbone is neither installed nor downloadable right now
    UnsafeDestination,    // writing there could destroy files that TransferLab did not create
    FileSystem,           // reading or writing failed: missing, permissions, disk full
    Network,              // a download failed
    Internal,             // a bug or an unexpected library failure
};

// A stable identifier ("backbone-unavailable"), for logs, JSON output and tests.
const char* toString(ErrorKind kind);

// Every error TransferLab reports to a user derives from Error: a kind, a one-line message
// that names the file and the field where it can, and the file or folder concerned.
class Error : public std::runtime_error {
public:
    Error(ErrorKind kind, const std::string& message, std::filesystem::path path = {});
    ErrorKind kind() const noexcept { return kind_; }
    const std::filesystem::path& path() const noexcept { return path_; }

private:
    ErrorKind kind_;
    std::filesystem::path path_;
};

// A folder cannot be used as an image dataset at all (missing, no class folders, no images).
// Problems with single files are not errors: they are listed as skipped files.
class DatasetError : public Error {
public:
    explicit DatasetError(const std::string& message, std::filesystem::path path = {})
        : Error(ErrorKind::InvalidInput, message, std::move(path)) {}
};

// One image cannot be used; `reason` is the short why ("truncated", "not an image").
class DecodeError : public Error {
public:
    DecodeError(const std::filesystem::path& path, const std::string& reason)
        : Error(ErrorKind::CorruptFile, "Cannot decode image '" + path.u8string() + "': " + reason,
                path),
          reason_(reason) {}
    const std::string& reason() const { return reason_; }

private:
    std::string reason_;
};

// A model or weight file could not be imported. The message names the file and, where it
// applies, the layer, so a user can tell what is wrong without a debugger.
class ImportError : public Error {
public:
    explicit ImportError(const std::string& message, std::filesystem::path path = {},
                         ErrorKind kind = ErrorKind::CorruptFile)
        : Error(kind, message, std::move(path)) {}
};

// The backbone a run asks for is not installed and cannot be downloaded now (offline,
// unknown name, failed download): the GUI offers to download, choose or import one.
class BackboneUnavailableError : public ImportError {
public:
    explicit BackboneUnavailableError(const std::string& message, std::filesystem::path path = {})
        : ImportError(message, std::move(path), ErrorKind::BackboneUnavailable) {}
};

// An export that cannot be written (unsupported architecture, destination not writable).
class ExportError : public Error {
public:
    explicit ExportError(const std::string& message, std::filesystem::path path = {},
                         ErrorKind kind = ErrorKind::UnsupportedFormat)
        : Error(kind, message, std::move(path)) {}
};

// A destination TransferLab refuses to write to, because replacing it could destroy files
// that TransferLab did not create. The message names the folder and says why.
class UnsafeDestinationError : public Error {
public:
    explicit UnsafeDestinationError(const std::string& message, std::filesystem::path path = {})
        : Error(ErrorKind::UnsafeDestination, message, std::move(path)) {}
};

// Reading or writing a file failed for a reason outside the file's content.
class FileSystemError : public Error {
public:
    explicit FileSystemError(const std::string& message, std::filesystem::path path = {})
        : Error(ErrorKind::FileSystem, message, std::move(path)) {}
};

// One line for any exception: LibTorch's c10::Error carries a C++ backtrace after its
// message ("Exception raised from ... frame #0 ..."), which no user should see.
std::string oneLineMessage(const std::exception& error);

// The kind of any exception: Error's own, FileSystem for std::filesystem, Internal otherwise.
ErrorKind kindOf(const std::exception& error);

}  // namespace tl
