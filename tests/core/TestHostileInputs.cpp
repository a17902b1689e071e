// SPDX-License-Identifier: MIT
// TransferLab under hostile input, end to end with transferlab-cli. The corpus is built here at
// test time (tests/support/HostileFiles): broken, unusual and malicious images, special files
// with image names, broken model folders and weight files. For every case the run must finish
// (no hang, no crash), name the file with the reason or use it, and stay within a peak memory
// (VmHWM) of 1 GB, 300 MB for the decompression bombs.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

#include <functional>

#include "ChildProcess.h"
#include "HostileFiles.h"
#include "TestFiles.h"
#include "TestPaths.h"
#include "nn/ClassifierHead.h"

using namespace tl;
using namespace tl::test;

namespace {

constexpr long kMaxRssMb = 1024;
constexpr long kMaxBombRssMb = 300;
// A safety net: a regression that allocates gigabytes fails here instead of swapping the
// machine to death. LibTorch reserves a few GB of address space for its threads.
constexpr long long kAddressSpaceCap = 8ll << 30;
constexpr int kNobody = 65534;

// How one case is built and what must happen to it.
struct HostileCase {
    // Creates the case inside `folder` (a class folder of the dataset); returns the path the
    // output must name, relative to `folder`.
    std::function<QString(const QString& folder)> make;
    bool processed = false;  // true: used like any photo; false: skipped with `reason`
    QString reason;
    long maxRssMb = kMaxRssMb;
    bool alsoTrain = false;  // run `train` on a dataset holding it, too
    QStringList options;     // extra CLI options
};

using Maker = std::function<QString(const QString& folder)>;

HostileCase used(Maker make, bool alsoTrain = false, QStringList options = {}) {
    HostileCase c;
    c.make = std::move(make);
    c.processed = true;
    c.alsoTrain = alsoTrain;
    c.options = std::move(options);
    return c;
}

HostileCase refused(Maker make, QString reason, bool alsoTrain = false, long maxRssMb = kMaxRssMb,
                    QStringList options = {}) {
    HostileCase c;
    c.make = std::move(make);
    c.reason = std::move(reason);
    c.alsoTrain = alsoTrain;
    c.maxRssMb = maxRssMb;
    c.options = std::move(options);
    return c;
}

QString writeCase(const QString& folder, const QString& name, const QByteArray& bytes) {
    hostile::write(folder + "/" + name, bytes);
    return name;
}

// `predict` prints names with control characters in C-style quotes.
QString quotedForLine(const QString& text) {
    QString quoted;
    for (const QChar c : text) {
        if (c == '\n') {
            quoted += "\\n";
        } else if (c == '\t') {
            quoted += "\\t";
        } else if (c == '\\' || c == '"') {
            quoted += QChar('\\');
            quoted += c;
        } else {
            quoted += c;
        }
    }
    return quoted == text ? text : "\"" + quoted + "\"";
}

ChildResult runCli(const QStringList& args, const ChildOptions& extra = {}) {
    ChildOptions options = extra;
    options.addressSpaceBytes = kAddressSpaceCap;
    options.timeoutMs = 90000;
    options.environment << "QT_QPA_PLATFORM=offscreen"
                        << "OMP_NUM_THREADS=2";
    return runChild(cliPath(), args, options);
}

void makeWorldReadable(const QString& root) {
    chmod(QFile::encodeName(root).constData(), 0755);
}

}  // namespace

Q_DECLARE_METATYPE(HostileCase)

class TestHostileInputs : public QObject {
    Q_OBJECT

    QTemporaryDir work_;
    QString backbone_;
    QString model_;     // trained once, 2 classes, 96 px
    QString baseData_;  // a/ and b/ with a few good photos each
    QByteArray bomb_;   // built once: compressing 900 MB of zeros takes a moment
    int socket_ = -1;

    QString newFolder(const QString& name) {
        const QString path = work_.filePath(name);
        QDir(path).removeRecursively();
        QDir().mkpath(path);
        return path;
    }

    // A copy of the base dataset.
    QString copyOfBaseData(const QString& name) {
        const QString root = newFolder(name);
        for (const QString& label : {QString("a"), QString("b")}) {
            QDir().mkpath(root + "/" + label);
            for (const QString& file : QDir(baseData_ + "/" + label).entryList(QDir::Files)) {
                QFile::copy(baseData_ + "/" + label + "/" + file, root + "/" + label + "/" + file);
            }
        }
        return root;
    }

