// SPDX-License-Identifier: MIT
#include "models/ImageLimitsSettings.h"

#include "models/Preferences.h"

#include <QSettings>

namespace tl {

namespace {

const char* const kMaxMegapixels = "images/maxMegapixels";
const char* const kMaxFileMegabytes = "images/maxFileMegabytes";
const char* const kKeepDamagedJpegs = "images/keepDamagedJpegs";

}  // namespace

ImageLimits ImageLimitsSettings::load() {
    Preferences preferences;
    const QSettings& settings = preferences.settings();
    ImageLimits limits;
    bool ok = false;
    const qulonglong megapixels = settings.value(kMaxMegapixels).toULongLong(&ok);
    if (ok && megapixels > 0 && megapixels <= 100000) {
        limits.maxPixels = megapixels * 1'000'000;
    }
    const qulonglong megabytes = settings.value(kMaxFileMegabytes).toULongLong(&ok);
    if (ok && megabytes > 0 && megabytes <= 1'000'000) {
        limits.maxFileBytes = megabytes << 20;
    }
    limits.keepDamagedJpegs = settings.value(kKeepDamagedJpegs, false).toBool();
    return limits;
}

void ImageLimitsSettings::save(const ImageLimits& limits) {
    Preferences preferences;
    QSettings& settings = preferences.settings();
    settings.setValue(kMaxMegapixels, qulonglong(limits.maxPixels / 1'000'000));
    settings.setValue(kMaxFileMegabytes, qulonglong(limits.maxFileBytes >> 20));
    settings.setValue(kKeepDamagedJpegs, limits.keepDamagedJpegs);
    ImageLimits::setCurrent(limits);
}

void ImageLimitsSettings::apply() {
    ImageLimits::setCurrent(load());
}

}  // namespace tl
