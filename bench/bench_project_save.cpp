// SPDX-License-Identifier: MIT
// What saving a big project costs, and how much of it the UI thread pays: a project of COUNT
// photos (paths only: no files are read) in a temporary folder, then
//  - save(): the synchronous save (serialise + atomic write), on the calling thread;
//  - one relabel with autosave on: the UI thread's time (the edit and the event-loop turn that
//    starts the save), then the time until the `saved` signal (the write in its worker);
//  - flush() after that (File > Save, leaving the project): nothing left to write.
// Prints figures (median of 5); checks nothing.
//
//   bench_project_save [COUNT=100000]
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "project/Project.h"

using namespace tl;

namespace {

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

void fill(Project& project, int count) {
    project.insertClass(0, "alpaca");
    project.insertClass(1, "not_alpaca");
    QVector<ProjectImage> images;
    images.reserve(count);
    for (int i = 0; i < count; ++i) {
        ProjectImage image;
        image.path = QString("/photos/%1/gen_%2.jpg")
                         .arg(i % 2 ? "alpaca" : "not_alpaca")
                         .arg(i, 7, 10, QChar('0'));
        image.label = i % 2;
        images.push_back(image);
    }
    project.addImages(images);
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int count = argc > 1 ? std::max(1, atoi(argv[1])) : 100000;
    QTemporaryDir dir;
    Project project;
    project.setAutosaveEnabled(false);
    fill(project, count);
    QString error;
    if (!project.saveAs(dir.filePath(Project::kFileName), &error)) {
        std::fprintf(stderr, "bench_project_save: %s\n", qPrintable(error));
        return 1;
    }
    std::vector<double> syncMs, uiMs, untilSavedMs, flushMs;
    QElapsedTimer timer;
    for (int run = 0; run < 5; ++run) {
        timer.start();
        project.save();
        syncMs.push_back(timer.nsecsElapsed() / 1e6);
    }
    project.setAutosaveEnabled(true);
    for (int run = 0; run < 5; ++run) {
        QEventLoop loop;
        QObject::connect(&project, &Project::saved, &loop, &QEventLoop::quit);
        timer.start();
        project.setLabel(run, 1 - project.image(run).label);
        // The event-loop turn that starts the autosave; the write runs in its worker.
        QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
        uiMs.push_back(timer.nsecsElapsed() / 1e6);
        loop.exec();
        untilSavedMs.push_back(timer.nsecsElapsed() / 1e6);
        timer.start();
        project.flush();
        flushMs.push_back(timer.nsecsElapsed() / 1e6);
    }
    std::printf("Project of %d photos, file %.1f MiB (median of 5)\n", count,
                project.toJson().size() / 1048576.0);
    std::printf("save() on the calling thread             %8.1f ms\n", median(syncMs));
    std::printf("relabel + autosave: UI thread            %8.1f ms\n", median(uiMs));
    std::printf("relabel + autosave: until `saved`        %8.1f ms\n", median(untilSavedMs));
    std::printf("flush() after the autosave               %8.3f ms\n", median(flushMs));
    return 0;
}