    void checkNamed(const ChildResult& run, const QString& path, const HostileCase& c,
                    bool inPredictions) {
        const QString out = QString::fromUtf8(run.out);
        const QString err = QString::fromUtf8(run.err);
        const QString shown = quotedForLine(path);
        if (c.processed) {
            if (inPredictions) {
                QVERIFY2(out.contains(shown + "\t"), qPrintable("not predicted: " + shown + "\n" +
                                                                out + "\n" + run.describe()));
            }
            QVERIFY2(!err.contains("skipped: " + shown), qPrintable(run.describe()));
        } else {
            QVERIFY2(err.contains("skipped: " + shown + ": "),
                     qPrintable("not reported: " + shown + "\n" + run.describe()));
            const QString line = err.mid(err.indexOf("skipped: " + shown)).section('\n', 0, 0);
            QVERIFY2(line.contains(c.reason),
                     qPrintable("expected the reason '" + c.reason + "' in: " + line));
        }
    }

private slots:
    void initTestCase() {
        QVERIFY(work_.isValid());
        makeWorldReadable(work_.path());
        backbone_ = teachableMachineDir();
        if (!QFile::exists(backbone_ + "/model.json")) {
            QSKIP("the shared Teachable Machine backbone is missing");
        }
        baseData_ = newFolder("base");
        for (int i = 0; i < 4; ++i) {
            hostile::write(QString("%1/a/a%2.jpg").arg(baseData_).arg(i), hostile::jpeg(48, i));
            hostile::write(QString("%1/b/b%2.png").arg(baseData_).arg(i),
                           hostile::png(48, 100 + i));
        }
        model_ = work_.filePath("model");
        const ChildResult train =
            runCli({"train", baseData_, "--backbone", backbone_, "--out", model_, "--epochs", "2",
                    "--size", "96", "--no-cache", "--quiet", "--recipe"});
        QVERIFY2(train.finished() && train.exitCode == 0, qPrintable(train.describe()));
        bomb_ = hostile::pngBomb(30000, 30000);
        QVERIFY(bomb_.size() < 2 * 1024 * 1024);
    }

    void cleanupTestCase() {
        if (socket_ >= 0) {
            close(socket_);
        }
    }

