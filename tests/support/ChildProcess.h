// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace tl::test {

// An AddressSanitizer build (scripts/sanitize): its shadow memory needs a huge address space,
// and its redzones and quarantine add to every allocation.
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif

// A peak-memory limit as the tests check it: as given, or under ASan with its overhead allowed
// for (3x, plus its 256 MB quarantine), which still catches a blow-up of gigabytes.
constexpr long memoryLimitMb(long limitMb) {
    return kSanitized ? limitMb * 3 + 512 : limitMb;
}

// How one child process ended, with its peak memory: what the hostile-input and crash tests
// check about a run of transferlab-cli.
struct ChildResult {
    int exitCode = -1;      // valid when signal == 0 and !timedOut
    int signal = 0;         // the signal that ended it (SIGSEGV, SIGKILL, ...), 0 if none
    bool timedOut = false;  // it was still running at the deadline and was killed
    QByteArray out, err;
    long peakRssKb = 0;  // the child's VmHWM (ru_maxrss of wait4)
    double seconds = 0;
    // Exited by itself, neither killed by a signal nor at the deadline.
    bool finished() const { return !timedOut && signal == 0; }
    QString describe() const;  // "exit 1 after 2.3 s, peak 212 MB" + stderr, for messages
};

struct ChildOptions {
    QStringList environment;  // "NAME=value" added to (or replacing in) this process's
    int timeoutMs = 120000;
    // Caps the child's address space (RLIMIT_AS): a memory blow-up then fails fast instead
    // of taking the machine down. 0 = no cap. Not applied under ASan (kSanitized).
    long long addressSpaceBytes = 0;
    // When this process runs as root: run the child as this user and group instead (-1 = as
    // we are), e.g. nobody, so that permissions (a locked folder) apply to it.
    int uid = -1;
    int gid = -1;
};

// Runs `program` with `args` (fork and exec, output captured), waits at most
// options.timeoutMs, and reports how it ended. POSIX only.
ChildResult runChild(const QString& program, const QStringList& args,
                     const ChildOptions& options = {});

}  // namespace tl::test
