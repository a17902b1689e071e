// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <filesystem>

namespace tl {

// QString <-> std::filesystem::path through UTF-16, so that non-ASCII file names survive on
// every system (a path's narrow string is not UTF-8 on Windows).
inline std::filesystem::path toPath(const QString& path) {
    return std::filesystem::path(path.toStdU16String());
}

inline QString toQString(const std::filesystem::path& path) {
    return QString::fromStdU16String(path.u16string());
}

}  // namespace tl