    void imageCases_data() {
        QTest::addColumn<HostileCase>("hostileCase");
        auto add = [](const char* name, HostileCase c) { QTest::newRow(name) << c; };
        auto file = [](const QString& name, std::function<QByteArray()> bytes) {
            return
                [name, bytes](const QString& folder) { return writeCase(folder, name, bytes()); };
        };
        // Valid photos in unusual forms: used like any other.
        add("png named .jpg", used(file("png.jpg", [] { return hostile::png(40); })));
        add("cmyk jpeg", used(file("cmyk.jpg", [] { return hostile::cmykJpeg(40); })));
        add("16-bit png", used(file("wide.png", [] { return hostile::png16(40); })));
        add("palette png", used(file("palette.png", [] { return hostile::palettePng(40); })));
        add("1x1 pixel", used(file("tiny.png", [] { return hostile::png(1); })));
        add("exif rotated", used(file("exif.jpg", [] { return hostile::exifJpeg(64, 32, 6); })));
        add("still webp", used(file("still.webp", [] { return hostile::webp(40); })));
        add("unicode name",
            used(
                file(QString::fromUtf8("caf\xc3\xa9 \xf0\x9f\x93\xb7 \xe5\x86\x99\xe7\x9c\x9f.jpg"),
                     [] { return hostile::jpeg(40); }),
                true));
        add("spaces in name", used(file("  two  spaces .jpg", [] { return hostile::jpeg(40); })));
        add("newline in name",  // finding 10: quoted on one line
            used(file("line\nbreak.jpg", [] { return hostile::jpeg(40); }), true));
        add("directory named x.jpg", used(
                                         [](const QString& folder) {
                                             return writeCase(folder, "folder.jpg/inside.jpg",
                                                              hostile::jpeg(40));
                                         },
                                         true));
        // Files that cannot be used: reported with the reason, the run goes on.
        add("zero bytes",
            refused(file("empty.jpg", [] { return QByteArray(); }), "empty file", true));
        add("random bytes", refused(file("noise.jpg", [] { return hostile::randomBytes(5000, 3); }),
                                    "not an image", true));
        add("truncated jpeg 10%",  // finding 7
            refused(file("cut10.jpg", [] { return hostile::truncatedJpeg(0.1); }),
                    "damaged JPEG data", true));
        add("truncated jpeg 50%",
            refused(file("cut50.jpg", [] { return hostile::truncatedJpeg(0.5); }),
                    "damaged JPEG data", true));
        add("truncated jpeg kept on request",
            used(file("kept.jpg", [] { return hostile::truncatedJpeg(0.5); }), false,
                 {"--keep-damaged"}));
        add("jpeg claiming 60000x60000",  // findings 6 and 7
            refused(file("huge.jpg", [] { return hostile::jpegClaimingSize(60000, 60000); }),
                    "over the limit", true, kMaxBombRssMb));
        add("animated webp",  // finding 10
            refused(file("anim.webp", [] { return hostile::animatedWebp(32); }),
                    "animated images are not supported"));
        add("pixel limit from the command line",
            refused(file("big.jpg", [] { return hostile::jpeg(200); }), "over the limit", false,
                    kMaxRssMb, {"--max-pixels", "10000"}));
        add("4 GB sparse jpeg",  // finding 6: refused before reading
            refused(
                [](const QString& folder) {
                    hostile::writeSparse(folder + "/sparse.jpg", hostile::jpeg(40), 4ll << 30);
                    return QString("sparse.jpg");
                },
                "over the limit of 512 MB", true, kMaxBombRssMb));
        add("fifo named x.jpg",  // finding 5b
            refused(
                [](const QString& folder) {
                    hostile::makeFifo(folder + "/fifo.jpg");
                    return QString("fifo.jpg");
                },
                "named pipe", true));
        add("device named x.jpg", refused(
                                      [](const QString& folder) {
                                          QFile::link("/dev/zero", folder + "/zero.jpg");
                                          return QString("zero.jpg");
                                      },
                                      "device", true));
        add("symlink loop named x.jpg", refused(
                                            [](const QString& folder) {
                                                QFile::link(folder + "/self.jpg",
                                                            folder + "/self.jpg");
                                                return QString("self.jpg");
                                            },
                                            "link loop", true));
    }

    void imageCases() {
        QFETCH(HostileCase, hostileCase);
        const QString name = QString(QTest::currentDataTag()).replace(' ', '_');
        const QString folder = newFolder("predict-" + name);
        const QString relative = hostileCase.make(folder);
        hostile::write(folder + "/good.jpg", hostile::jpeg(48, 42));

        const ChildResult predict =
            runCli(QStringList{"predict", model_, folder} + hostileCase.options);
        QVERIFY2(predict.finished(), qPrintable(predict.describe()));
        QVERIFY2(predict.exitCode == 0, qPrintable(predict.describe()));
        checkNamed(predict, folder + "/" + relative, hostileCase, true);
        QVERIFY2(predict.out.contains(QFile::encodeName(folder + "/good.jpg")),
                 qPrintable(predict.describe()));
        QVERIFY2(predict.peakRssKb / 1024 <= memoryLimitMb(hostileCase.maxRssMb),
                 qPrintable(predict.describe()));
        qInfo("predict: %.1f s, peak %ld MB", predict.seconds, predict.peakRssKb / 1024);

        if (hostileCase.alsoTrain) {
            const QString data = copyOfBaseData("train-" + name);
            const QString inData = hostileCase.make(data + "/a");
            const ChildResult train =
                runCli(QStringList{"train", data, "--backbone", backbone_, "--out",
                                   work_.filePath("m-" + name), "--epochs", "1", "--size", "96",
                                   "--no-cache", "--quiet", "--recipe"} +
                       hostileCase.options);
            QVERIFY2(train.finished() && train.exitCode == 0, qPrintable(train.describe()));
            checkNamed(train, data + "/a/" + inData, hostileCase, false);
            QVERIFY2(train.peakRssKb / 1024 <= memoryLimitMb(hostileCase.maxRssMb),
                     qPrintable(train.describe()));
            qInfo("train: %.1f s, peak %ld MB", train.seconds, train.peakRssKb / 1024);
        }
    }

