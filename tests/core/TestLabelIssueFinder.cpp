// SPDX-License-Identifier: MIT
// The label-error finder: confident learning's ranking on probabilities whose answer is known,
// and the strict planted-error test on a copy of the shared photos (10 photos moved to the
// wrong class; with MobileNetV2-0.35 and seed 42 at least 8 must be among the top 20).
#include "support/TorchInclude.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <random>
#include <set>

#include "SharedPhotoFeatures.h"
#include "TestFiles.h"
#include "TestPaths.h"
#include "data/ImageFolderDataset.h"
#include "inspection/InspectionJob.h"
#include "inspection/LabelIssueFinder.h"
#include "support/ComputeThreads.h"

using namespace tl;
using namespace tl::test;
namespace fs = std::filesystem;

class TestLabelIssueFinder : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { ComputeThreads::configure(2); }

    void rankFollowsConfidentLearning() {
        // Class 0 photos, then class 1 photos. Thresholds: t0 = mean(.9, .8, .05) = .583,
        // t1 = mean(.7, .9, .4) = .667.
        const torch::Tensor p = torch::tensor({0.9, 0.1, 0.8, 0.2, 0.05, 0.95,  // class 0
                                               0.3, 0.7, 0.1, 0.9, 0.6, 0.4},   // class 1
                                              torch::kFloat64)
                                    .view({6, 2});
        std::vector<double> thresholds;
        const auto issues = LabelIssueFinder::rank(p, {0, 0, 0, 1, 1, 1}, &thresholds);
        QCOMPARE(thresholds.size(), size_t(2));
        QVERIFY(std::abs(thresholds[0] - 0.5833333) < 1e-6);
        QVERIFY(std::abs(thresholds[1] - 0.6666667) < 1e-6);
        QCOMPARE(issues.size(), size_t(2));
        QCOMPARE(issues[0].image, size_t(2));  // labelled 0, 95% class 1: most suspect
        QCOMPARE(issues[0].suggested, 1);
        QVERIFY(issues[0].confident);
        QVERIFY(std::abs(issues[0].score - 0.95) < 1e-9);
        QCOMPARE(issues[1].image, size_t(5));  // labelled 1, 60% class 0 >= t0
        QCOMPARE(issues[1].suggested, 0);
        QVERIFY(issues[1].confident);
        QVERIFY(std::abs(issues[1].score - 0.6) < 1e-9);

        // Three classes: another class more probable than the label, but below its own
        // threshold: listed, not confident; the suggestion is the most probable other class.
        const torch::Tensor q =
            torch::tensor({0.9, 0.05, 0.05, 0.8,  0.1, 0.1, 0.3, 0.45, 0.25, 0.1, 0.8,
                           0.1, 0.05, 0.9,  0.05, 0.1, 0.1, 0.8, 0.2,  0.1,  0.7},
                          torch::kFloat64)
                .view({7, 3});
        const auto three = LabelIssueFinder::rank(q, {0, 0, 0, 1, 1, 2, 2});
        QCOMPARE(three.size(), size_t(1));
        QCOMPARE(three[0].image, size_t(2));
        QCOMPARE(three[0].suggested, 1);
        QVERIFY(!three[0].confident);
        QVERIFY(std::abs(three[0].score - 0.575) < 1e-9);
    }

    // Every photo gets an out-of-fold prediction, deterministically.
    void findIsDeterministic() {
        const SharedPhotoFeatures photos = loadSharedPhotoFeatures();
        const LabelIssueFinder finder(TrainingSettings::recommended(), 5, 42);
        const auto first = finder.find(photos.features, photos.labels, 2);
        const auto second = finder.find(photos.features, photos.labels, 2);
        QCOMPARE(first.outOfFold.sizes(), (at::IntArrayRef{327, 2}));
        QVERIFY(torch::equal(first.outOfFold, second.outOfFold));
        QVERIFY(first.accuracy > 0.85);  // the 0.35 backbone's level on these photos
        QCOMPARE(first.issues.size(), second.issues.size());
        for (size_t i = 0; i < first.issues.size(); ++i) {
            QCOMPARE(first.issues[i].image, second.issues[i].image);
        }
        qInfo("out-of-fold accuracy %.3f, %zu photos listed", first.accuracy, first.issues.size());
    }

    // The strict test: in a copy of the shared photos, 10 photos (5 per class, drawn with seed
    // 42) are moved to the other class's folder. InspectionJob (k = 5, seed 42, MobileNetV2-0.35
    // at 160 px) must rank at least 8 of them among its first 20 suspects, each suggesting
    // its true class.
    void plantedLabelErrorsRankNearTheTop() {
        QTemporaryDir copy;
        const auto original = ImageFolderDataset::scan(toPath(alpacaDatasetDir()));
        std::vector<std::vector<size_t>> byClass(2);
        for (size_t i = 0; i < original.images().size(); ++i) {
            byClass[original.images()[i].label].push_back(i);
        }
        std::mt19937_64 rng(42);
        std::set<size_t> planted;
        for (auto& members : byClass) {
            std::shuffle(members.begin(), members.end(), rng);
            planted.insert(members.begin(), members.begin() + 5);
        }
        std::set<std::string> plantedNames;
        for (const auto& name : original.classNames()) {
            fs::create_directories(toPath(copy.path()) / name);
        }
        for (size_t i = 0; i < original.images().size(); ++i) {
            const ImageEntry& image = original.images()[i];
            const bool moved = planted.count(i) > 0;
            const std::string folder = original.classNames()[moved ? 1 - image.label : image.label];
            linkOrCopy(image.path, toPath(copy.path()) / folder / image.path.filename());
            if (moved) {
                plantedNames.insert(image.path.filename().u8string());
            }
        }
        const auto dataset = ImageFolderDataset::scan(toPath(copy.path()));
        InspectionRequest request;
        request.classNames = dataset.classNames();
        for (const auto& image : dataset.images()) {
            request.images.push_back({image.path, image.label, image.subset});
        }
        request.settings.backbone = teachableMachineModelJson().toStdString();
        request.settings.inputSize = 160;
        request.settings.seed = 42;
        request.settings.cacheDirectory = testFeatureCacheDir().toStdString();
        request.folds = 5;
        InspectionJob job(request);
        QVERIFY2(job.execute(), qPrintable(job.errorMessage()));
        const InspectionReport& report = job.report();
        QCOMPARE(report.images.size(), size_t(327));
        int inTop20 = 0;
        int inTop10 = 0;
        QStringList ranks;
        for (size_t rank = 0; rank < report.labelIssues.size(); ++rank) {
            const LabelIssue& issue = report.labelIssues[rank];
            const std::string name = report.images[issue.image].path.filename().u8string();
            if (plantedNames.count(name)) {
                QCOMPARE(issue.suggested, 1 - issue.label);  // its true class
                inTop20 += rank < 20;
                inTop10 += rank < 10;
                ranks << QString::number(rank + 1);
            }
        }
        qInfo(
            "planted errors: %d of 10 in the top 10, %d of 10 in the top 20 (ranks %s); "
            "out-of-fold accuracy %.3f, %zu photos listed",
            inTop10, inTop20, qPrintable(ranks.join(',')), report.outOfFoldAccuracy,
            report.labelIssues.size());
        QVERIFY2(inTop20 >= 8, qPrintable(ranks.join(',')));
    }
};

QTEST_GUILESS_MAIN(TestLabelIssueFinder)
#include "TestLabelIssueFinder.moc"
