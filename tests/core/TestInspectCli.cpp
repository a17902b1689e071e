// SPDX-License-Identifier: MIT
// `transferlab-cli inspect`, `explain` and `suggest` end to end on the shared photos: the JSON
// shapes the issue specifies (exactly those keys), the split-leak warning, heat-map overlays
// that replace only their own files, usage errors.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <cmath>
#include <set>

#include "SharedPhotoFeatures.h"
#include "TestFiles.h"
#include "TestPaths.h"
#include "data/ImageFolderDataset.h"
#include "support/Paths.h"

using namespace tl::test;
namespace fs = std::filesystem;

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out, err;
};

Run runCli(const QStringList& args) {
    QProcess process;
    process.start(cliPath(), args);
    process.waitForFinished(300000);
    return {process.exitCode(), process.readAllStandardOutput(), process.readAllStandardError()};
}

QStringList keysOf(const QJsonObject& object) {
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

QString photo(const QString& relative) {
    return alpacaDatasetDir() + "/" + relative;
}

}  // namespace

class TestInspectCli : public QObject {
    Q_OBJECT

    QTemporaryDir work_;
    QString model_;

private slots:
    void initTestCase() {
        model_ = work_.filePath("model");
        const Run train =
            runCli({"train", alpacaDatasetDir(), "--backbone", teachableMachineDir(), "--out",
                    model_, "--epochs", "20", "--cache", testFeatureCacheDir(), "--quiet"});
        QVERIFY2(train.exitCode == 0, train.err.constData());
    }

    void inspectPrintsTheIssueShapes() {
        const Run run = runCli({"inspect", alpacaDatasetDir(), "--backbone", teachableMachineDir(),
                                "--json", "--cache", testFeatureCacheDir()});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject report = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(keysOf(report), QStringList({"label_issues", "near_duplicates", "outliers"}));
        const QJsonArray issues = report["label_issues"].toArray();
        QVERIFY(issues.size() >= 5 && issues.size() < 100);
        double previous = 2;
        for (const auto& value : issues) {
            const QJsonObject issue = value.toObject();
            QCOMPARE(keysOf(issue), QStringList({"image", "label", "score", "suggested"}));
            QVERIFY(QFile::exists(issue["image"].toString()));
            QCOMPARE(QFileInfo(issue["image"].toString()).dir().dirName(),
                     issue["label"].toString());
            const QStringList classes{"alpaca", "not_alpaca"};
            QVERIFY(classes.contains(issue["label"].toString()));
            QVERIFY(classes.contains(issue["suggested"].toString()));
            QVERIFY(issue["label"].toString() != issue["suggested"].toString());
            const double score = issue["score"].toDouble(-1);
            QVERIFY(score >= 0 && score <= 1 && score <= previous);  // most suspect first
            previous = score;
        }
        for (const auto& value : report["near_duplicates"].toArray()) {
            const QJsonObject group = value.toObject();
            QCOMPARE(keysOf(group), QStringList({"images", "similarity"}));
            QVERIFY(group["images"].toArray().size() >= 2);
            QVERIFY(group["similarity"].toDouble() > 0.9);
        }
        for (const auto& value : report["outliers"].toArray()) {
            const QJsonObject outlier = value.toObject();
            QCOMPARE(keysOf(outlier), QStringList({"image", "score"}));
            QVERIFY(outlier["score"].toDouble() > 1);
        }
        const Run readable = runCli({"inspect", alpacaDatasetDir(), "--backbone",
                                     teachableMachineDir(), "--cache", testFeatureCacheDir()});
        QCOMPARE(readable.exitCode, 0);
        QVERIFY(readable.out.contains("Likely label errors: " + QByteArray::number(issues.size())));
        QVERIFY(readable.out.contains("Near-duplicate groups"));
        QVERIFY(readable.out.contains("Outliers"));
    }

