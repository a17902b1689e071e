// SPDX-License-Identifier: MIT
// The packed feature store (persistence, validation of what it reads, merging) and the
// extraction pipeline (same features as decoding and embedding one photo at a time, in input
// order, with skipped photos, the cache, cancellation and bounded fine-tuning inputs).
#include "support/TorchInclude.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "SyntheticImages.h"
#include "TestPaths.h"
#include "data/ImageDecoder.h"
#include "data/Preprocessing.h"
#include "support/ComputeThreads.h"
#include "support/Paths.h"
#include "training/DecodedImageCache.h"
#include "training/FeatureExtractor.h"
#include "training/FeatureSource.h"
#include "training/FeatureStore.h"

using namespace tl;
namespace fs = std::filesystem;

namespace {

FeatureStore::Hash hashFor(int i) {
    return FeatureStore::hashOf(QByteArray::number(i));
}

std::vector<float> rowFor(int i, int64_t values) {
    std::vector<float> row(static_cast<size_t>(values));
    for (int64_t v = 0; v < values; ++v) {
        row[static_cast<size_t>(v)] = static_cast<float>(i * 1000 + v) * 0.5f;
    }
    return row;
}

std::vector<fs::path> segmentFiles(const fs::path& folder) {
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder)) {
        if (entry.path().extension() == ".tlfeat") {
            files.push_back(entry.path());
        }
    }
    return files;
}

struct CanceledForTest : std::exception {};

}  // namespace

class TestFeatureExtraction : public QObject {
    Q_OBJECT

    QTemporaryDir work_;
    QString photos_;

private slots:
    void initTestCase() {
        ComputeThreads::configure(2);
        photos_ = work_.filePath("photos");
        test::writeColourDataset(photos_, 7, 80);
    }

    void storeKeepsEntriesAcrossInstances() {
        QTemporaryDir dir;
        const int64_t values = 37;
        {
            FeatureStore store(toPath(dir.path()), "space-a", values);
            QCOMPARE(store.size(), size_t(0));
            for (int i = 0; i < 10; ++i) {
                store.add(hashFor(i), rowFor(i, values).data());
            }
            std::vector<float> out(values);
            QVERIFY(store.read(hashFor(3), out.data()));  // pending, not yet written
            QCOMPARE(out, rowFor(3, values));
        }
        FeatureStore again(toPath(dir.path()), "space-a", values);
        QCOMPARE(again.size(), size_t(10));
        QCOMPARE(again.segmentCount(), 1);
        std::vector<float> out(values);
        for (int i = 0; i < 10; ++i) {
            QVERIFY(again.read(hashFor(i), out.data()));
            QCOMPARE(out, rowFor(i, values));
        }
        QVERIFY(!again.read(hashFor(10), out.data()));
        // Another feature space, or another row length, never sees these entries.
        QCOMPARE(FeatureStore(toPath(dir.path()), "space-b", values).size(), size_t(0));
    }

    void damagedSegmentsAndRowsAreNotTrusted() {
        QTemporaryDir dir;
        const int64_t values = 16;
        fs::path folder;
        {
            FeatureStore store(toPath(dir.path()), "space", values);
            for (int i = 0; i < 4; ++i) {
                store.add(hashFor(i), rowFor(i, values).data());
            }
            store.flush();
            folder = store.directory();
        }
        const fs::path segment = segmentFiles(folder).front();
        {  // One flipped bit in the last row: that row fails its checksum, the others read.
            QFile file(toQString(segment));
            QVERIFY(file.open(QIODevice::ReadWrite));
            file.seek(file.size() - 5);
            const char byte = file.read(1)[0];
            file.seek(file.size() - 5);
            file.write(QByteArray(1, char(byte ^ 0x10)));
        }
        // A truncated segment, one claiming a huge entry count and one of another space.
        QFile::copy(toQString(segment), toQString(folder / "seg-truncated.tlfeat"));
        QFile::resize(toQString(folder / "seg-truncated.tlfeat"), 100);
        QFile::copy(toQString(segment), toQString(folder / "seg-huge.tlfeat"));
        {
            QFile file(toQString(folder / "seg-huge.tlfeat"));
            QVERIFY(file.open(QIODevice::ReadWrite));
            file.seek(16);
            file.write(QByteArray(8, char(0x7f)));
        }
        FeatureStore store(toPath(dir.path()), "space", values);
        QCOMPARE(store.segmentCount(), 1);
        std::vector<float> out(values);
        QVERIFY(store.read(hashFor(0), out.data()));
        QCOMPARE(out, rowFor(0, values));
        QVERIFY(!store.read(hashFor(3), out.data()));
    }

