// SPDX-License-Identifier: MIT
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include "FixtureHttpServer.h"
#include "KerasH5Writer.h"
#include "TestFiles.h"
#include "TestPaths.h"
#include "backbones/BackboneDownloadJob.h"
#include "backbones/BackboneJob.h"
#include "backbones/BackboneLoader.h"
#include "backbones/BackboneStore.h"
#include "nn/MobileNetV2.h"
#include "support/Errors.h"

using namespace tl;
using tl::test::FixtureHttpServer;
using tl::test::FixtureResponse;
using tl::test::toPath;
namespace fs = std::filesystem;

namespace {

// Served as the official MobileNetV2 0.35 @ 96 file; the catalogue knows no size or hash for
// it, so whatever the test server sends is accepted once it is a well-formed Keras file.
const char* kName = "mobilenet_v2_0.35_96";
const char* kPath =
    "/keras/mobilenet_v2/mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5";

QByteArray readFile(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeFile(const QString& path, const QByteArray& bytes) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QByteArray sha256(const QByteArray& bytes) {
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

// Retries and back-off shrunk so every failure scenario takes well under a second.
HttpDownloadOptions fastOptions() {
    HttpDownloadOptions options;
    options.maxAttempts = 3;
    options.initialBackoffMs = 10;
    options.maxBackoffMs = 40;
    options.idleTimeoutMs = 3000;
    return options;
}

QString errorOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const std::exception& error) {
        return QString::fromStdString(error.what());
    }
    return QString();
}

// A catalogue with one entry whose SHA-256 is known in advance.
BackboneCatalog catalogueWithChecksum(const QByteArray& sha) {
    const QJsonObject entry{{"name", "checked"},
                            {"architecture", "mobilenet_v2"},
                            {"alpha", 0.35},
                            {"inputSize", 96},
                            {"preprocessing", "mobilenet"},
                            {"path", "mobilenet_v2/checked_no_top.h5"},
                            {"sha256", QString::fromLatin1(sha)}};
    const QJsonObject catalog{{"baseUrl", "https://example.invalid/keras/"},
                              {"default", "checked"},
                              {"backbones", QJsonArray{entry}}};
    return BackboneCatalog::fromJson(QJsonDocument(catalog).toJson());
}

// The smallest job that loads a backbone, as training and inspection do.
class LoadingJob : public BackboneJob {
public:
    explicit LoadingJob(std::string reference) : reference_(std::move(reference)) {}
    LoadedBackbone loaded;

protected:
    void run() override { loaded = loadReportingBackbone(reference_, 0); }

private:
    std::string reference_;
};

}  // namespace

class TestBackboneStore : public QObject {
    Q_OBJECT

    FixtureHttpServer* server_ = nullptr;
    QTemporaryDir* dir_ = nullptr;
    QByteArray body_;  // a Keras weights file of a random MobileNetV2 0.35
    std::shared_ptr<MobileNetV2> network_;

    BackboneStore store() const {
        BackboneStore store;
        store.setDirectory(dir_->filePath("store"));
        store.setBaseUrl(server_->url("/keras/").toString());
        store.setDownloadOptions(fastOptions());
        return store;
    }

    QString storedFile() const {
        return dir_->filePath(
            "store/mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5");
    }

private slots:
    void initTestCase() {
        torch::set_num_threads(2);
        // Keep a developer's real ~/.keras/models cache out of the tests.
        qputenv("KERAS_HOME", QDir::temp().filePath("transferlab-no-keras-cache").toUtf8());
        qunsetenv("TRANSFERLAB_OFFLINE");
        network_ = std::make_shared<MobileNetV2>(BackboneSpec{"mobilenet_v2", 0.35, 96});
        {
            torch::NoGradGuard noGrad;
            for (auto& buffer : network_->buffers()) {
                if (buffer.dtype() == torch::kFloat32) {
                    buffer.uniform_(0.5, 1.5);
                }
            }
        }
        QTemporaryDir scratch;
        const QString file = scratch.filePath("weights.h5");
        KerasH5Writer::writeBackboneWeights(toPath(file), *network_);
        body_ = readFile(file);
        QVERIFY(body_.size() > 100000);
    }

    void init() {
        server_ = new FixtureHttpServer;
        QVERIFY(server_->isListening());
        server_->setBody(kPath, body_);
        dir_ = new QTemporaryDir;
    }

