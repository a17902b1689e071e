// SPDX-License-Identifier: MIT
// Benchmark (not a test): the training phase of a warm retrain, in process: HeadTrainer on
// features already in memory, the shape of the 327 alpaca photos (272 for training, 55 for
// validation, 1280 channels), 50 epochs of the default recipe, no folds.
//
//   bench_head_trainer [--train 272] [--validation 55] [--channels 1280] [--epochs 50]
//                      [--repeat 5] [--threads N]
//
// Compiles against this tree and the parent commit's (bench/build_baseline.sh), so the
// before/after of HeadTrainer's internals come from one program. Prints the best and the
// median of the runs, wall and CPU seconds.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

#include <sys/resource.h>

#include "support/ComputeThreads.h"
#include "support/TorchInclude.h"
#include "training/HeadTrainer.h"

using namespace tl;

namespace {

double processCpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 + usage.ru_stime.tv_sec +
           usage.ru_stime.tv_usec / 1e6;
}

// Two overlapping clusters around `centres`, so the head has something to learn, not perfectly.
FeatureSet features(int64_t count, const torch::Tensor& centres) {
    const auto labels = torch::randint(0, 2, {count}, torch::kInt64);
    const auto x = centres.index_select(0, labels) + 8 * torch::randn({count, centres.size(1)});
    return {x.clamp_min(0).unsqueeze(1).contiguous(), labels};
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption trainOption("train", "Training samples.", "N", "272");
    const QCommandLineOption validationOption("validation", "Validation samples.", "N", "55");
    const QCommandLineOption channelsOption("channels", "Feature channels.", "N", "1280");
    const QCommandLineOption epochsOption("epochs", "Epochs.", "N", "50");
    const QCommandLineOption repeatOption("repeat", "Runs.", "R", "5");
    const QCommandLineOption threadsOption("threads", "Compute threads (0: all cores).", "N", "0");
    parser.addOptions(
        {trainOption, validationOption, channelsOption, epochsOption, repeatOption, threadsOption});
    parser.process(app);
    const int threads = ComputeThreads::configure(parser.value(threadsOption).toInt());
    const int64_t channels = parser.value(channelsOption).toLongLong();
    torch::manual_seed(1);
    const auto centres = torch::randn({2, channels});
    const FeatureSet train = features(parser.value(trainOption).toLongLong(), centres);
    const FeatureSet validation = features(parser.value(validationOption).toLongLong(), centres);
    TrainingSettings settings = TrainingSettings::recommended();
    settings.epochs = parser.value(epochsOption).toInt();
    const HeadTrainer trainer(settings, 2);
    trainer.train(train, validation);  // warm-up: first-use costs are start-up, not training

    std::vector<double> wall, cpu;
    double accuracy = 0;
    for (int r = 0; r < std::max(1, parser.value(repeatOption).toInt()); ++r) {
        QElapsedTimer timer;
        timer.start();
        const double cpu0 = processCpuSeconds();
        const auto result = trainer.train(train, validation);
        wall.push_back(timer.nsecsElapsed() / 1e9);
        cpu.push_back(processCpuSeconds() - cpu0);
        accuracy = result.history.back().validationAccuracy;
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    std::printf(
        "HeadTrainer, %lld train / %lld validation x %lld channels, %d epochs, "
        "%d compute threads: best %.3f s, median %.3f s wall; best %.3f s, median %.3f s "
        "CPU (final val acc %.3f)\n",
        static_cast<long long>(train.size()), static_cast<long long>(validation.size()),
        static_cast<long long>(channels), settings.epochs, threads, wall.front(),
        wall[wall.size() / 2], cpu.front(), cpu[cpu.size() / 2], accuracy);
    return 0;
}
