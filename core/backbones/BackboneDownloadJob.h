// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include "backbones/BackboneStore.h"
#include "jobs/Job.h"

namespace tl {

// Makes a catalogue backbone available locally as a Job, so the GUI can show progress and
// offer Cancel: downloads it on first use (see BackboneStore::ensure), verifies it otherwise.
// A canceled download keeps its .part file and resumes next time.
class BackboneDownloadJob : public Job {
    Q_OBJECT
public:
    BackboneDownloadJob(BackboneStore store, QString name, QObject* parent = nullptr);

    // The local weights; valid after execute() returned true.
    const StoredBackbone& result() const { return result_; }

protected:
    void run() override;

private:
    BackboneStore store_;
    QString name_;
    StoredBackbone result_;
};

}  // namespace tl