    void cleanup() {
        delete server_;
        delete dir_;
        qunsetenv("TRANSFERLAB_BACKBONE_DIR");
        qunsetenv("TRANSFERLAB_BACKBONE_BASE_URL");
    }

    void catalogueListsTheOfficialKerasFiles() {
        const BackboneCatalog& catalog = BackboneCatalog::builtIn();
        QCOMPARE(catalog.entries().size(), size_t(24));
        const BackboneCatalogEntry& standard = catalog.defaultEntry();
        QCOMPARE(standard.name, QString("mobilenet_v2_1.0_224"));
        QVERIFY((standard.spec == BackboneSpec{"mobilenet_v2", 1.0, 224}));
        BackboneStore official;
        QCOMPARE(
            official.url(standard).toString(),
            QString("https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/"
                    "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5"));
        for (const char* name :
             {"mobilenet_v2_0.35_96", "mobilenet_v2_0.5_128", "mobilenet_v2_0.75_192",
              "mobilenet_v2_1.0_224", "mobilenet_v2_1.3_224", "mobilenet_v2_1.4_224"}) {
            QVERIFY2(catalog.find(name), name);
        }
        const auto* inception = catalog.find("inception_v3");
        QVERIFY(inception);
        QCOMPARE(inception->spec.inputSize, 299);
        QVERIFY(inception->preprocessing == Preprocessing::MobileNet);
        QCOMPARE(inception->fileName(),
                 QString("inception_v3_weights_tf_dim_ordering_tf_kernels_notop.h5"));
        const auto* resnet = catalog.find("resnet50");
        QVERIFY(resnet);
        QVERIFY(resnet->preprocessing == Preprocessing::Caffe);
        QCOMPARE(resnet->path,
                 QString("resnet/resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5"));
        QVERIFY(standard.licence.contains("Apache"));
        QVERIFY(standard.licenceNote.contains("ImageNet"));
    }

    void downloadsOnFirstUseThenUsesTheLocalCopy() {
        BackboneStore backbones = store();
        QVERIFY(!backbones.stored(kName));
        const StoredBackbone first = backbones.ensure(kName);
        QCOMPARE(first.source, QString("download"));
        QCOMPARE(first.sha256, sha256(body_));
        QCOMPARE(first.sizeBytes, qint64(body_.size()));
        QCOMPARE(readFile(storedFile()), body_);
        QCOMPARE(server_->requestCount(kPath), 1);

        const StoredBackbone again = backbones.ensure(kName);
        QCOMPARE(again.sha256, first.sha256);
        QCOMPARE(again.recordedAt, first.recordedAt);
        QCOMPARE(server_->requestCount(kPath), 1);
        QVERIFY(backbones.verify(kName).ok);

        // loadBackbone by name finds the same file through the environment overrides.
        qputenv("TRANSFERLAB_BACKBONE_DIR", backbones.directory().toUtf8());
        qputenv("TRANSFERLAB_BACKBONE_BASE_URL", backbones.baseUrl().toUtf8());
        const LoadedBackbone loaded = loadBackbone(kName, 0);
        QVERIFY((loaded.backbone->spec() == BackboneSpec{"mobilenet_v2", 0.35, 96}));
        QCOMPARE(QByteArray::fromStdString(loaded.sha256), sha256(body_));
        QCOMPARE(QString::fromStdString(backboneCacheKey(loaded)),
                 QString("mobilenet_v2_0.35_96_") + sha256(body_).left(16));
        torch::NoGradGuard noGrad;
        const auto input = torch::rand({2, 3, 96, 96}) * 2 - 1;
        QVERIFY(torch::equal(loaded.backbone->embed(input), network_->embed(input)));
        QCOMPARE(loadBackbone(kName, 128).backbone->spec().inputSize, 128);
        QCOMPARE(server_->requestCount(kPath), 1);
    }

    void resumesAfterADroppedConnection() {
        FixtureResponse dropped = FixtureResponse::ok(body_);
        dropped.dropAfterBytes = body_.size() / 2;
        server_->setResponses(kPath, {dropped, FixtureResponse::ok(body_)});
        const StoredBackbone stored = store().ensure(kName);
        QCOMPARE(stored.sha256, sha256(body_));
        QVERIFY(FixtureHttpServer::isResumeSequence(
            server_->rangeHeaders(kPath), "bytes=" + QByteArray::number(body_.size() / 2) + "-"));
        QCOMPARE(readFile(storedFile()), body_);
    }

