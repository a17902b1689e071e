// SPDX-License-Identifier: MIT
// The automatic recipe on synthetic features whose answer is known: it finds the informative
// input size, keeps test-time augmentation only when it adds correct predictions, reproduces its
// figures when the choice is cross-validated again, reports every trial and stays within its
// budget. And the backbone's native size, from its file.
#include "support/TorchInclude.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <map>

#include "TestPaths.h"
#include "backbones/NativeInputSize.h"
#include "support/ComputeThreads.h"
#include "training/AutoRecipe.h"

using namespace tl;

namespace {

constexpr int kPerClass = 60;
constexpr int kChannels = 16;

torch::Tensor labels() {
    return torch::cat(
        {torch::zeros({kPerClass}, torch::kInt64), torch::ones({kPerClass}, torch::kInt64)});
}

// Class centres plus noise of `spread` (seeded): features [n, views, channels].
torch::Tensor noisyViews(double spread, int views, uint64_t seed) {
    torch::manual_seed(1);  // the same centres for every size and view
    const auto centres = torch::randn({2, kChannels});
    torch::manual_seed(static_cast<int64_t>(seed));
    const auto centre = centres.index_select(0, labels()).unsqueeze(1);
    return centre + spread * torch::randn({2 * kPerClass, views, kChannels});
}

// Feature sources: size 224 is informative, 160 much less; mirror and crop views are either
// independent draws (averaging them helps) or exact copies of the photo (it cannot help).
struct FakeSources {
    bool independentViews = true;
    std::map<std::string, int> calls;
    // What computing the features would cost (the budget's currency): photos at any size,
    // and the mirror views.
    double photoSeconds = 0.0;
    double mirrorSeconds = 0.0;

    torch::Tensor photo(int size) const { return noisyViews(size == 224 ? 1.6 : 6.0, 1, size); }

    AutoRecipe::Sources sources() {
        AutoRecipe::Sources s;
        s.features = [this](const FeatureRequest& request) {
            const auto fixed = request.augmentation.fixedViews;
            const std::string kind = !request.augmentation.enabled                       ? "photo"
                                     : fixed == AugmentationSettings::FixedViews::Mirror ? "mirror"
                                     : fixed == AugmentationSettings::FixedViews::Crops  ? "crops"
                                                                                         : "random";
            calls[kind + "@" + std::to_string(request.inputSize)] += 1;
            if (kind == "photo") {
                return photo(request.inputSize);
            }
            if (!independentViews) {
                return photo(request.inputSize).expand({-1, request.views, -1}).clone();
            }
            const torch::Tensor views = noisyViews(request.inputSize == 224 ? 1.6 : 6.0,
                                                   request.views, 1000 + calls.size());
            if (kind == "random") {  // view 0 of random views is the photo itself
                views.select(1, 0).copy_(photo(request.inputSize).select(1, 0));
            }
            return views;
        };
        s.estimateSeconds = [this](const FeatureRequest& request) {
            const bool mirror =
                request.augmentation.enabled &&
                request.augmentation.fixedViews == AugmentationSettings::FixedViews::Mirror;
            return mirror ? mirrorSeconds : request.augmentation.enabled ? 0.0 : photoSeconds;
        };
        return s;
    }
};

TrainingSettings quickStart() {
    TrainingSettings settings = TrainingSettings::automaticRecipe();
    settings.epochs = 15;  // the search trains each fold up to 4x this, with early stopping
    settings.learningRate = 1e-2;
    settings.inputSize = 160;
    return settings;
}

int outOfFoldCorrect(const CrossValidationResult& cv, const torch::Tensor& truth) {
    return static_cast<int>((cv.outOfFoldProbabilities.argmax(1) == truth).sum().item<int64_t>());
}

}  // namespace

