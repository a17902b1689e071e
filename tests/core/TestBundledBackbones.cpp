// SPDX-License-Identifier: MIT
// The backbone installed with the application (packaging: TRANSFERLAB_BUNDLE_BACKBONE): it is
// recognised by its content, not by the official file's checksum, adopted by the store with
// no network, and makes `transferlab-cli train DATA --out M` work offline without --backbone.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include "KerasH5Writer.h"
#include "SyntheticImages.h"
#include "TestFiles.h"
#include "TestPaths.h"
#include "backbones/BackboneStore.h"
#include "backbones/BundledBackbones.h"
#include "nn/MobileNetV2.h"
#include "support/Errors.h"

using namespace tl;
using tl::test::toPath;

namespace {

const char* kOfficial224 = "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5";

QString sharedFullWidth224() {
    return test::sharedDir() + "/models/keras-mobilenet-v2-1.0-224/mobilenet_v2_1.0_224_no_top.h5";
}

// A catalogue whose one entry publishes a size and SHA-256 no test file has: a bundled file
// can only be adopted by its content.
BackboneCatalog catalogueWithOfficialChecksum() {
    const QJsonObject entry{{"name", "mobilenet_v2_0.35_96"},
                            {"architecture", "mobilenet_v2"},
                            {"alpha", 0.35},
                            {"inputSize", 96},
                            {"preprocessing", "mobilenet"},
                            {"path",
                             "mobilenet_v2/"
                             "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5"},
                            {"sizeBytes", 123},
                            {"sha256", QString(64, 'a')}};
    const QJsonObject catalog{{"baseUrl", "http://127.0.0.1:9/keras/"},
                              {"default", "mobilenet_v2_0.35_96"},
                              {"backbones", QJsonArray{entry}}};
    return BackboneCatalog::fromJson(QJsonDocument(catalog).toJson());
}

void writeRandomWeights(const QString& path, double alpha) {
    MobileNetV2 network(BackboneSpec{"mobilenet_v2", alpha, 96});
    KerasH5Writer::writeBackboneWeights(toPath(path), network);
}

}  // namespace

class TestBundledBackbones : public QObject {
    Q_OBJECT

    QTemporaryDir work_;

private slots:
    void initTestCase() {
        torch::set_num_threads(2);
        qputenv("KERAS_HOME", work_.filePath("no-keras").toUtf8());
    }

    void trainingSizeComesFromTheName() {
        QCOMPARE(BundledBackbones::trainingSizeFromFileName(kOfficial224), 224);
        QCOMPARE(BundledBackbones::trainingSizeFromFileName("mobilenet_v2_1.0_224_no_top.h5"), 224);
        QCOMPARE(BundledBackbones::trainingSizeFromFileName(
                     "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5"),
                 96);
        QCOMPARE(BundledBackbones::trainingSizeFromFileName(
                     "inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5"),
                 0);
        QCOMPARE(BundledBackbones::trainingSizeFromFileName("weights.h5"), 0);
        QCOMPARE(BundledBackbones::trainingSizeFromFileName("net-160.h5"), 160);
    }

    // Or from the "<file>.json" the packaging writes beside it, which wins over the name.
    void trainingSizeComesFromTheSidecar() {
        const QString file = work_.filePath("sidecar/weights_96.h5");
        QVERIFY(QDir().mkpath(work_.filePath("sidecar")));
        test::writeAll(file, "x");
        QCOMPARE(BundledBackbones::trainingSize(file), 96);
        test::writeAll(file + ".json",
                       R"({"format": "transferlab-bundled-backbone", "inputSize": 128})");
        QCOMPARE(BundledBackbones::trainingSize(file), 128);
        test::writeAll(file + ".json", R"({"inputSize": "big"})");
        QCOMPARE(BundledBackbones::trainingSize(file), 96);
    }

    // Architecture and width from the weights: any name, not the official checksum.
    void recognisesTheNetworkByItsWeights() {
        const QString folder = work_.filePath("recognise");
        QVERIFY(QDir().mkpath(folder));
        writeRandomWeights(folder + "/base_0.35_96.h5", 0.35);
        QString problem;
        const auto bundled = BundledBackbones::recognise(folder + "/base_0.35_96.h5", &problem);
        QVERIFY2(bundled, qPrintable(problem));
        QVERIFY((bundled->spec == BackboneSpec{"mobilenet_v2", 0.35, 96}));
        const BackboneCatalog& catalog = BackboneCatalog::builtIn();
        QVERIFY(BundledBackbones::matches(*bundled, *catalog.find("mobilenet_v2_0.35_96")));
        QVERIFY(!BundledBackbones::matches(*bundled, *catalog.find("mobilenet_v2_0.35_128")));
        QVERIFY(!BundledBackbones::matches(*bundled, *catalog.find("mobilenet_v2_0.5_96")));

        // No size: not used, and the reason says how to give one.
        QVERIFY(QFile::copy(folder + "/base_0.35_96.h5", folder + "/base.h5"));
        QVERIFY(!BundledBackbones::recognise(folder + "/base.h5", &problem));
        QVERIFY2(problem.contains("training size"), qPrintable(problem));
        // Damaged: not used.
        QByteArray bytes = test::readAll(folder + "/base_0.35_96.h5");
        test::writeAll(folder + "/cut_0.35_96.h5", bytes.left(bytes.size() / 3));
        QVERIFY(!BundledBackbones::recognise(folder + "/cut_0.35_96.h5", &problem));
        QVERIFY(!problem.isEmpty());

        const BundledBackbones installed({folder});
        QCOMPARE(installed.scan().size(), size_t(1));
        QVERIFY(installed.find(*catalog.find("mobilenet_v2_0.35_96")));
        QVERIFY(!installed.find(*catalog.find("mobilenet_v2_1.0_224")));
    }

