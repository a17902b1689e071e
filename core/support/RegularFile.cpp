// SPDX-License-Identifier: MIT
#include "support/RegularFile.h"

#include <cerrno>
#include <cstring>
#include <system_error>

#ifdef _WIN32
#include <cstdio>
#else
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace tl {

namespace fs = std::filesystem;

namespace {

std::string typeProblem(fs::file_type type) {
    switch (type) {
        case fs::file_type::regular:
            return {};
        case fs::file_type::directory:
            return "is a folder";
        case fs::file_type::fifo:
            return "is a named pipe (FIFO), not a regular file";
        case fs::file_type::socket:
            return "is a socket, not a regular file";
        case fs::file_type::block:
        case fs::file_type::character:
            return "is a device, not a regular file";
        case fs::file_type::not_found:
            return "cannot open (file not found)";
        default:
            return "is not a regular file";
    }
}

#ifndef _WIN32
fs::file_type typeOf(mode_t mode) {
    if (S_ISREG(mode)) {
        return fs::file_type::regular;
    }
    if (S_ISDIR(mode)) {
        return fs::file_type::directory;
    }
    if (S_ISFIFO(mode)) {
        return fs::file_type::fifo;
    }
    if (S_ISSOCK(mode)) {
        return fs::file_type::socket;
    }
    if (S_ISCHR(mode)) {
        return fs::file_type::character;
    }
    if (S_ISBLK(mode)) {
        return fs::file_type::block;
    }
    return fs::file_type::unknown;
}

std::string openProblem(int error) {
    switch (error) {
        case ENOENT:
            return "cannot open (file not found or broken link)";
        case EACCES:
        case EPERM:
            return "cannot open (permission denied)";
        case ELOOP:
            return "cannot open (symbolic link loop)";
        case ENXIO:
            return "is a socket, not a regular file";
        default:
            return "cannot open (" + std::string(std::strerror(error)) + ")";
    }
}
#endif

}  // namespace

#ifndef _WIN32

RegularFile::RegularFile(const fs::path& path) {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. It does not
    // change how regular files are read.
    fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd_ < 0) {
        fail(openProblem(errno));
        return;
    }
    struct stat info {};
    if (::fstat(fd_, &info) != 0) {
        fail(openProblem(errno));
        return;
    }
    if (const std::string problem = typeProblem(typeOf(info.st_mode)); !problem.empty()) {
        fail(problem);
        return;
    }
    size_ = static_cast<std::uint64_t>(info.st_size);
}

RegularFile::~RegularFile() {
    if (fd_ >= 0) {
        ::close(fd_);
    }
}

std::size_t RegularFile::read(void* buffer, std::size_t count) {
    if (fd_ < 0) {
        return 0;
    }
    for (;;) {
        const ssize_t got = ::read(fd_, buffer, count);
        if (got >= 0) {
            return static_cast<std::size_t>(got);
        }
        if (errno != EINTR) {
            fail("cannot read (" + std::string(std::strerror(errno)) + ")");
            return 0;
        }
    }
}

void RegularFile::fail(const std::string& problem) {
    problem_ = problem;
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

#else

RegularFile::RegularFile(const fs::path& path) {
    std::error_code error;
    const auto status = fs::status(path, error);
    if (const std::string problem = typeProblem(status.type()); !problem.empty()) {
        fail(problem);
        return;
    }
    file_ = _wfopen(path.c_str(), L"rb");
    if (!file_) {
        fail("cannot open (permission denied or locked)");
        return;
    }
    size_ = static_cast<std::uint64_t>(fs::file_size(path, error));
}

RegularFile::~RegularFile() {
    if (file_) {
        std::fclose(static_cast<FILE*>(file_));
    }
}

std::size_t RegularFile::read(void* buffer, std::size_t count) {
    if (!file_) {
        return 0;
    }
    const std::size_t got = std::fread(buffer, 1, count, static_cast<FILE*>(file_));
    if (got < count && std::ferror(static_cast<FILE*>(file_))) {
        fail("cannot read");
    }
    return got;
}

void RegularFile::fail(const std::string& problem) {
    problem_ = problem;
    if (file_) {
        std::fclose(static_cast<FILE*>(file_));
        file_ = nullptr;
    }
}

#endif

bool RegularFile::readAll(std::vector<unsigned char>* bytes, std::uint64_t maxBytes) {
    bytes->clear();
    if (!isOpen()) {
        return false;
    }
    if (size_ > maxBytes) {
        fail("too large to read (" + std::to_string(size_) + " bytes, limit " +
             std::to_string(maxBytes) + ")");
        return false;
    }
    bytes->resize(static_cast<std::size_t>(size_));
    std::size_t filled = 0;
    while (filled < bytes->size()) {
        const std::size_t got = read(bytes->data() + filled, bytes->size() - filled);
        if (!isOpen()) {
            return false;
        }
        if (got == 0) {
            bytes->resize(filled);  // shrank since it was opened
            return true;
        }
        filled += got;
    }
    unsigned char extra = 0;
    if (read(&extra, 1) != 0) {
        fail("changed while it was read (it grew)");
        return false;
    }
    return isOpen();
}

bool RegularFile::isRegular(const fs::path& path) {
    std::error_code error;
    return fs::is_regular_file(path, error);
}

}  // namespace tl
