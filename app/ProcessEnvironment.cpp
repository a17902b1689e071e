// SPDX-License-Identifier: MIT
#include "ProcessEnvironment.h"

#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#endif

void prepareProcessEnvironment([[maybe_unused]] int argc, [[maybe_unused]] char** argv) {
#if defined(__unix__) || defined(__APPLE__)
    // LibTorch's OpenMP threads busy-wait between parallel regions by default. On a laptop
    // (or 2 cores) they then steal the CPU from our decoding threads: measured 26.7 s -> 9.3 s
    // for a cold train on the 327 alpaca photos. libgomp reads OMP_WAIT_POLICY only when it
    // is loaded, before main(). On Linux the launcher users start (launcher/Launcher.cpp) has
    // set it already; a program started some other way re-executes itself once with it set.
    if (std::getenv("OMP_WAIT_POLICY") == nullptr && argc > 0) {
        setenv("OMP_WAIT_POLICY", "PASSIVE", 1);
#if defined(__linux__)
        execv("/proc/self/exe", argv);
#else
        execvp(argv[0], argv);
#endif
        // exec failed: carry on with the default policy.
    }
#endif
#if defined(__GLIBC__)
    // Keep large activation buffers (up to ~80 MB at batch 32) in the heap instead of mmap'ing
    // and unmapping them per forward pass: ~770k page faults per cold run otherwise.
    mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024);
#endif
}
