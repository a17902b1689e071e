// SPDX-License-Identifier: MIT
#pragma once

#include <string>

namespace tl {

// The one rule for class names, wherever they come from (a folder, the GUI, model.json, a
// project file, Open Images), and for the folder names made from them. A class name may
// become a folder (the Open Images downloader writes one per class), so a name must never be
// able to point elsewhere ("../../evil"), hide (".cache"), or carry control characters that
// break one-line outputs. All text is UTF-8.
class ClassName {
public:
    static constexpr std::size_t kMaxBytes = 255;  // a file name's limit on common systems

    // Why `name` cannot be a class name, or empty when it can: empty, not UTF-8, longer than
    // kMaxBytes, a control character (newline, tab, ...), a path separator ('/' or '\'), or a
    // leading dot (".", "..", hidden names).
    static std::string problem(const std::string& name);

    // A valid class name made from any text: control characters and separators become '_',
    // leading dots and surrounding spaces are dropped, the length is cut at kMaxBytes (on a
    // character boundary); "class" when nothing is left.
    static std::string sanitized(const std::string& name);
    // sanitized(name) with `suffix` (plain ASCII, such as " (2)") appended, the name cut first
    // so that the suffix survives the length limit: distinct suffixes give distinct names.
    static std::string sanitizedWithSuffix(const std::string& name, const std::string& suffix);

    // A folder name for a class that is safe on Linux, macOS and Windows: sanitized(), and
    // also Windows's reserved characters (<>:"|?*) replaced, trailing dots and spaces dropped
    // and reserved device names (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with any extension)
    // changed by a '_' ("con" -> "con_", "com1.txt" -> "com1_.txt"). Never empty, never "."
    // or "..", never contains a separator.
    static std::string toFolderName(const std::string& name);
};

}  // namespace tl
