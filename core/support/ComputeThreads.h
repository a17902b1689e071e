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
    // One intra-op thread in the calling thread only (libgomp's count is per thread), for
    // worker threads that each run their own single-threaded forward pass beside others:
    // one per core, instead of one pass fighting the decoders for every core.
    static void useOneThreadInThisThread();
    // The same for a scope: the calling thread's count comes back at its end. For loops of
    // small tensor operations (the head's training), where waking a second thread for every
    // operation costs more than the operation.
    class OneThreadScope {
    public:
        OneThreadScope();
        ~OneThreadScope();
        OneThreadScope(const OneThreadScope&) = delete;
        OneThreadScope& operator=(const OneThreadScope&) = delete;

    private:
        int previous_;
    };
    // What LibTorch will use in the calling thread, for tests.
    static int effectiveInThisThread();
};

}  // namespace tl
