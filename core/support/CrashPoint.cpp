// SPDX-License-Identifier: MIT
#include "support/CrashPoint.h"

#include <csignal>
#include <cstdlib>
#include <string>

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#endif

namespace tl {

void crashPoint(std::string_view name) {
    static const std::string requested = [] {
        const char* value = std::getenv("TRANSFERLAB_CRASH_AT");
        return std::string(value ? value : "");
    }();
    if (requested.empty() || requested != name) {
        return;
    }
#if defined(__unix__) || defined(__APPLE__)
    ::kill(::getpid(), SIGKILL);
#endif
    std::abort();
}

}  // namespace tl
