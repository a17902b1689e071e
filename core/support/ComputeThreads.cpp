// SPDX-License-Identifier: MIT
#include "support/TorchInclude.h"

#include "support/ComputeThreads.h"

#include <QtGlobal>

#include <algorithm>
#include <atomic>
#include <thread>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace tl {

namespace {

std::atomic<int> configured{0};

int allCores() {
    return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// The calling thread's count. With OpenMP (Linux), libgomp's own per-thread setting, not
// at::set_num_threads: that one also recreates LibTorch's pthreadpool (two new threads that
// spin for ~20 ms) every time it is called, and LibTorch calls it again by itself in every
// new thread that reaches a parallel region, which would also undo a thread's own count. So
// LibTorch's per-thread initialisation runs first (at::get_num_threads), then libgomp's count
// is set, which nothing resets afterwards.
void setInThisThread(int threads) {
#ifdef _OPENMP
    at::get_num_threads();
    omp_set_num_threads(threads);
#else
    at::set_num_threads(threads);  // one process-wide count in the other backends
#endif
}

}  // namespace

int ComputeThreads::configure(int requested) {
    int threads = requested > 0 ? requested : qEnvironmentVariableIntValue("OMP_NUM_THREADS");
    if (threads <= 0) {
        threads = allCores();
    }
    configured = threads;
    setInThisThread(threads);
    return threads;
}

int ComputeThreads::count() {
    const int threads = configured.load();
    return threads > 0 ? threads : allCores();
}

void ComputeThreads::applyToThisThread() {
    if (configured.load() > 0) {
        setInThisThread(configured.load());
    }
}

void ComputeThreads::useOneThreadInThisThread() {
#ifdef _OPENMP
    setInThisThread(1);
#endif
    // Other threading backends keep one process-wide count: left as it is.
}

ComputeThreads::OneThreadScope::OneThreadScope() : previous_(0) {
#ifdef _OPENMP
    at::get_num_threads();  // LibTorch's per-thread initialisation first (see above)
    previous_ = omp_get_max_threads();
    omp_set_num_threads(1);
#endif
}

ComputeThreads::OneThreadScope::~OneThreadScope() {
#ifdef _OPENMP
    omp_set_num_threads(previous_);
#endif
}

int ComputeThreads::effectiveInThisThread() {
    return at::get_num_threads();
}

}  // namespace tl
