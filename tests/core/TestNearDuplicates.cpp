// SPDX-License-Identifier: MIT
// Near-duplicates: grouping rules on vectors whose answer is known, and the planted test on
// the shared photos: resized and recompressed copies of 8 photos must be grouped with their
// original, with no false group across the rest of the 327 photos.
#include "support/TorchInclude.h"

#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <random>
#include <set>

#include "SharedPhotoFeatures.h"
#include "TestFiles.h"
#include "TestPaths.h"
#include "data/ImageDecoder.h"
#include "inspection/NearDuplicateFinder.h"
#include "support/ComputeThreads.h"
#include "training/FeatureExtractor.h"

using namespace tl;
using namespace tl::test;
namespace fs = std::filesystem;

namespace {

// Genuine near-duplicates of the shared set at the default threshold, looked at by eye (see
// bench/README.md): a burst, the same white alpaca lying in the same paddock a moment apart
// (cosine 0.972). No other pair of the 327 photos scores above 0.82.
const std::vector<std::set<std::string>> kGenuineDuplicates = {
    {"09915aad4cd6bf0d.jpg", "5f843228ab49d81b.jpg"}};

void writeJpeg(const fs::path& path, const cv::Mat& rgb, int quality) {
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    QVERIFY(cv::imwrite(path.string(), bgr, {cv::IMWRITE_JPEG_QUALITY, quality}));
}

cv::Mat scaled(const cv::Mat& rgb, double factor) {
    cv::Mat out;
    cv::resize(rgb, out, cv::Size(), factor, factor, cv::INTER_AREA);
    return out;
}

std::set<std::string> namesOf(const DuplicateGroup& group, const std::vector<fs::path>& paths) {
    std::set<std::string> names;
    for (size_t i : group.images) {
        names.insert(paths[i].filename().u8string());
    }
    return names;
}

}  // namespace