    // Finding 6: a 30000 x 30000 PNG of 1 MB decodes to 2.7 GB. Refused from its header by
    // train and predict, in memory bounded by the bomb limit.
    void decompressionBombIsRefusedFromItsHeader() {
        const QString folder = newFolder("bomb");
        hostile::write(folder + "/bomb.png", bomb_);
        hostile::write(folder + "/bomb2.jpg", bomb_);
        hostile::write(folder + "/good.jpg", hostile::jpeg(48, 42));
        const ChildResult predict = runCli({"predict", model_, folder});
        QVERIFY2(predict.finished() && predict.exitCode == 0, qPrintable(predict.describe()));
        const HostileCase bomb =
            refused({}, "30000x30000 pixels (900 megapixels) is over the limit");
        checkNamed(predict, folder + "/bomb.png", bomb, true);
        checkNamed(predict, folder + "/bomb2.jpg", bomb, true);
        QVERIFY2(predict.peakRssKb / 1024 <= memoryLimitMb(kMaxBombRssMb),
                 qPrintable(predict.describe()));

        const QString data = copyOfBaseData("bomb-train");
        for (int i = 0; i < 4; ++i) {
            hostile::write(QString("%1/a/bomb%2.png").arg(data).arg(i), bomb_);
        }
        const ChildResult train =
            runCli({"train", data, "--backbone", backbone_, "--out", work_.filePath("m-bomb"),
                    "--epochs", "1", "--size", "96", "--no-cache", "--quiet", "--recipe"});
        QVERIFY2(train.finished() && train.exitCode == 0, qPrintable(train.describe()));
        checkNamed(train, data + "/a/bomb0.png", bomb, false);
        QVERIFY2(train.peakRssKb / 1024 <= memoryLimitMb(kMaxBombRssMb),
                 qPrintable(train.describe()));
        qInfo("bombs: predict peak %ld MB, train peak %ld MB", predict.peakRssKb / 1024,
              train.peakRssKb / 1024);
    }

    // Finding 5b: a socket named x.jpg neither blocks nor crashes a scan.
    void socketNamedJpegIsReported() {
        const QString data = copyOfBaseData("socket");
        socket_ = hostile::makeSocket(data + "/a/s.jpg");
        const ChildResult train =
            runCli({"train", data, "--backbone", backbone_, "--out", work_.filePath("m-socket"),
                    "--epochs", "1", "--size", "96", "--no-cache", "--quiet", "--recipe"});
        QVERIFY2(train.finished() && train.exitCode == 0, qPrintable(train.describe()));
        checkNamed(train, data + "/a/s.jpg", refused({}, "socket"), false);
        const ChildResult predict = runCli({"predict", model_, data + "/a"});
        QVERIFY2(predict.finished() && predict.exitCode == 0, qPrintable(predict.describe()));
        checkNamed(predict, data + "/a/s.jpg", refused({}, "socket"), true);
        close(socket_);
        socket_ = -1;
    }

    // Finding 10 and symbolic link loops: a locked sub-folder is reported by predict and train
    // (run as an unprivileged user, for whom the lock holds), a folder link loop ends.
    void lockedAndLoopingFoldersAreReported() {
        const QString data = copyOfBaseData("folders");
        hostile::write(data + "/a/locked/inside.jpg", hostile::jpeg(40));
        QFile::link(data + "/a", data + "/a/loop");  // a -> a: a cycle
        chmod(QFile::encodeName(data + "/a/locked").constData(), 0);
        for (const QString& path : {work_.path(), data, data + "/a", data + "/b", model_}) {
            makeWorldReadable(path);
        }
        const QString home = newFolder("nobody-home");
        chmod(QFile::encodeName(home).constData(), 0777);
        ChildOptions asNobody;
        asNobody.uid = kNobody;
        asNobody.environment << "HOME=" + home << "XDG_CACHE_HOME=" + home
                             << "XDG_DATA_HOME=" + home << "XDG_CONFIG_HOME=" + home;
        for (const QString& file : QDir(model_).entryList(QDir::Files)) {
            chmod(QFile::encodeName(model_ + "/" + file).constData(), 0644);
        }
        const ChildResult predict = runCli({"predict", model_, data + "/a"}, asNobody);
        QVERIFY2(predict.finished() && predict.exitCode == 0, qPrintable(predict.describe()));
        QVERIFY2(predict.err.contains(QFile::encodeName(data + "/a/locked: cannot read folder")),
                 qPrintable(predict.describe()));
        QVERIFY2(predict.out.contains(QFile::encodeName(data + "/a/a0.jpg")),
                 qPrintable(predict.describe()));

        const QString out = newFolder("nobody-model");
        chmod(QFile::encodeName(out).constData(), 0777);
        const ChildResult train =
            runCli({"train", data, "--backbone", backbone_, "--out", out + "/m", "--epochs", "1",
                    "--size", "96", "--no-cache", "--quiet", "--recipe"},
                   asNobody);
        QVERIFY2(train.finished() && train.exitCode == 0, qPrintable(train.describe()));
        QVERIFY2(train.err.contains(QFile::encodeName(data + "/a/locked: cannot read folder")),
                 qPrintable(train.describe()));
        chmod(QFile::encodeName(data + "/a/locked").constData(), 0755);
    }

