// SPDX-License-Identifier: MIT
#pragma once

#include <string>

#include "jobs/Job.h"

namespace tl {

// BackboneLoader.h brings LibTorch, which must not reach the widgets through this header.
struct BackboneLoadHooks;
struct LoadedBackbone;

// A job that loads a backbone (training, inspection). A catalogue backbone may be downloaded
// on first use: the download shows as this job's progress and log, and stops when the job is
// canceled (keeping its .part file for a resume).
class BackboneJob : public Job {
    Q_OBJECT
public:
    using Job::Job;

protected:
    // Hooks that report to this job; they must not outlive it.
    BackboneLoadHooks backboneLoadHooks();
    // loadBackbone() with those hooks.
    LoadedBackbone loadReportingBackbone(const std::string& reference, int inputSize);
};

}  // namespace tl
