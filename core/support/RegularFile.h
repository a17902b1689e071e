// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace tl {

// A file opened for reading only when it is a regular file. A named pipe (FIFO), socket or
// device named "photo.jpg" would make a plain open() or read() block forever (a FIFO without a
// writer) or never end (/dev/zero), so the file is opened without blocking and its type checked
// on the open descriptor (no window between the check and the read). Folders, missing files
// and permission problems are reported the same way, as a short reason.
//
//   RegularFile file(path);
//   if (!file.isOpen()) report(path, file.problem());       // "is a named pipe (FIFO)"
//   else if (file.size() > limit) ...                       // checked before reading
class RegularFile {
public:
    explicit RegularFile(const std::filesystem::path& path);
    ~RegularFile();
    RegularFile(const RegularFile&) = delete;
    RegularFile& operator=(const RegularFile&) = delete;

    bool isOpen() const { return problem_.empty(); }
    // Why the file could not be opened ("is a folder", "cannot open (permission denied)", ...);
    // empty when it is open.
    const std::string& problem() const { return problem_; }
    // The size at opening, in bytes.
    std::uint64_t size() const { return size_; }

    // Reads up to `count` bytes at the current position; returns how many were read (0 at the
    // end). Sets problem() and returns 0 on an I/O error.
    std::size_t read(void* buffer, std::size_t count);
    // The whole file, when it holds at most `maxBytes`: checked against size() before
    // anything is allocated, and again while reading (a file that grows meanwhile is cut off
    // and refused). Returns false with problem() set otherwise.
    bool readAll(std::vector<unsigned char>* bytes, std::uint64_t maxBytes);

    // Whether `path` names a regular file (following symbolic links), without opening it.
    static bool isRegular(const std::filesystem::path& path);

private:
    void fail(const std::string& problem);

    std::string problem_;
    std::uint64_t size_ = 0;
#ifdef _WIN32
    void* file_ = nullptr;  // FILE*
#else
    int fd_ = -1;
#endif
};

}  // namespace tl