    // Finding 3 and 4: broken model folders are refused with one line naming model.json (or
    // the weight file) and the field, by predict and by export; nothing crashes.
    void brokenModelFoldersAreRefused_data() {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("expected");
        QTest::newRow("classes empty") << "classes=[]"
                                       << "field 'classes'";
        QTest::newRow("classes a string") << "classes=\"alpaca\""
                                          << "field 'classes'";
        QTest::newRow("one class, two outputs") << "classes=[\"a\"]"
                                                << "field 'classes'";
        QTest::newRow("class name with a slash") << "classes=[\"a\",\"../b\"]"
                                                 << "field 'classes[1]'";
        QTest::newRow("head.classes 0") << "head.classes=0"
                                        << "field 'head.classes'";
        QTest::newRow("head.classes 3") << "head.classes=3"
                                        << "field 'head.classes'";
        QTest::newRow("head.classes a string") << "head.classes=\"two\""
                                               << "field 'head.classes'";
        QTest::newRow("head.input_features wrong") << "head.input_features=12"
                                                   << "field 'head.input_features'";
        QTest::newRow("backbone reference missing") << "backbone.reference=null"
                                                    << "field 'backbone.reference'";
        QTest::newRow("newer format") << "version=99"
                                      << "newer than this TransferLab";
        QTest::newRow("hidden layer not declared") << "head.pt=hidden"
                                                   << "dense_1";
        QTest::newRow("three outputs for two classes") << "head.pt=three"
                                                       << "has shape [3";
        QTest::newRow("head.pt random bytes") << "head.pt=random"
                                              << "head.pt";
        QTest::newRow("head.pt truncated") << "head.pt=half"
                                           << "head.pt";
        QTest::newRow("head.pt a fifo") << "head.pt=fifo"
                                        << "named pipe";
    }

    void brokenModelFoldersAreRefused() {
        QFETCH(QString, change);
        QFETCH(QString, expected);
        const QString folder = newFolder(QString("broken-%1").arg(QTest::currentDataTag()));
        for (const QString& file : QDir(model_).entryList(QDir::Files)) {
            QVERIFY(QFile::copy(model_ + "/" + file, folder + "/" + file));
        }
        const QString key = change.section('=', 0, 0);
        const QString value = change.section('=', 1);
        if (key == "head.pt") {
            const QByteArray original = readAll(folder + "/head.pt");
            QFile::remove(folder + "/head.pt");
            auto writeHead = [&](HeadConfig config) {
                ClassifierHead head(config);
                torch::serialize::OutputArchive archive;
                head.save(archive);
                archive.save_to((folder + "/head.pt").toStdString());
            };
            const int64_t features =
                QJsonDocument::fromJson(readAll(folder + "/model.json"))["head"]["input_features"]
                    .toInteger();
            HeadConfig config;
            config.inputFeatures = features;
            if (value == "hidden") {
                config.hiddenUnits = {8};
                writeHead(config);
            } else if (value == "three") {
                config.numClasses = 3;
                writeHead(config);
            } else if (value == "random") {
                hostile::write(folder + "/head.pt", hostile::randomBytes(4000, 9));
            } else if (value == "half") {
                hostile::write(folder + "/head.pt", original.left(original.size() / 2));
            } else {
                hostile::makeFifo(folder + "/head.pt");
            }
        } else {
            QJsonObject json = QJsonDocument::fromJson(readAll(folder + "/model.json")).object();
            const QJsonValue parsed =
                QJsonDocument::fromJson("[" + value.toUtf8() + "]").array().at(0);
            if (key.contains('.')) {
                QJsonObject inner = json[key.section('.', 0, 0)].toObject();
                inner[key.section('.', 1)] = parsed;
                json[key.section('.', 0, 0)] = inner;
            } else {
                json[key] = parsed;
            }
            hostile::write(folder + "/model.json", QJsonDocument(json).toJson());
        }
        const QString image = work_.filePath("one.jpg");
        hostile::write(image, hostile::jpeg(48, 5));
        for (const QStringList& args :
             {QStringList{"predict", folder, image},
              QStringList{"export", folder, "--format", "torchscript", "--out",
                          work_.filePath("export-" + key + ".pt")}}) {
            const ChildResult run = runCli(args);
            QVERIFY2(run.finished(), qPrintable(run.describe()));
            QCOMPARE(run.exitCode, 1);
            const QString err = QString::fromUtf8(run.err).trimmed();
            QVERIFY2(err.contains(expected), qPrintable(err));
            QVERIFY2(err.contains(key.startsWith("head.pt") ? "head.pt" : "model.json"),
                     qPrintable(err));
            QVERIFY2(!err.contains('\n') && !err.contains("Exception raised from") &&
                         !err.contains("frame #"),
                     qPrintable(err));
        }
    }

