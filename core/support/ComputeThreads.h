// SPDX-License-Identifier: MIT
#pragma once

namespace tl {

// How many CPU threads LibTorch (and OpenCV) compute with. The count is meant to be
// process-wide, but libgomp keeps it per thread, so: configure() once at start-up, before any
// job runs, and applyToThisThread() at the start of every worker thread that runs LibTorch
// (JobManager does it for compute jobs). Never per job: a prediction running beside a
// training would change the training's threads.
class ComputeThreads {
public:
    // `requested` > 0 wins; else OMP_NUM_THREADS; else every core (LibTorch's own default is
    // half of them). Returns the count chosen.
    static int configure(int requested = 0);
    // The count configure() chose (every core if it was never called).
    static int count();
    static void applyToThisThread();
    // What LibTorch will use in the calling thread, for tests.
    static int effectiveInThisThread();
};

}  // namespace tl
