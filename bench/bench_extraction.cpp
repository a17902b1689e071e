// SPDX-License-Identifier: MIT
// Benchmark (not a test): photos per second of feature extraction, with decoding and the
// backbone's forward pass measured apart and then together, on real photos.
//
//   bench_extraction --backbone PATH [--size N] [--data DIR] [--photos N] [--threads N]
//                    [--batches 8,16,32] [--repeat R] [--variants]
//
// It compiles against this tree and, unchanged, against the parent commit's tree
// (bench/bench_extraction.sh builds both), so "before" and "after" come from the same program
// in the same run. Rows that need the new inference path are left out of the old build.
//
//   decode, 1 thread        ImageDecoder::decode (the one resize definition), one thread
//   decode, all threads     the same on every compute thread at once (QtConcurrent)
//   forward eager           Backbone::embed on decoded batches: the parent's forward pass
//   forward <path>          InferenceBackbone::embed, one single-threaded batch per thread
//   extract (end to end)    FeatureExtractor::extract without a cache: read, hash, decode,
//                           forward, as a cold training run does
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <numeric>
#include <thread>

#include <sys/resource.h>

#include "backbones/BackboneLoader.h"
#include "data/ImageDecoder.h"
#include "data/ImageFiles.h"
#include "data/Preprocessing.h"
#include "support/ComputeThreads.h"
#include "support/TorchInclude.h"
#include "training/FeatureExtractor.h"

#if __has_include("nn/InferenceBackbone.h")
#include "nn/InferenceBackbone.h"
#define TL_HAS_INFERENCE_BACKBONE 1
#endif

using namespace tl;
namespace fs = std::filesystem;

namespace {

struct Row {
    QString name;
    double seconds = 0;
    double cpuSeconds = 0;  // user + system of the whole process during the best run
    int photos = 0;
};

// CPU seconds used by the process so far: on a shared, loaded machine CPU time per photo is
// steadier than wall time (it still grows a little with cache and memory contention).
double processCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
           usage.ru_stime.tv_usec / 1e6;
}

