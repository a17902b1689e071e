// SPDX-License-Identifier: MIT
#include "backbones/BackboneDownloadJob.h"
#include "support/DataSize.h"

namespace tl {

BackboneDownloadJob::BackboneDownloadJob(BackboneStore store, QString name, QObject* parent)
    : Job(JobWeight::Light, parent), store_(std::move(store)), name_(std::move(name)) {}

void BackboneDownloadJob::run() {
    const BackboneCatalogEntry* entry = store_.catalog().find(name_);
    setPhase(QStringLiteral("downloading-backbone"),
             tr("Getting %1").arg(entry ? entry->displayName : name_));
    store_.setLog([this](const QString& line) { log(line); });
    result_ = store_.ensure(
        name_, [this] { return isCanceled(); },
        [this](qint64 received, qint64 total) {
            if (total > 0) {
                setProgress(double(received) / double(total),
                            tr("%1 of %2").arg(formatDataSize(received), formatDataSize(total)));
            } else {
                setProgress(0.0, formatDataSize(received));
            }
        });
    setProgress(1.0, tr("Ready"));
}

}  // namespace tl
