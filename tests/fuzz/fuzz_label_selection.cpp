// SPDX-License-Identifier: MIT
// OpenImagesLabelSelector on any labels CSV: never more images than the limit per target, never
// an ImageID that could become part of a path or URL, never a crash.
#include <QBuffer>

#include "FuzzSupport.h"
#include "openimages/OpenImagesLabelSelector.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    QByteArray bytes = tl::fuzz::bytesOf(data, size);
    QBuffer device(&bytes);
    device.open(QIODevice::ReadOnly);
    const QList<tl::OpenImagesSelectionTarget> targets{
        {"Alpaca", {"/m/0pcr"}, 3, false},
        {"Cat", {"/m/01yrx", "/m/0cat2"}, 2, false},
        {"others", {"/m/03fwl", "/m/01dws"}, 4, true}};
    tl::OpenImagesLabelSelector selector(targets, 7);
    tl::OpenImagesSelection selection;
    QString error;
    if (selector.select(&device, &selection, &error) && !selection.images.value(0).isEmpty()) {
        tl::fuzz::markParsed();
    }
    for (int t = 0; t < selection.images.size(); ++t) {
        if (selection.images[t].size() > targets[t].limit) {
            __builtin_trap();
        }
        for (const QString& id : selection.images[t]) {
            if (!tl::OpenImagesLabelSelector::isValidImageId(id)) {
                __builtin_trap();
            }
        }
    }
    return 0;
}
