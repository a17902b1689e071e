// SPDX-License-Identifier: MIT
#include "support/Errors.h"

#include <new>

namespace tl {

Error::Error(ErrorKind kind, const std::string& message, std::filesystem::path path)
    : std::runtime_error(message), kind_(kind), path_(std::move(path)) {}

const char* toString(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::InvalidInput:
            return "invalid-input";
        case ErrorKind::CorruptFile:
            return "corrupt-file";
        case ErrorKind::UnsupportedFormat:
            return "unsupported-format";
        case ErrorKind::BackboneUnavailable:
            return "backbone-unavailable";
        case ErrorKind::UnsafeDestination:
            return "unsafe-destination";
        case ErrorKind::FileSystem:
            return "file-system";
        case ErrorKind::Network:
            return "network";
        case ErrorKind::Internal:
            break;
    }
    return "internal";
}

std::string oneLineMessage(const std::exception& error) {
    std::string text = error.what();
    // c10::Error: "<message>\nException raised from <function> at <file>:<line> ..."
    for (const char* marker : {"\nException raised from", "Exception raised from "}) {
        if (const auto at = text.find(marker); at != std::string::npos) {
            text.erase(at);
        }
    }
    if (dynamic_cast<const std::bad_alloc*>(&error)) {
        text = "not enough memory";
    }
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
        text.pop_back();
    }
    for (char& c : text) {
        if (c == '\n' || c == '\r') {
            c = ' ';
        }
    }
    return text.empty() ? "unknown error" : text;
}

ErrorKind kindOf(const std::exception& error) {
    if (const auto* own = dynamic_cast<const Error*>(&error)) {
        return own->kind();
    }
    if (dynamic_cast<const std::filesystem::filesystem_error*>(&error)) {
        return ErrorKind::FileSystem;
    }
    return ErrorKind::Internal;
}

}  // namespace tl