    // The real file the packages bundle is the catalogue default's network.
    void theSharedFileIsTheDefaultBackbone() {
        if (!QFile::exists(sharedFullWidth224())) {
            QSKIP("the shared MobileNetV2 1.0 @ 224 file is missing");
        }
        QString problem;
        const auto bundled = BundledBackbones::recognise(sharedFullWidth224(), &problem);
        QVERIFY2(bundled, qPrintable(problem));
        const BackboneCatalogEntry& standard = BackboneCatalog::builtIn().defaultEntry();
        QCOMPARE(standard.name, QString("mobilenet_v2_1.0_224"));
        QCOMPARE(standard.fileName(), QString(kOfficial224));
        QVERIFY(BundledBackbones::matches(*bundled, standard));
    }

    // Offline, the store adopts the installed copy, although it is not the official file.
    void theStoreAdoptsTheBundledCopyOffline() {
        const QString installed = work_.filePath("installed");
        QVERIFY(QDir().mkpath(installed));
        writeRandomWeights(installed + "/my_mobilenet_0.35_96.h5", 0.35);
        writeRandomWeights(installed + "/wider_0.5_96.h5", 0.5);  // another network: ignored

        BackboneStore store(catalogueWithOfficialChecksum());
        store.setDirectory(work_.filePath("store"));
        store.setBundledFolders({installed});
        store.setDownloadsAllowed(false);
        QStringList log;
        store.setLog([&log](const QString& line) { log << line; });
        QVERIFY(store.bundled("mobilenet_v2_0.35_96"));
        const StoredBackbone stored = store.ensure("mobilenet_v2_0.35_96");
        QCOMPARE(stored.source, QString("bundled"));
        QCOMPARE(stored.origin, installed + "/my_mobilenet_0.35_96.h5");
        QCOMPARE(test::readAll(stored.path), test::readAll(installed + "/my_mobilenet_0.35_96.h5"));
        QVERIFY(log.join('\n').contains("installed with TransferLab"));
        const BackboneVerification check = store.verify("mobilenet_v2_0.35_96");
        QVERIFY2(check.ok, qPrintable(check.message));
        // Later uses take the recorded copy, even with the installed file gone.
        QVERIFY(QFile::remove(installed + "/my_mobilenet_0.35_96.h5"));
        QCOMPARE(store.ensure("mobilenet_v2_0.35_96").sha256, stored.sha256);
        // A damaged copy is caught.
        QByteArray bytes = test::readAll(stored.path);
        bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x55);
        test::writeAll(stored.path, bytes);
        QVERIFY(!store.verify("mobilenet_v2_0.35_96").ok);

        // Without a matching installed file, offline is still an error that says so.
        BackboneStore empty(catalogueWithOfficialChecksum());
        empty.setDirectory(work_.filePath("store2"));
        empty.setBundledFolders({installed});  // holds only the 0.5 network now
        empty.setDownloadsAllowed(false);
        QVERIFY_THROWS_EXCEPTION(BackboneUnavailableError, empty.ensure("mobilenet_v2_0.35_96"));
    }

    // What a fresh install does: no --backbone, no --size, no network.
    void cliTrainsOfflineWithTheBundledDefault() {
        if (!QFile::exists(sharedFullWidth224())) {
            QSKIP("the shared MobileNetV2 1.0 @ 224 file is missing");
        }
        const QString installed = work_.filePath("share/transferlab/backbones");
        QVERIFY(QDir().mkpath(installed));
        QVERIFY(QFile::copy(sharedFullWidth224(), installed + "/mobilenet_v2_1.0_224_no_top.h5"));
        const QString data = work_.filePath("colours");
        test::writeColourDataset(data, 8, 48);

        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("TRANSFERLAB_OFFLINE", "1");
        environment.insert("TRANSFERLAB_BACKBONE_BASE_URL", "http://127.0.0.1:9/unreachable/");
        environment.insert("TRANSFERLAB_BUNDLED_BACKBONE_DIR", installed);
        environment.insert("TRANSFERLAB_BACKBONE_DIR", work_.filePath("user-store"));
        environment.insert("XDG_CACHE_HOME", work_.filePath("cache"));
        QProcess train;
        train.setProcessEnvironment(environment);
        train.start(test::cliPath(), {"train", data, "--out", work_.filePath("model"), "--epochs",
                                      "3", "--quiet", "--json"});
        QVERIFY(train.waitForFinished(300000));
        QVERIFY2(train.exitCode() == 0, train.readAllStandardError().constData());

        QFile modelJson(work_.filePath("model/model.json"));
        QVERIFY(modelJson.open(QIODevice::ReadOnly));
        const QJsonObject model = QJsonDocument::fromJson(modelJson.readAll()).object();
        QCOMPARE(model.value("backbone").toObject().value("reference").toString(),
                 QString("mobilenet_v2_1.0_224"));
        QCOMPARE(model.value("settings").toObject().value("input_size").toInt(), 224);
        QVERIFY(QFile::exists(work_.filePath("user-store/") + kOfficial224));

        QProcess predict;
        predict.setProcessEnvironment(environment);
        predict.start(test::cliPath(),
                      {"predict", work_.filePath("model"), data + "/red/000.jpg", "--json"});
        QVERIFY(predict.waitForFinished(120000));
        QVERIFY2(predict.exitCode() == 0, predict.readAllStandardError().constData());
        const QJsonArray results = QJsonDocument::fromJson(predict.readAllStandardOutput()).array();
        QCOMPARE(results.size(), 1);
        QCOMPARE(results[0].toObject().value("label").toString(), QString("red"));
    }
};

QTEST_GUILESS_MAIN(TestBundledBackbones)
#include "TestBundledBackbones.moc"