    // An exact copy of a photo placed so that it lands on the other side of the split.
    void inspectWarnsWhenDuplicatesStraddleTheSplit() {
        QTemporaryDir dir;
        const fs::path root = toPath(dir.path());
        const auto shared = tl::ImageFolderDataset::scan(toPath(alpacaDatasetDir()));
        int perClass[2] = {0, 0};
        fs::path original;
        for (const auto& image : shared.images()) {
            if (perClass[image.label]++ < 10) {
                fs::create_directories(root / shared.classNames()[image.label]);
                linkOrCopy(image.path,
                           root / shared.classNames()[image.label] / image.path.filename());
                if (original.empty()) {
                    original = root / shared.classNames()[image.label] / image.path.filename();
                }
            }
        }
        const auto sideOf = [&](const fs::path& path) {
            const auto dataset = tl::ImageFolderDataset::scan(root);
            for (const auto& image : dataset.images()) {
                if (image.path == path) {
                    return image.subset;
                }
            }
            return tl::Subset::Training;
        };
        fs::path copy;
        for (int attempt = 0; attempt < 50 && copy.empty(); ++attempt) {
            const fs::path candidate =
                original.parent_path() / ("copy-" + std::to_string(attempt) + ".jpg");
            fs::copy_file(original, candidate);
            if (sideOf(candidate) != sideOf(original)) {
                copy = candidate;
            } else {
                fs::remove(candidate);
            }
        }
        QVERIFY(!copy.empty());
        const Run run = runCli({"inspect", dir.path(), "--backbone", teachableMachineDir(),
                                "--json", "--folds", "3", "--cache", testFeatureCacheDir()});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains("straddle the training/validation split"), run.err.constData());
        const QJsonArray groups =
            QJsonDocument::fromJson(run.out).object()["near_duplicates"].toArray();
        QCOMPARE(groups.size(), 1);
        const QJsonArray images = groups[0].toObject()["images"].toArray();
        QCOMPARE(images.size(), 2);
        QVERIFY(groups[0].toObject()["similarity"].toDouble() > 0.9999);
        const std::set<QString> members{images[0].toString(), images[1].toString()};
        QVERIFY(members.count(tl::toQString(copy)) && members.count(tl::toQString(original)));
    }

    void explainPrintsHeatmapsAndWritesOverlays() {
        const QString out = work_.filePath("cams");
        const QStringList photos{
            photo("alpaca/01ad3ff1d94eb557.jpg"),
            photo("not_alpaca/" +
                  QDir(alpacaDatasetDir() + "/not_alpaca").entryList(QDir::Files).first())};
        const Run run =
            runCli(QStringList{"explain", model_} + photos + QStringList{"--json", "--out", out});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray results = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(results.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const QJsonObject result = results[i].toObject();
            QCOMPARE(keysOf(result), QStringList({"heatmap", "image", "label", "probabilities"}));
            QCOMPARE(result["image"].toString(), photos[i]);
            const QJsonObject probabilities = result["probabilities"].toObject();
            QCOMPARE(keysOf(probabilities), QStringList({"alpaca", "not_alpaca"}));
            const double pAlpaca = probabilities["alpaca"].toDouble();
            QVERIFY(std::abs(pAlpaca + probabilities["not_alpaca"].toDouble() - 1) < 1e-5);
            QCOMPARE(result["label"].toString(), pAlpaca >= 0.5 ? "alpaca" : "not_alpaca");
            const QJsonObject heatmap = result["heatmap"].toObject();
            QCOMPARE(keysOf(heatmap), QStringList({"height", "values", "width"}));
            const cv::Mat image = cv::imread(photos[i].toStdString());
            const int width = heatmap["width"].toInt();
            const int height = heatmap["height"].toInt();
            QCOMPARE(std::max(width, height), 64);
            QCOMPARE(height, int(std::lround(64.0 * image.rows / image.cols)));
            const QJsonArray values = heatmap["values"].toArray();
            QCOMPARE(values.size(), width * height);
            double maximum = 0;
            for (const auto& v : values) {
                QVERIFY(v.toDouble() >= 0 && v.toDouble() <= 1);
                maximum = std::max(maximum, v.toDouble());
            }
            QCOMPARE(maximum, 1.0);
        }
        const QString firstCam = out + "/01ad3ff1d94eb557-cam.png";
        QVERIFY(QFile::exists(firstCam));
        QCOMPARE(QDir(out).entryList(QDir::Files).size(), 2);
        // Again: TransferLab's own overlays are replaced.
        QCOMPARE(
            runCli(QStringList{"explain", model_} + photos + QStringList{"--out", out}).exitCode,
            0);

        // A file it did not write is kept, and the run says so.
        const QString third = QDir(alpacaDatasetDir() + "/alpaca").entryList(QDir::Files).last();
        const QString foreign = out + "/" + QFileInfo(third).completeBaseName() + "-cam.png";
        writeAll(foreign, "my own file");
        const Run refused = runCli({"explain", model_, photo("alpaca/" + third), "--out", out});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY(refused.err.contains("not replaced"));
        QCOMPARE(readAll(foreign), QByteArray("my own file"));

        // Another class explained: another heat-map.
        const Run other = runCli({"explain", model_, photos[0], "--json", "--class", "not_alpaca"});
        QCOMPARE(other.exitCode, 0);
        const QJsonArray otherValues = QJsonDocument::fromJson(other.out)
                                           .array()[0]
                                           .toObject()["heatmap"]
                                           .toObject()["values"]
                                           .toArray();
        QVERIFY(otherValues != results[0].toObject()["heatmap"].toObject()["values"].toArray());
        const Run unknown = runCli({"explain", model_, photos[0], "--class", "llama"});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY(unknown.err.contains("alpaca, not_alpaca"));
    }

    void suggestPrintsRankedPhotos() {
        const QString folder = alpacaDatasetDir() + "/not_alpaca";
        const Run run = runCli({"suggest", model_, folder, "--count", "5", "--json", "--cache",
                                testFeatureCacheDir()});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonArray suggestions = QJsonDocument::fromJson(run.out).array();
        QCOMPARE(suggestions.size(), 5);
        QSet<QString> seen;
        for (const auto& value : suggestions) {
            const QJsonObject suggestion = value.toObject();
            QCOMPARE(keysOf(suggestion), QStringList({"image", "score"}));
            QVERIFY(suggestion["image"].toString().startsWith(folder + "/"));
            seen.insert(suggestion["image"].toString());
            QVERIFY(suggestion["score"].toDouble() >= 0 && suggestion["score"].toDouble() <= 1);
        }
        QCOMPARE(seen.size(), 5);
    }

    void usageErrors() {
        QCOMPARE(runCli({"inspect", alpacaDatasetDir()}).exitCode, 2);
        QCOMPARE(
            runCli({"inspect", alpacaDatasetDir(), "--backbone", "x", "--folds", "1"}).exitCode, 2);
        QCOMPARE(runCli({"explain", model_}).exitCode, 2);
        QCOMPARE(runCli({"suggest", model_, alpacaDatasetDir(), "--count", "0"}).exitCode, 2);
        const Run missing =
            runCli({"inspect", work_.filePath("nothing"), "--backbone", teachableMachineDir()});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains("not found"));
    }
};

QTEST_GUILESS_MAIN(TestInspectCli)
#include "TestInspectCli.moc"