    void manySegmentsAreMergedIntoOne() {
        QTemporaryDir dir;
        const int64_t values = 8;
        FeatureStore store(toPath(dir.path()), "space", values);
        for (int i = 0; i < FeatureStore::kMaxSegments + 3; ++i) {
            store.add(hashFor(i), rowFor(i, values).data());
            store.flush();
        }
        QVERIFY(store.segmentCount() < FeatureStore::kMaxSegments);
        QCOMPARE(int(segmentFiles(store.directory()).size()), store.segmentCount());
        FeatureStore reopened(toPath(dir.path()), "space", values);
        QCOMPARE(reopened.size(), size_t(FeatureStore::kMaxSegments + 3));
        std::vector<float> out(values);
        for (int i = 0; i < FeatureStore::kMaxSegments + 3; ++i) {
            QVERIFY(reopened.read(hashFor(i), out.data()));
            QCOMPARE(out, rowFor(i, values));
        }
    }

    // The pipeline (decode pool, batches, single-threaded forward passes on two workers) gives
    // every photo, in input order, the embedding of decoding and embedding it on its own: on
    // the frozen path (always with a cache) and on the eager one (a few photos without).
    void pipelineMatchesOnePhotoAtATime_data() {
        QTest::addColumn<bool>("cached");
        QTest::newRow("frozen path, cache") << true;
        QTest::newRow("eager path, few photos") << false;
    }

    void pipelineMatchesOnePhotoAtATime() {
        QFETCH(bool, cached);
        if (!QFile::exists(test::teachableMachineModelJson())) {
            QSKIP("the shared Teachable Machine backbone is missing");
        }
        std::vector<fs::path> paths;
        for (const QString& name : QDir(photos_ + "/red").entryList(QDir::Files, QDir::Name)) {
            paths.push_back(toPath(photos_ + "/red/" + name));
        }
        const fs::path broken = toPath(work_.filePath("broken.jpg"));
        QFile file(toQString(broken));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("\xff\xd8\xff not really a JPEG");
        file.close();
        paths.insert(paths.begin() + 2, broken);
        const LoadedBackbone backbone = loadBackbone(test::teachableMachineDir().toStdString(), 96);
        QTemporaryDir cacheDir;
        FeatureExtractor extractor(backbone, {}, 0,
                                   cached ? FeatureCache(toPath(cacheDir.path())) : FeatureCache(),
                                   /*batchSize=*/3);
        size_t lastDone = 0;
        const auto result =
            extractor.extract(paths, 1, true, [&](size_t done, size_t) { lastDone = done; }, {});
        QCOMPARE(lastDone, paths.size());
        QCOMPARE(result.kept.size(), paths.size() - 1);
        QCOMPARE(result.skipped.size(), size_t(1));
        QCOMPARE(result.skipped.front().path, broken);
        QCOMPARE(result.images.size(), result.kept.size());
        const ImageDecoder decoder(cv::Size(96, 96));
        torch::NoGradGuard noGrad;
        for (size_t row = 0; row < result.kept.size(); ++row) {
            QCOMPARE(result.kept[row], row < 2 ? row : row + 1);
            const cv::Mat image = decoder.decode(paths[result.kept[row]]);
            const auto alone =
                backbone.backbone->embed(toInputBatch({image}, backbone.backbone->preprocessing()));
            const double difference =
                (result.features[int64_t(row)][0] - alone[0]).abs().max().item<double>();
            QVERIFY2(difference < 1e-4, qPrintable(QString::number(difference)));
        }
    }

    void cacheServesTheSecondRunAndKeepsWorkWhenCanceled() {
        if (!QFile::exists(test::teachableMachineModelJson())) {
            QSKIP("the shared Teachable Machine backbone is missing");
        }
        std::vector<fs::path> paths;
        for (const QString& colour : QDir(photos_).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            for (const QString& name : QDir(photos_ + "/" + colour).entryList(QDir::Files)) {
                paths.push_back(toPath(photos_ + "/" + colour + "/" + name));
            }
        }
        QTemporaryDir cacheDir;
        const LoadedBackbone backbone = loadBackbone(test::teachableMachineDir().toStdString(), 96);
        {  // Canceled after the first progress report: what was computed stays in the cache.
            FeatureExtractor extractor(backbone, {}, 0, FeatureCache(toPath(cacheDir.path())), 2);
            bool progressed = false;
            QVERIFY_THROWS_EXCEPTION(
                CanceledForTest, extractor.extract(
                                     paths, 1, false, [&](size_t, size_t) { progressed = true; },
                                     [&] {
                                         if (progressed) {
                                             throw CanceledForTest();
                                         }
                                     }));
        }
        FeatureExtractor first(backbone, {}, 0, FeatureCache(toPath(cacheDir.path())));
        const auto computed = first.extract(paths, 1, false, {}, {});
        QVERIFY(computed.cacheHits > 0);
        QCOMPARE(computed.cacheHits + computed.computed, int(paths.size()));
        FeatureExtractor second(backbone, {}, 0, FeatureCache(toPath(cacheDir.path())));
        const auto cached = second.extract(paths, 1, false, {}, {});
        QCOMPARE(cached.cacheHits, int(paths.size()));
        QVERIFY(torch::equal(cached.features, computed.features));
        // Another input size is another feature space: nothing is reused.
        const LoadedBackbone larger = loadBackbone(test::teachableMachineDir().toStdString(), 128);
        FeatureExtractor third(larger, {}, 0, FeatureCache(toPath(cacheDir.path())));
        QVERIFY(third.featureSpace(1) != second.featureSpace(1));
        QCOMPARE(third.extract(paths, 1, false, {}, {}).cacheHits, 0);
    }

