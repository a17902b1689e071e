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

}  // namespace

int ComputeThreads::configure(int requested) {
    int threads = requested > 0 ? requested : qEnvironmentVariableIntValue("OMP_NUM_THREADS");
    if (threads <= 0) {
        threads = allCores();
    }
    configured = threads;
    at::set_num_threads(threads);
    return threads;
}

int ComputeThreads::count() {
    const int threads = configured.load();
    return threads > 0 ? threads : allCores();
}

void ComputeThreads::applyToThisThread() {
    if (configured.load() > 0 && at::get_num_threads() != configured.load()) {
        at::set_num_threads(configured.load());
    }
}

void ComputeThreads::useOneThreadInThisThread() {
#ifdef _OPENMP
    omp_set_num_threads(1);  // unlike at::set_num_threads, leaves other threads alone
#endif
    // Other threading backends keep one process-wide count: left as it is.
}

ComputeThreads::OneThreadScope::OneThreadScope() : previous_(0) {
#ifdef _OPENMP
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