    // Finding 6: weight files that declare more than they hold fail fast and small.
    void weightFilesThatLieAboutTheirSizeFailFast() {
        const QString image = work_.filePath("one.jpg");
        hostile::write(image, hostile::jpeg(48, 5));
        // A TF.js shard that is /dev/zero (a symbolic link beside model.json).
        const QString tfjs = newFolder("tfjs-dev-zero");
        QFile::copy(backbone_ + "/model.json", tfjs + "/model.json");
        QFile::link("/dev/zero", tfjs + "/weights.bin");
        ChildResult run = runCli({"embed", "--backbone", tfjs + "/model.json", image});
        QVERIFY2(run.finished() && run.exitCode == 1, qPrintable(run.describe()));
        QVERIFY2(run.err.contains("weights.bin") && run.err.contains("device"),
                 qPrintable(run.describe()));
        QVERIFY2(run.peakRssKb / 1024 <= memoryLimitMb(kMaxBombRssMb), qPrintable(run.describe()));
        QVERIFY2(run.seconds < 30, qPrintable(run.describe()));

        // A shard path in the manifest that points at /dev/zero itself.
        QJsonObject json = QJsonDocument::fromJson(readAll(backbone_ + "/model.json")).object();
        QJsonArray manifest = json["weightsManifest"].toArray();
        QJsonObject group = manifest[0].toObject();
        group["paths"] = QJsonArray{"/dev/zero"};
        manifest[0] = group;
        json["weightsManifest"] = manifest;
        const QString absolute = newFolder("tfjs-absolute");
        hostile::write(absolute + "/model.json", QJsonDocument(json).toJson());
        run = runCli({"embed", "--backbone", absolute + "/model.json", image});
        QVERIFY2(run.finished() && run.exitCode == 1, qPrintable(run.describe()));
        QVERIFY2(run.err.contains("paths[0]"), qPrintable(run.describe()));
        QVERIFY2(run.peakRssKb / 1024 <= memoryLimitMb(kMaxBombRssMb), qPrintable(run.describe()));

        // A few KB of .h5 whose weight declares 16000 x 16000 floats (1 GB) and stores none.
        const QString h5 = work_.filePath("huge-empty.h5");
        hostile::writeH5WithHugeEmptyWeight(h5, 16000, 16000);
        run = runCli({"embed", "--backbone", h5, image});
        QVERIFY2(run.finished() && run.exitCode == 1, qPrintable(run.describe()));
        QVERIFY2(run.err.contains("kernel:0") && run.err.contains("stores"),
                 qPrintable(run.describe()));
        QVERIFY2(run.peakRssKb / 1024 <= memoryLimitMb(kMaxBombRssMb), qPrintable(run.describe()));
    }
};

QTEST_GUILESS_MAIN(TestHostileInputs)
#include "TestHostileInputs.moc"