class TestAutoRecipe : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { ComputeThreads::configure(2); }

    void candidateSizesStartAtTheNativeSize() {
        QCOMPARE(AutoRecipe::candidateSizes(224), (std::vector<int>{224, 288, 160}));
        QCOMPARE(AutoRecipe::candidateSizes(0), (std::vector<int>{160, 224, 288}));
        QCOMPARE(AutoRecipe::candidateSizes(96), (std::vector<int>{96, 128, 160, 224}));
        QCOMPARE(AutoRecipe::largerSize(160), 192);
        QCOMPARE(AutoRecipe::firstSize(0), 160);
    }

    void nativeSizeComesFromTheFile() {
        QCOMPARE(nativeInputSize("mobilenet_v2_1.0_160"), 160);  // a catalogue name
        QCOMPARE(nativeInputSize("mobilenet_v2_0.35_96"), 96);
        QCOMPARE(nativeInputSize("no-such-backbone"), 0);
        QTemporaryDir dir;
        auto touch = [&](const QString& name) {  // an empty file: only its name matters
            QFile(dir.filePath(name)).open(QIODevice::WriteOnly);
            return dir.filePath(name).toStdString();
        };
        QCOMPARE(nativeInputSize(touch("mobilenet_v2_1.0_224_no_top.h5")), 224);
        QCOMPARE(nativeInputSize(
                     touch("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.75_128_no_top.h5")),
                 128);
        QCOMPARE(nativeInputSize(touch("my_weights.h5")), 0);
        QCOMPARE(nativeInputSize(touch("model_1.0_9999.h5")), 0);  // not a plausible size
        // A Teachable Machine export: metadata.json's imageSize, for the folder or its model.json.
        QVERIFY(QDir(dir.path()).mkdir("tm"));
        QFile metadata(dir.filePath("tm/metadata.json"));
        QVERIFY(metadata.open(QIODevice::WriteOnly));
        metadata.write(R"({"imageSize": 192, "labels": ["a", "b"]})");
        metadata.close();
        touch("tm/model.json");
        QCOMPARE(nativeInputSize(dir.filePath("tm").toStdString()), 192);
        QCOMPARE(nativeInputSize(dir.filePath("tm/model.json").toStdString()), 192);
        if (QFile::exists(test::teachableMachineDir() + "/metadata.json")) {
            QCOMPARE(nativeInputSize(test::teachableMachineDir().toStdString()), 224);
        }
    }

    void choosesTheInformativeSizeAndReproducesItsFigures() {
        FakeSources fake;
        AutoRecipe recipe(quickStart(), 2, fake.sources());
        std::vector<std::string> lines;
        recipe.setLog([&](const std::string& line) { lines.push_back(line); });
        const auto outcome = recipe.run({fake.photo(160), labels()}, 1000.0);
        const auto& report = outcome.report;
        QVERIFY(report.ran);
        QCOMPARE(report.folds, 5);
        QCOMPARE(outcome.settings.inputSize, 224);
        QCOMPARE(fake.calls["photo@224"], 1);
        QVERIFY(report.skipped.empty());  // a budget of 3000 s: everything was tried
        // Three sizes, three head changes, mirror views, a hidden layer, random views, two
        // test-time modes.
        QCOMPARE(int(report.trials.size()), 3 + 3 + 1 + 1 + 1 + 2);
        QCOMPARE(report.trials[0].inputSize, 160);
        QCOMPARE(report.trials[1].inputSize, 224);
        QCOMPARE(report.trials[2].inputSize, 288);
        QVERIFY(report.trials[1].correct > report.trials[0].correct);
        QVERIFY(report.chosen >= 0 && report.trials[report.chosen].kept);
        QVERIFY(!report.reason.empty() && !report.rule.empty());
        QVERIFY(report.budgetSeconds > 3000);
        QCOMPARE(int(lines.size()) >= int(report.trials.size()), true);

        // The chosen epochs are the folds' early-stopping choice and training is
        // deterministic: cross-validating the choice again gives the trial's figures exactly.
        int lastTraining = -1;
        for (int i = 0; i < int(report.trials.size()); ++i) {
            if (report.trials[i].stage != "test-time augmentation" && report.trials[i].kept) {
                lastTraining = i;
            }
        }
        QVERIFY(lastTraining >= 0);
        QCOMPARE(outcome.settings.epochs, report.trials[lastTraining].epochs);
        QCOMPARE(outcome.settings.earlyStoppingPatience, 0);
        QCOMPARE(outOfFoldCorrect(outcome.crossValidation, labels()),
                 report.trials[lastTraining].correct);
        const auto again =
            CrossValidation::run(outcome.settings, 2, outcome.training, 5, outcome.settings.seed);
        QCOMPARE(outOfFoldCorrect(again, labels()), report.trials[lastTraining].correct);
    }

    void testTimeAugmentationOnlyWhenItGains() {
        // Independent noisy views: averaging them is worth more correct predictions.
        FakeSources helpful;
        const auto gained = AutoRecipe(quickStart(), 2, helpful.sources())
                                .run({helpful.photo(160), labels()}, 1000.0);
        QVERIFY(gained.settings.testTimeAugmentation != TestTimeAugmentation::Off);
        const auto& chosen = gained.report.trials[gained.report.chosen];
        QCOMPARE(chosen.stage, std::string("test-time augmentation"));
        QCOMPARE(gained.outOfFoldScores.size(1),
                 int64_t(testTimeViewCount(gained.settings.testTimeAugmentation)));
        // Exact copies of the photo cannot add a correct prediction: it stays off.
        FakeSources copies;
        copies.independentViews = false;
        const auto same = AutoRecipe(quickStart(), 2, copies.sources())
                              .run({copies.photo(160), labels()}, 1000.0);
        QCOMPARE(toString(same.settings.testTimeAugmentation), std::string("off"));
        QCOMPARE(same.outOfFoldScores.size(1), int64_t(1));
        for (const auto& trial : same.report.trials) {
            if (trial.stage == "test-time augmentation") {
                QVERIFY(!trial.kept);
            }
        }
    }

    void sizesComeBeforeTheMirrorsReserve() {
        // Features cost 10 s a size and the mirror views 15 s; the budget is 3 plain runs
        // (about 30 s). A second size fits after the first (10 + 10 s), but not if the
        // mirror's 15 s were held back first: the size must be tried.
        FakeSources fake;
        fake.photoSeconds = 10.0;
        fake.mirrorSeconds = 15.0;
        TrainingSettings start = quickStart();
        start.automaticBudget = 3.0;
        const auto outcome =
            AutoRecipe(start, 2, fake.sources()).run({fake.photo(160), labels()}, 10.0);
        QCOMPARE(fake.calls.count("photo@224"), size_t(1));
        QCOMPARE(outcome.settings.inputSize, 224);  // the informative size, found in budget
        // The mirror is left out for what is left, and the report says so.
        QCOMPARE(fake.calls.count("mirror@224"), size_t(0));
        bool mirrorLeftOut = false;
        for (const std::string& line : outcome.report.skipped) {
            mirrorLeftOut = mirrorLeftOut || line.find("mirror") != std::string::npos;
        }
        QVERIFY(mirrorLeftOut);
    }

    void aTightBudgetLeavesStepsOutAndSaysSo() {
        FakeSources fake;
        TrainingSettings start = quickStart();
        start.automaticBudget = 1.0;  // one plain run: nothing beyond the first candidate fits
        const auto outcome =
            AutoRecipe(start, 2, fake.sources()).run({fake.photo(160), labels()}, 0.0);
        int trainingTrials = 0;
        for (const auto& trial : outcome.report.trials) {
            trainingTrials += trial.stage != "test-time augmentation";
        }
        QCOMPARE(trainingTrials, 1);
        QCOMPARE(outcome.settings.inputSize, 160);
        QCOMPARE(fake.calls.count("photo@224"), size_t(0));  // never extracted
        QVERIFY(!outcome.report.skipped.empty());
        QVERIFY(outcome.report.skipped.front().find("224 px") != std::string::npos);
        QVERIFY(outcome.report.skipped.front().find("left out") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestAutoRecipe)
#include "TestAutoRecipe.moc"
