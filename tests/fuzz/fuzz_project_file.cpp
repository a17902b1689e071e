// SPDX-License-Identifier: MIT
// Project::fromJson on any bytes: a clear refusal or a consistent project (labels within the
// classes, valid class names), never a crash.
#include "FuzzSupport.h"
#include "data/ClassName.h"
#include "project/Project.h"
#include "support/Errors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    tl::Project project;
    project.setAutosaveEnabled(false);
    try {
        project.fromJson(tl::fuzz::bytesOf(data, size), QStringLiteral("/nonexistent/base"));
    } catch (const tl::Error&) {
        return 0;
    }
    for (const QString& name : project.classNames()) {
        if (!tl::ClassName::problem(name.toStdString()).empty()) {
            __builtin_trap();
        }
    }
    for (const tl::ProjectImage& image : project.images()) {
        if (image.label < -1 || image.label >= project.classCount() || image.path.isEmpty() ||
            project.rowOf(image.path) < 0) {
            __builtin_trap();
        }
    }
    project.countPerClass();
    project.toJson();
    if (project.imageCount() > 0) {
        tl::fuzz::markParsed();
    }
    return 0;
}