    void retriesAfterAServerError() {
        server_->setResponses(kPath,
                              {FixtureResponse::withStatus(500), FixtureResponse::ok(body_)});
        QCOMPARE(store().ensure(kName).sha256, sha256(body_));
        QCOMPARE(server_->requestCount(kPath), 2);
    }

    void rejectsACorruptedBodyByItsChecksum() {
        const BackboneCatalog catalog = catalogueWithChecksum(sha256(body_));
        BackboneStore backbones(catalog);
        backbones.setDirectory(dir_->filePath("store"));
        backbones.setBaseUrl(server_->url("/keras/").toString());
        backbones.setDownloadOptions(fastOptions());
        QByteArray corrupted = body_;
        corrupted[corrupted.size() / 2] = char(corrupted[corrupted.size() / 2] ^ 0x55);
        server_->setResponses("/keras/mobilenet_v2/checked_no_top.h5",
                              {FixtureResponse::ok(corrupted), FixtureResponse::ok(body_)});
        const QString error = errorOf([&] { backbones.ensure("checked"); });
        QVERIFY2(error.contains("SHA-256") && error.contains("place it as"), qPrintable(error));
        const QString file = dir_->filePath("store/checked_no_top.h5");
        QVERIFY(!QFile::exists(file));
        QVERIFY(!QFile::exists(HttpDownloader::partPath(file)));
        QCOMPARE(backbones.ensure("checked").sha256, sha256(body_));
    }

    void rejectsABodyThatIsNotAKerasFile() {
        server_->setBody(kPath, QByteArray(5000, 'x'));
        const QString error = errorOf([&] { store().ensure(kName); });
        QVERIFY2(error.contains("not an HDF5 file"), qPrintable(error));
        QVERIFY(!QFile::exists(storedFile()));
    }

    void detectsDamageAfterTheDownload() {
        BackboneStore backbones = store();
        backbones.ensure(kName);
        QByteArray damaged = body_;
        // A weight value in the middle: the HDF5 structure stays intact, only the checksum sees it.
        damaged[damaged.size() / 2] = char(damaged[damaged.size() / 2] ^ 1);
        writeFile(storedFile(), damaged);
        const BackboneVerification check = backbones.verify(kName);
        QVERIFY(!check.ok);
        QVERIFY2(check.message.contains("SHA-256"), qPrintable(check.message));

        backbones.setDownloadsAllowed(false);
        const QString error = errorOf([&] { backbones.ensure(kName); });
        QVERIFY2(error.contains("damaged"), qPrintable(error));

        backbones.setDownloadsAllowed(true);
        QStringList log;
        backbones.setLog([&](const QString& line) { log << line; });
        QCOMPARE(backbones.ensure(kName).sha256, sha256(body_));
        QCOMPARE(server_->requestCount(kPath), 2);
        QVERIFY2(log.join('\n').contains("downloading it again"), qPrintable(log.join('\n')));
    }

    void saysWhereToPutTheFileWhenOffline() {
        BackboneStore backbones = store();
        backbones.setDownloadsAllowed(false);
        QString error;
        try {
            backbones.ensure(kName);
        } catch (const BackboneUnavailableError& failure) {
            error = failure.what();
        }
        QVERIFY2(
            error.contains("mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_96_no_top.h5") &&
                error.contains(QDir::toNativeSeparators(dir_->filePath("store"))) &&
                error.contains("backbones import"),
            qPrintable(error));
        QCOMPARE(server_->totalRequestCount(), 0);

        // A server without the file: the same advice, with the reason.
        server_->removeRoute(kPath);
        error = errorOf([&] { store().ensure(kName); });
        QVERIFY2(error.contains("no such file") && error.contains(server_->url(kPath).toString()),
                 qPrintable(error));
    }

    void adoptsAFilePlacedByHand() {
        BackboneStore backbones = store();
        backbones.setDownloadsAllowed(false);
        QDir().mkpath(backbones.directory());
        writeFile(storedFile(), body_);
        const StoredBackbone stored = backbones.ensure(kName);
        QCOMPARE(stored.source, QString("placed"));
        QCOMPARE(stored.sha256, sha256(body_));
        QCOMPARE(server_->totalRequestCount(), 0);
    }

