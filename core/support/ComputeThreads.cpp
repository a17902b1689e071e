// SPDX-License-Identifier: MIT
#include "support/TorchInclude.h"

#include "support/ComputeThreads.h"

#include <QtGlobal>

#include <algorithm>
#include <atomic>
#include <thread>

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

int ComputeThreads::effectiveInThisThread() {
    return at::get_num_threads();
}

}  // namespace tl
