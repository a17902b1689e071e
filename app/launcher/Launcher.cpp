// SPDX-License-Identifier: MIT
// The program users start on Linux (`transferlab`, `transferlab-cli`): a few kilobytes without
// Qt or LibTorch that put OMP_WAIT_POLICY=PASSIVE into the environment and exec the real
// program, <prefix>/libexec/<name>. libgomp reads the policy once, when it is loaded, and its
// default makes LibTorch's idle threads spin for milliseconds after every parallel region,
// taking the cores from the decoding threads (a cold train 3x slower on 2 cores). Before, the
// real program re-executed itself to set it, loading LibTorch and its ~290 libraries twice
// (0.3-0.5 s each); this exec costs about a millisecond. transferlab-cli --version is
// answered here without loading anything.
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

int main([[maybe_unused]] int argc, char** argv) {
#ifdef TRANSFERLAB_ANSWER_VERSION
    if (argc == 2 && (std::strcmp(argv[1], "--version") == 0 || std::strcmp(argv[1], "-v") == 0)) {
        std::printf("%s %s\n", TRANSFERLAB_PROGRAM, TRANSFERLAB_VERSION);
        return 0;
    }
#endif
    char self[PATH_MAX];
    const ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
    if (length <= 0) {
        std::fprintf(stderr, "%s: cannot find its own location: %s\n", TRANSFERLAB_PROGRAM,
                     std::strerror(errno));
        return 127;
    }
    self[length] = '\0';
    std::string program(self);
    program.erase(program.rfind('/') + 1);
    program += "../libexec/" TRANSFERLAB_PROGRAM;
    // A policy the user chose is kept; the program re-executes itself only when it is unset.
    setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
    execv(program.c_str(), argv);
    std::fprintf(stderr, "%s: cannot start %s: %s\n", TRANSFERLAB_PROGRAM, program.c_str(),
                 std::strerror(errno));
    return 127;
}