std::vector<fs::path> photosIn(const QString& folder, int limit) {
    std::vector<fs::path> paths;
    QDirIterator it(folder, ImageFiles::nameFilters(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        paths.push_back(fs::u8path(it.next().toStdString()));
    }
    std::sort(paths.begin(), paths.end());
    if (limit > 0 && static_cast<int>(paths.size()) > limit) {
        paths.resize(static_cast<size_t>(limit));
    }
    return paths;
}

void printRow(const Row& row) {
    std::printf("%-52s %7.2f s %8.1f photos/s %7.2f ms/photo %7.2f cpu-ms/photo\n",
                qPrintable(row.name), row.seconds, row.photos / row.seconds,
                1000.0 * row.seconds / row.photos, 1000.0 * row.cpuSeconds / row.photos);
    std::fflush(stdout);
}

// Best of `repeat` runs of `work` (the machine is shared: the best run is the least disturbed).
template <typename Work>
Row best(const QString& name, int photos, int repeat, Work work) {
    Row row{name, 1e30, 0, photos};
    for (int r = 0; r < repeat; ++r) {
        QElapsedTimer timer;
        timer.start();
        const double cpu = processCpuSeconds();
        work();
        const double seconds = timer.nsecsElapsed() / 1e9;
        if (seconds < row.seconds) {
            row.seconds = seconds;
            row.cpuSeconds = processCpuSeconds() - cpu;
        }
    }
    printRow(row);
    return row;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption backboneOption("backbone", "Backbone file or folder.", "PATH");
    const QCommandLineOption sizeOption("size", "Input size (default: the backbone's).", "N", "0");
    const QCommandLineOption dataOption("data", "Photo folder.", "DIR",
                                        "/work/shared/datasets/alpaca");
    const QCommandLineOption photosOption("photos", "At most N photos (0: all).", "N", "0");
    const QCommandLineOption threadsOption("threads", "Compute threads (0: all cores).", "N", "0");
    const QCommandLineOption batchesOption("batches", "Batch sizes of the new forward pass.",
                                           "LIST", "8,32");
    const QCommandLineOption repeatOption("repeat", "Runs per row; the best counts.", "R", "2");
    const QCommandLineOption variantsOption("variants",
                                            "Also the inference variants that did not help.");
    parser.addOptions({backboneOption, sizeOption, dataOption, photosOption, threadsOption,
                       batchesOption, repeatOption, variantsOption});
    parser.process(app);
    if (!parser.isSet(backboneOption)) {
        std::fprintf(stderr, "bench_extraction: --backbone is required\n");
        return 2;
    }
    const int threads = ComputeThreads::configure(parser.value(threadsOption).toInt());
    const int repeat = std::max(1, parser.value(repeatOption).toInt());
    const auto paths = photosIn(parser.value(dataOption), parser.value(photosOption).toInt());
    if (paths.empty()) {
        std::fprintf(stderr, "bench_extraction: no photos in %s\n",
                     qPrintable(parser.value(dataOption)));
        return 1;
    }
    const LoadedBackbone backbone =
        loadBackbone(parser.value(backboneOption).toStdString(), parser.value(sizeOption).toInt());
    const int size = backbone.backbone->spec().inputSize;
    const int n = static_cast<int>(paths.size());
    std::printf("%s at %d px, %d photos, %d compute threads\n",
                backbone.backbone->spec().displayName().c_str(), size, n, threads);

    const ImageDecoder decoder(cv::Size(size, size));
    std::vector<cv::Mat> images(paths.size());
    best("decode, 1 thread", n, repeat, [&] {
        for (size_t i = 0; i < paths.size(); ++i) {
            images[i] = decoder.decode(paths[i]);
        }
    });
    std::vector<size_t> indices(paths.size());
    std::iota(indices.begin(), indices.end(), 0);
    best(QString("decode, %1 threads").arg(threads), n, repeat, [&] {
        QThreadPool::globalInstance()->setMaxThreadCount(threads);
        QtConcurrent::blockingMap(indices, [&](size_t i) { images[i] = decoder.decode(paths[i]); });
    });

    const Preprocessing preprocessing = backbone.backbone->preprocessing();
    auto batchesOf = [&](int batchSize) {
        std::vector<torch::Tensor> batches;
        for (int start = 0; start < n; start += batchSize) {
            const int end = std::min(n, start + batchSize);
            batches.push_back(toInputBatch(
                std::vector<cv::Mat>(images.begin() + start, images.begin() + end), preprocessing));
        }
        return batches;
    };
    {
        const auto batches = batchesOf(32);
        torch::InferenceMode inference;
        backbone.backbone->eval();
        backbone.backbone->embed(batches.front());  // warm-up
        best(QString("forward eager, batch 32, %1 threads").arg(threads), n, repeat, [&] {
            for (const auto& batch : batches) {
                backbone.backbone->embed(batch);
            }
        });
    }
#ifdef TL_HAS_INFERENCE_BACKBONE
    // One single-threaded batch per compute thread at a time, as FeatureExtractor runs them.
    auto perThread = [&](const InferenceBackbone& engine,
                         const std::vector<torch::Tensor>& batches) {
        std::atomic<size_t> next{0};
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t) {
            workers.emplace_back([&] {
                ComputeThreads::useOneThreadInThisThread();
                for (size_t i = next++; i < batches.size(); i = next++) {
                    engine.embed(batches[i]);
                }
            });
        }
        for (auto& worker : workers) {
            worker.join();
        }
    };
    auto engineRows = [&](const QString& label, const InferenceBackbone::Options& options) {
        QElapsedTimer built;
        built.start();
        const InferenceBackbone engine(backbone.backbone, options);
        std::printf("  (%s: built in %.0f ms)\n", qPrintable(label), built.nsecsElapsed() / 1e6);
        for (const QString& text : parser.value(batchesOption).split(',')) {
            const int batchSize = text.toInt();
            if (batchSize <= 0) {
                continue;
            }
            const auto batches = batchesOf(batchSize);
            QElapsedTimer first;
            first.start();
            engine.embed(batches.front());  // first runs compile and pack the weights
            const double firstMs = first.nsecsElapsed() / 1e6;
            first.restart();
            engine.embed(batches.front());
            std::printf("  (batch %d: first call %.0f ms, second %.0f ms)\n", batchSize, firstMs,
                        first.nsecsElapsed() / 1e6);
            best(
                QString("forward %1, batch %2, %3x1 thread").arg(label).arg(batchSize).arg(threads),
                n, repeat, [&] { perThread(engine, batches); });
        }
    };
    engineRows("frozen-folded", {});
    if (parser.isSet(variantsOption)) {
        InferenceBackbone::Options options;
        options.optimizeForInference = false;
        engineRows("frozen, no optimize_for_inference", options);
        options = {};
        options.shiftedKernelPadding = false;
        engineRows("frozen-folded, explicit padding", options);
        options = {};
        options.path = InferenceBackbone::Path::Eager;
        engineRows("eager", options);
    }
#endif
    images.clear();
    images.shrink_to_fit();

    FeatureExtractor extractor(backbone, {}, 0, FeatureCache());
    best("extract (end to end, no cache)", n, repeat, [&] {
        const auto result = extractor.extract(paths, 1, false, {}, [] {});
        if (static_cast<int>(result.kept.size()) != n) {
            std::fprintf(stderr, "bench_extraction: %zu photos skipped\n", result.skipped.size());
        }
    });
    return 0;
}
