// SPDX-License-Identifier: MIT
#include "data/ClassName.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace tl {

namespace {

// Length of the UTF-8 sequence starting at text[at] and its code point; 0 when malformed
// (overlong forms, surrogates and values past U+10FFFF included).
std::size_t decodeUtf8(const std::string& text, std::size_t at, std::uint32_t* codePoint) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    std::uint32_t value = 0;
    if (lead < 0x80) {
        *codePoint = lead;
        return 1;
    } else if ((lead & 0xE0) == 0xC0) {
        length = 2;
        value = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        value = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        value = lead & 0x07;
    } else {
        return 0;
    }
    if (at + length > text.size()) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) {
            return 0;
        }
        value = (value << 6) | (byte(i) & 0x3F);
    }
    static const std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (value < kSmallest[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
        return 0;
    }
    *codePoint = value;
    return length;
}

// C0 and C1 control characters, DEL, and the Unicode line and paragraph separators.
bool isControl(std::uint32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029;
}

bool isSeparator(std::uint32_t c) {
    return c == '/' || c == '\\';
}

bool isWindowsReservedCharacter(std::uint32_t c) {
    return c == '<' || c == '>' || c == ':' || c == '"' || c == '|' || c == '?' || c == '*';
}

// Replaces every code point `replace` selects (and malformed bytes) with '_'.
template <typename Predicate>
std::string replaceCharacters(const std::string& text, Predicate replace) {
    std::string out;
    for (std::size_t at = 0; at < text.size();) {
        std::uint32_t c = 0;
        const std::size_t length = decodeUtf8(text, at, &c);
        if (length == 0) {
            out += '_';
            ++at;
            continue;
        }
        if (replace(c)) {
            out += '_';
        } else {
            out.append(text, at, length);
        }
        at += length;
    }
    return out;
}

// Cuts at kMaxBytes without splitting a character.
std::string truncated(std::string text) {
    if (text.size() <= ClassName::kMaxBytes) {
        return text;
    }
    std::size_t end = ClassName::kMaxBytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
        --end;
    }
    text.resize(end);
    return text;
}

void trimSpaces(std::string& text) {
    while (!text.empty() && text.back() == ' ') {
        text.pop_back();
    }
    const auto first = text.find_first_not_of(' ');
    text.erase(0, first == std::string::npos ? text.size() : first);
}

bool isReservedWindowsName(const std::string& name) {
    std::string stem = name.substr(0, name.find('.'));
    trimSpaces(stem);
    std::transform(stem.begin(), stem.end(), stem.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (stem == "CON" || stem == "PRN" || stem == "AUX" || stem == "NUL" || stem == "CONIN$" ||
        stem == "CONOUT$") {
        return true;
    }
    return stem.size() == 4 && (stem.compare(0, 3, "COM") == 0 || stem.compare(0, 3, "LPT") == 0) &&
           stem[3] >= '0' && stem[3] <= '9';
}

}  // namespace

std::string ClassName::problem(const std::string& name) {
    if (name.empty()) {
        return "a class name cannot be empty";
    }
    if (name.size() > kMaxBytes) {
        return "a class name is at most " + std::to_string(kMaxBytes) + " bytes long";
    }
    if (name.front() == '.') {
        return "a class name cannot start with a dot";
    }
    for (std::size_t at = 0; at < name.size();) {
        std::uint32_t c = 0;
        const std::size_t length = decodeUtf8(name, at, &c);
        if (length == 0) {
            return "a class name must be UTF-8 text";
        }
        if (isControl(c)) {
            return "a class name cannot contain control characters (line breaks, tabs, ...)";
        }
        if (isSeparator(c)) {
            return "a class name cannot contain '/' or '\\'";
        }
        at += length;
    }
    return {};
}

std::string ClassName::sanitized(const std::string& name) {
    std::string text =
        replaceCharacters(name, [](std::uint32_t c) { return isControl(c) || isSeparator(c); });
    trimSpaces(text);
    // Leading dots and spaces together: " . ." must not leave a name starting with a dot
    // (found by fuzzing).
    text.erase(0, std::min(text.find_first_not_of(". "), text.size()));
    text = truncated(std::move(text));
    return text.empty() ? "class" : text;
}

std::string ClassName::sanitizedWithSuffix(const std::string& name, const std::string& suffix) {
    std::string base = sanitized(name);
    const std::size_t room = suffix.size() < kMaxBytes ? kMaxBytes - suffix.size() : 0;
    if (base.size() > room) {
        std::size_t end = room;
        while (end > 0 && (static_cast<unsigned char>(base[end]) & 0xC0) == 0x80) {
            --end;  // not inside a character
        }
        base.resize(end);
    }
    return sanitized(base + suffix);
}

std::string ClassName::toFolderName(const std::string& name) {
    std::string folder = replaceCharacters(sanitized(name), isWindowsReservedCharacter);
    while (!folder.empty() && (folder.back() == '.' || folder.back() == ' ')) {
        folder.pop_back();
    }
    if (folder.empty()) {
        folder = "class";
    }
    if (isReservedWindowsName(folder)) {
        // Windows reserves the name before the first dot: "com1.txt" -> "com1_.txt".
        folder.insert(std::min(folder.find('.'), folder.size()), "_");
        folder = truncated(std::move(folder));
        if (isReservedWindowsName(folder)) {  // only when the cut removed the '_' again
            folder = "class_" + folder.substr(0, kMaxBytes - 6);
        }
    }
    return folder;
}

}  // namespace tl