    void takesKerassCachedCopy() {
        // tf.keras.applications keeps its downloads in $KERAS_HOME/models (~/.keras/models).
        const QByteArray keep = qgetenv("KERAS_HOME");
        qputenv("KERAS_HOME", dir_->filePath("keras").toUtf8());
        QDir().mkpath(dir_->filePath("keras/models"));
        writeFile(dir_->filePath("keras/models/") + QFileInfo(storedFile()).fileName(), body_);
        BackboneStore backbones = store();
        backbones.setDownloadsAllowed(false);
        const StoredBackbone stored = backbones.ensure(kName);
        qputenv("KERAS_HOME", keep);
        QCOMPARE(stored.source, QString("keras-cache"));
        QCOMPARE(readFile(storedFile()), body_);
        QCOMPARE(server_->totalRequestCount(), 0);
    }

    void cancelKeepsThePartialDownloadForAResume() {
        FixtureResponse slow = FixtureResponse::ok(body_);
        slow.chunkBytes = 16 * 1024;
        slow.chunkIntervalMs = 40;
        server_->setResponse(kPath, slow);
        BackboneDownloadJob job(store(), kName);
        double lastProgress = 0;
        connect(&job, &Job::progressChanged, this, [&](double fraction, const QString&) {
            lastProgress = fraction;
            if (fraction > 0.2) {
                job.cancel();
            }
        });
        QVERIFY(!job.execute());
        QVERIFY(job.wasCanceled());
        const QString part = HttpDownloader::partPath(storedFile());
        QVERIFY(QFile::exists(part));
        QVERIFY(lastProgress > 0.2 && lastProgress < 1.0);
        const qint64 kept = QFileInfo(part).size();

        server_->setBody(kPath, body_);
        BackboneDownloadJob resume(store(), kName);
        QVERIFY2(resume.execute(), qPrintable(resume.errorMessage()));
        QCOMPARE(resume.result().sha256, sha256(body_));
        QCOMPARE(server_->rangeHeaders(kPath).last(), "bytes=" + QByteArray::number(kept) + "-");
    }

    void aBackboneJobShowsTheDownloadAndStopsOnCancel() {
        qputenv("TRANSFERLAB_BACKBONE_DIR", dir_->filePath("store").toUtf8());
        qputenv("TRANSFERLAB_BACKBONE_BASE_URL", server_->url("/keras/").toString().toUtf8());
        FixtureResponse slow = FixtureResponse::ok(body_);
        slow.chunkBytes = 16 * 1024;
        slow.chunkIntervalMs = 40;
        server_->setResponse(kPath, slow);
        LoadingJob canceled(kName);
        QStringList details;
        connect(&canceled, &Job::progressChanged, this,
                [&](double fraction, const QString& detail) {
                    details << detail;
                    if (fraction > 0.2) {
                        canceled.cancel();
                    }
                });
        QVERIFY(!canceled.execute());
        QVERIFY(canceled.wasCanceled());
        QVERIFY(!details.isEmpty());
        QVERIFY2(details.last().startsWith("Downloading the backbone: "),
                 qPrintable(details.last()));
        QVERIFY(QFile::exists(HttpDownloader::partPath(storedFile())));

        server_->setBody(kPath, body_);
        LoadingJob resumed(kName);
        QStringList logged;
        connect(&resumed, &Job::logMessage, this, [&](const QString& line) { logged << line; });
        QVERIFY2(resumed.execute(), qPrintable(resumed.errorMessage()));
        QVERIFY((resumed.loaded.backbone->spec() == BackboneSpec{"mobilenet_v2", 0.35, 96}));
        QCOMPARE(QByteArray::fromStdString(resumed.loaded.sha256), sha256(body_));
        QVERIFY(server_->rangeHeaders(kPath).last().startsWith("bytes="));  // resumed
        QVERIFY(!logged.isEmpty());
    }

