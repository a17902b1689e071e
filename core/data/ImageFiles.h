// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include <filesystem>

namespace tl {

// The image files TransferLab reads, by extension (their content is checked when decoding):
// JPEG, PNG, BMP and WebP, in any letter case.
class ImageFiles {
public:
    // "jpg", "jpeg", "png", "bmp", "webp": lower case, without the dot.
    static const QStringList& extensions();
    static bool hasImageExtension(const std::filesystem::path& path);
    static bool hasImageExtension(const QString& fileName);
    // "*.jpg", "*.JPG", ...: for QDir and QDirIterator, in both cases (case-sensitive systems).
    static const QStringList& nameFilters();
    // "*.jpg *.jpeg *.png *.bmp *.webp": for file dialogs.
    static QString dialogPattern();
};

}  // namespace tl