    // What the automatic recipe charges for features it has not extracted yet: timed once per
    // input size without touching the cache, then scaled by photos and views.
    void costEstimateIsMeasuredOncePerSizeAndScales() {
        if (!QFile::exists(test::teachableMachineModelJson())) {
            QSKIP("the shared Teachable Machine backbone is missing");
        }
        QTemporaryDir photos;
        test::writeColourDataset(photos.path(), 12, 80);
        std::vector<fs::path> paths;
        for (const QString& colour :
             QDir(photos.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            for (const QString& name : QDir(photos.filePath(colour)).entryList(QDir::Files)) {
                paths.push_back(toPath(photos.filePath(colour + "/" + name)));
            }
        }
        QVERIFY(paths.size() > 16);  // the timed batch is not the warm-up's
        QTemporaryDir cacheDir;
        FeatureSource source(test::teachableMachineDir().toStdString(),
                             FeatureCache(toPath(cacheDir.path())), 0, {}, {});
        const FeatureRequest plain{96, {}, 1};
        const double all = source.estimate(paths, plain);
        const Backbone* loaded = source.backboneAt(96).backbone.get();
        QVERIFY(all > 0);
        const std::vector<fs::path> half(paths.begin(), paths.begin() + paths.size() / 2);
        QCOMPARE(source.estimate(half, plain), all * double(half.size()) / double(paths.size()));
        QCOMPARE(source.estimate({}, plain), 0.0);
        FeatureRequest augmented{96, {}, 3};
        QCOMPARE(source.estimate(paths, augmented), all);  // views count only when augmented
        augmented.augmentation.enabled = true;
        QCOMPARE(source.estimate(paths, augmented), 3 * all);
        // The probe writes nothing to the cache: its photos are not the ones asked for.
        QVERIFY(QDir(cacheDir.path()).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot));
        const double larger = source.estimate(paths, {128, {}, 1});
        QVERIFY(larger > 0);
        QCOMPARE(source.estimate(paths, plain), all);            // 96 px is not timed again
        QCOMPARE(source.backboneAt(96).backbone.get(), loaded);  // loaded once per size
        QCOMPARE(source.backboneAt(128).backbone->spec().inputSize, 128);
        // Real features go through the cache, at the size asked for.
        const torch::Tensor features = source.features(half, plain);
        QCOMPARE(features.size(0), int64_t(half.size()));
        QCOMPARE(features.size(1), int64_t(1));
        QVERIFY(!QDir(cacheDir.path()).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot));
    }

    void decodedImageCacheStaysWithinItsBudget() {
        std::vector<fs::path> paths;
        for (const QString& name : QDir(photos_ + "/red").entryList(QDir::Files, QDir::Name)) {
            paths.push_back(toPath(photos_ + "/red/" + name));
        }
        const int64_t oneImage = 32 * 32 * 3;
        DecodedImageCache cache(paths, cv::Size(32, 32), 3 * oneImage);
        const auto first = cache.get({0, 1, 2});
        QCOMPARE(cache.decodes(), int64_t(3));
        cache.get({0, 1, 2});
        QCOMPARE(cache.decodes(), int64_t(3));  // all three in memory
        cache.get({3, 4});
        QVERIFY(cache.bytesInMemory() <= 3 * oneImage);
        cache.get({0});
        QCOMPARE(cache.decodes(), int64_t(6));  // 0 was the least recently used: decoded again
        const ImageDecoder decoder(cv::Size(32, 32));
        QCOMPARE(cv::norm(first[1], decoder.decode(paths[1]), cv::NORM_INF), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestFeatureExtraction)
#include "TestFeatureExtraction.moc"