    void importsModelsIntoTheStore() {
        BackboneStore backbones = store();
        const QString h5 = dir_->filePath("my_base.h5");
        writeFile(h5, body_);
        const StoredBackbone fromH5 = backbones.importModel(h5);
        QCOMPARE(fromH5.name, QString("my_base"));
        QCOMPARE(fromH5.format, QString("keras-h5"));
        QCOMPARE(fromH5.sha256, sha256(body_));
        QCOMPARE(fromH5.spec.alpha, 0.35);
        QVERIFY(backbones.verify("my_base").ok);
        QVERIFY(errorOf([&] { backbones.importModel(h5); }).contains("already imported"));
        QVERIFY(errorOf([&] { backbones.importModel(h5, kName); }).contains("catalogue"));
        QVERIFY(errorOf([&] {
                    backbones.importModel(dir_->filePath("none.h5"));
                }).contains("no such file"));

        qputenv("TRANSFERLAB_BACKBONE_DIR", backbones.directory().toUtf8());
        const LoadedBackbone loaded = loadBackbone("my_base", 96);
        torch::NoGradGuard noGrad;
        const auto input = torch::rand({1, 3, 96, 96});
        QVERIFY(torch::equal(loaded.backbone->embed(input), network_->embed(input)));

        if (!QFile::exists(test::teachableMachineModelJson())) {
            QSKIP("the shared Teachable Machine model is missing");
        }
        const StoredBackbone folder = backbones.importModel(test::teachableMachineDir(), "tm");
        QCOMPARE(folder.format, QString("tfjs-layers"));
        QVERIFY((folder.spec == BackboneSpec{"mobilenet_v2", 0.35, 224}));
        QVERIFY(QFile::exists(QFileInfo(folder.path).dir().filePath("metadata.json")));
        const StoredBackbone json =
            backbones.importModel(test::teachableMachineModelJson(), "tm-json");
        QCOMPARE(json.sha256, folder.sha256);
        QCOMPARE(backbones.imported().size(), size_t(3));
        QCOMPARE(QByteArray::fromStdString(loadBackbone("tm", 0).sha256), folder.sha256);
        QCOMPARE(QByteArray::fromStdString(
                     loadBackbone(test::teachableMachineDir().toStdString(), 0).sha256),
                 folder.sha256);
        QVERIFY(backbones.remove("tm"));
        QCOMPARE(backbones.imported().size(), size_t(2));
    }

    void loadBackboneExplainsBadReferences() {
        qputenv("TRANSFERLAB_BACKBONE_DIR", dir_->filePath("store").toUtf8());
        QString error = errorOf([] { loadBackbone("mobilenet_v9", 0); });
        QVERIFY2(error.contains("neither a file") && error.contains("mobilenet_v2_1.0_160"),
                 qPrintable(error));
        writeFile(dir_->filePath("notes.txt"), "hello");
        error = errorOf([&] { loadBackbone(dir_->filePath("notes.txt").toStdString(), 0); });
        QVERIFY2(error.contains("not a Keras .h5 file"), qPrintable(error));
        writeFile(dir_->filePath("damaged.h5"), "hello");
        error = errorOf([&] { loadBackbone(dir_->filePath("damaged.h5").toStdString(), 0); });
        QVERIFY2(error.contains("not an HDF5 file"), qPrintable(error));
        writeFile(dir_->filePath("model.keras"), "PK\x03\x04 zip");
        error = errorOf([&] { loadBackbone(dir_->filePath("model.keras").toStdString(), 0); });
        QVERIFY2(error.contains("Keras 3") && error.contains("model.save('model.h5')"),
                 qPrintable(error));
        error = errorOf([&] { loadBackbone(dir_->path().toStdString(), 0); });
        QVERIFY2(error.contains("model.json"), qPrintable(error));
    }

    void cliListsDownloadsAndVerifies() {
        if (!QFile::exists(test::cliPath())) {
            QSKIP("transferlab-cli is not built");
        }
        QProcess cli;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert("TRANSFERLAB_BACKBONE_DIR", dir_->filePath("store"));
        environment.insert("TRANSFERLAB_BACKBONE_BASE_URL", server_->url("/keras/").toString());
        cli.setProcessEnvironment(environment);
        auto run = [&](const QStringList& args) {
            cli.start(test::cliPath(), QStringList{"backbones"} + args);
            // The server runs in its own thread, so blocking here is fine.
            cli.waitForFinished(60000);
            return QString::fromUtf8(cli.readAllStandardOutput() + cli.readAllStandardError());
        };
        QString output = run({"list"});
        QVERIFY2(output.contains("mobilenet_v2_1.0_224 *") && output.contains("resnet50"),
                 qPrintable(output));
        output = run({"download", kName});
        QVERIFY2(cli.exitCode() == 0 && output.contains(QString::fromLatin1(sha256(body_))),
                 qPrintable(output));
        output = run({"verify"});
        QVERIFY2(cli.exitCode() == 0 && output.contains("OK") && output.contains(kName),
                 qPrintable(output));
        output = run({"download", "no_such_backbone"});
        QCOMPARE(cli.exitCode(), 1);
    }
};

QTEST_GUILESS_MAIN(TestBackboneStore)
#include "TestBackboneStore.moc"