class TestNearDuplicates : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { ComputeThreads::configure(2); }

    void groupsAreThresholdedAndTransitive() {
        torch::manual_seed(3);
        const torch::Tensor a = torch::rand({64});
        const torch::Tensor b = torch::rand({64});
        torch::Tensor rows = torch::stack({a, b, a * 3.0, torch::rand({64}), b + 0.002});
        const NearDuplicateFinder finder(0.99);
        const auto groups = finder.find(rows);
        QCOMPARE(groups.size(), size_t(2));
        QCOMPARE(groups[0].images, (std::vector<size_t>{0, 2}));  // scale does not matter
        QVERIFY(groups[0].similarity > 0.9999);
        QCOMPARE(groups[1].images, (std::vector<size_t>{1, 4}));
        // A chain a ~ c ~ e joins even where a and e alone fall below the threshold; the
        // group's similarity says how far apart its least similar members are.
        auto direction = [](double angle) {
            return torch::tensor({std::cos(angle), std::sin(angle), 0.0}, torch::kFloat32);
        };
        const torch::Tensor chain = torch::stack({direction(0), direction(0.1), direction(0.2)});
        const auto chained = NearDuplicateFinder(std::cos(0.12)).find(chain);
        QCOMPARE(chained.size(), size_t(1));
        QCOMPARE(chained[0].images.size(), size_t(3));
        QVERIFY(std::abs(chained[0].similarity - std::cos(0.2)) < 1e-5);
        QCOMPARE(NearDuplicateFinder::groupIds(groups, 5), (std::vector<int>{0, 1, 0, -1, 1}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, NearDuplicateFinder(0.0));
    }

    // Pairs that fall in different blocks of rows are found too.
    void everyPairIsCompared() {
        torch::manual_seed(4);
        torch::Tensor rows = torch::randn({2100, 32});
        const std::vector<std::pair<int64_t, int64_t>> planted = {
            {5, 2090}, {1023, 1024}, {1500, 1501}, {0, 2099}};
        for (const auto& [from, to] : planted) {
            rows[to] = rows[from] * 1.5;
        }
        const auto groups = NearDuplicateFinder(0.999).find(rows);
        QCOMPARE(groups.size(), planted.size());
        std::set<std::vector<size_t>> found;
        for (const auto& group : groups) {
            found.insert(group.images);
        }
        for (const auto& [from, to] : planted) {
            QVERIFY(found.count({size_t(std::min(from, to)), size_t(std::max(from, to))}));
        }
    }

    // The strict test: 8 shared photos (4 per class, drawn with seed 42), each with three
    // copies: half size (JPEG q 90), recompressed at full size (JPEG q 40), three quarters
    // size (JPEG q 70). At the default threshold each original and its copies form one group,
    // and nothing else is grouped but the shared set's genuine duplicates.
    void plantedCopiesAreGroupedWithNoFalseGroups() {
        const SharedPhotoFeatures photos = loadSharedPhotoFeatures();
        std::vector<std::vector<size_t>> byClass(2);
        for (size_t i = 0; i < photos.paths.size(); ++i) {
            byClass[photos.labels[i]].push_back(i);
        }
        std::mt19937_64 rng(42);
        std::vector<size_t> originals;
        for (auto& members : byClass) {
            std::shuffle(members.begin(), members.end(), rng);
            originals.insert(originals.end(), members.begin(), members.begin() + 4);
        }
        QTemporaryDir dir;
        std::vector<fs::path> copies;
        for (size_t original : originals) {
            const cv::Mat rgb = ImageDecoder::decodeFull(photos.paths[original]);
            const std::string stem = photos.paths[original].stem().u8string();
            const fs::path folder = toPath(dir.path());
            copies.push_back(folder / (stem + "-half.jpg"));
            writeJpeg(copies.back(), scaled(rgb, 0.5), 90);
            copies.push_back(folder / (stem + "-q40.jpg"));
            writeJpeg(copies.back(), rgb, 40);
            copies.push_back(folder / (stem + "-three-quarters.jpg"));
            writeJpeg(copies.back(), scaled(rgb, 0.75), 70);
        }
        FeatureExtractor extractor(photos.backbone, {}, 42,
                                   FeatureCache(toPath(testFeatureCacheDir())));
        const auto extracted = extractor.extract(copies, 1, false, {}, [] {});
        QCOMPARE(extracted.kept.size(), copies.size());
        const torch::Tensor all = torch::cat({photos.features, extracted.features.select(1, 0)}, 0);
        std::vector<fs::path> paths = photos.paths;
        paths.insert(paths.end(), copies.begin(), copies.end());

        const NearDuplicateFinder finder;
        const auto groups = finder.find(all);
        std::set<std::set<std::string>> expected(kGenuineDuplicates.begin(),
                                                 kGenuineDuplicates.end());
        for (size_t k = 0; k < originals.size(); ++k) {
            const std::string stem = photos.paths[originals[k]].stem().u8string();
            expected.insert({stem + ".jpg", stem + "-half.jpg", stem + "-q40.jpg",
                             stem + "-three-quarters.jpg"});
        }
        std::set<std::set<std::string>> found;
        for (const auto& group : groups) {
            found.insert(namesOf(group, paths));
        }
        // The margins behind the default threshold, for the record.
        const torch::Tensor unit = torch::nn::functional::normalize(
            all, torch::nn::functional::NormalizeFuncOptions().dim(1));
        const torch::Tensor similarity = torch::matmul(unit, unit.t());
        double weakestCopy = 1;
        for (size_t k = 0; k < originals.size(); ++k) {
            for (int c = 0; c < 3; ++c) {
                weakestCopy = std::min(
                    weakestCopy,
                    similarity[int64_t(originals[k])][int64_t(photos.paths.size() + 3 * k + c)]
                        .item<double>());
            }
        }
        const int64_t n = photos.features.size(0);
        const torch::Tensor distinct = similarity.slice(0, 0, n).slice(1, 0, n) - 2 * torch::eye(n);
        qInfo("threshold %.3f: weakest copy %.4f; closest distinct shared photos %.4f",
              finder.threshold(), weakestCopy, distinct.max().item<double>());
        for (const auto& group : found) {
            QVERIFY2(expected.count(group), qPrintable(QString::fromStdString(*group.begin())));
        }
        QCOMPARE(found.size(), expected.size());
    }
};

QTEST_GUILESS_MAIN(TestNearDuplicates)
#include "TestNearDuplicates.moc"
