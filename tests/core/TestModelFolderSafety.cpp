// SPDX-License-Identifier: MIT
// What TransferLab promises about a user's files when it saves a model, checked end to end with
// transferlab-cli: it replaces only its own model folders (or empty ones), never writes into a
// dataset, and a kill at any phase or at any step of the save leaves the previous or the new
// model, loadable, with the leftovers removed by the next run. Kills are deterministic: the
// TRANSFERLAB_CRASH_AT hook SIGKILLs the process at a named point.
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "SyntheticImages.h"
#include "TestFiles.h"
#include "TestPaths.h"

namespace {

struct Run {
    int exitCode = -1;
    bool crashed = false;
    QByteArray out, err;
};

Run runCli(const QStringList& args, const QStringList& environment = {}) {
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& assignment : environment) {
        env.insert(assignment.section('=', 0, 0), assignment.section('=', 1));
    }
    process.setProcessEnvironment(env);
    process.start(tl::test::cliPath(), args);
    process.waitForFinished(300000);
    return {process.exitCode(), process.exitStatus() == QProcess::CrashExit,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

QByteArray fileHash(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

// Every file below `root` with its content hash: proves a folder was left untouched.
QMap<QString, QByteArray> snapshot(const QString& root) {
    QMap<QString, QByteArray> files;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        files.insert(path, fileHash(path));
    }
    return files;
}

void copyFolder(const QString& from, const QString& to) {
    QDir().mkpath(to);
    for (const QString& name : QDir(from).entryList(QDir::Files)) {
        QFile::copy(from + "/" + name, to + "/" + name);
    }
}

// Staging and set-aside folders of a model save (".NAME.tmp-*", ".NAME.old-*").
QStringList leftoversBeside(const QString& model) {
    const QFileInfo info(model);
    return QDir(info.absolutePath())
        .entryList({"." + info.fileName() + ".*"}, QDir::AllEntries | QDir::Hidden);
}

}  // namespace

class TestModelFolderSafety : public QObject {
    Q_OBJECT

    QTemporaryDir work_;
    QString data_, cache_, backbone_;
    QString previousModel_, newModel_;   // reference models: seed 1 and seed 2
    QByteArray previousHash_, newHash_;  // their head.pt

    QStringList trainArgs(const QString& out, int seed) const {
        return {"train",     data_, "--backbone", backbone_, "--out",  out,
                "--size",    "96",  "--epochs",   "2",       "--seed", QString::number(seed),
                "--threads", "1",   "--cache",    cache_,    "--quiet"};
    }

    void expectRefused(const QString& out, const QString& why) {
        const Run run = runCli(trainArgs(out, 1));
        QVERIFY2(run.exitCode != 0, run.err.constData());
        QVERIFY2(run.err.contains(why.toUtf8()), run.err.constData());
        QVERIFY2(run.err.contains(QFileInfo(out).fileName().toUtf8()), run.err.constData());
        // Refused before any work starts: no scan, no training.
        QVERIFY2(!run.err.contains("Found ") && !run.err.contains("Epoch"), run.err.constData());
    }

private slots:
    void initTestCase() {
        backbone_ = tl::test::teachableMachineDir();
        if (!QFile::exists(backbone_ + "/model.json")) {
            QSKIP("the shared Teachable Machine backbone is missing");
        }
        data_ = work_.filePath("data");
        cache_ = work_.filePath("cache");
        tl::test::writeColourDataset(data_, 8);
        previousModel_ = work_.filePath("reference/previous");
        newModel_ = work_.filePath("reference/new");
        for (const auto& [out, seed] : {std::pair{previousModel_, 1}, std::pair{newModel_, 2}}) {
            const Run run = runCli(trainArgs(out, seed));
            QVERIFY2(run.exitCode == 0, run.err.constData());
        }
        previousHash_ = fileHash(previousModel_ + "/head.pt");
        newHash_ = fileHash(newModel_ + "/head.pt");
        QVERIFY(!previousHash_.isEmpty());
        QVERIFY2(previousHash_ != newHash_, "seeds 1 and 2 must give different heads");
        // Training is deterministic with one thread: a second run gives the same bytes.
        const QString again = work_.filePath("reference/again");
        QCOMPARE(runCli(trainArgs(again, 2)).exitCode, 0);
        QCOMPARE(fileHash(again + "/head.pt"), newHash_);
    }

    // Finding 1: `--out` on a folder that is not a model deleted everything in it.
    void refusesAFolderOfTheUsersFiles() {
        const QString folder = work_.filePath("holiday-photos");
        QVERIFY(QDir().mkpath(folder + "/2024"));
        tl::test::writeAll(folder + "/notes.txt", "mine");
        tl::test::writeAll(folder + "/2024/beach.jpg", "not really a photo");
        const auto before = snapshot(folder);
        expectRefused(folder, "not a TransferLab model");
        QCOMPARE(snapshot(folder), before);
    }

    void refusesAnotherToolsModel() {
        const QString folder = work_.filePath("teachable-machine-copy");
        copyFolder(backbone_, folder);  // has a model.json, but not TransferLab's
        const auto before = snapshot(folder);
        expectRefused(folder, "not a TransferLab model");
        QCOMPARE(snapshot(folder), before);
    }

    void refusesAModelFolderWithTheUsersFilesInIt() {
        const QString folder = work_.filePath("annotated-model");
        copyFolder(previousModel_, folder);
        tl::test::writeAll(folder + "/my-notes.txt", "results of run 3");
        const auto before = snapshot(folder);
        expectRefused(folder, "not a TransferLab model");
        QCOMPARE(snapshot(folder), before);
    }

    void refusesTheDatasetAndEveryFolderInsideIt() {
        const auto before = snapshot(data_);
        expectRefused(data_, "photo folder");
        expectRefused(data_ + "/models/run1", "inside the photo folder");
        expectRefused(data_ + "/blue", "inside the photo folder");
        QCOMPARE(snapshot(data_), before);
        QVERIFY(!QFileInfo::exists(data_ + "/models"));
    }

    void refusesAFolderAroundTheDataset() {
        // An empty-looking parent would be fine, but this one holds the photos.
        expectRefused(work_.path(), "photo folder");
    }

    void refusesAFile() {
        const QString file = work_.filePath("results.csv");
        tl::test::writeAll(file, "a,b\n");
        expectRefused(file, "not a folder");
        QCOMPARE(tl::test::readAll(file), QByteArray("a,b\n"));
    }

    void acceptsAnEmptyFolderAndReplacesItsOwnModel() {
        const QString folder = work_.filePath("empty");
        QVERIFY(QDir().mkpath(folder));
        Run run = runCli(trainArgs(folder, 1));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(fileHash(folder + "/head.pt"), previousHash_);
        run = runCli(trainArgs(folder, 2));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(fileHash(folder + "/head.pt"), newHash_);
        QCOMPARE(leftoversBeside(folder), QStringList());
    }

    // Finding 2: a kill during the save lost the model. Killed at each phase and at each step
    // of the save, `--out` must hold the previous or the new model, and it must load; the next
    // run leaves no leftovers.
    void killAtAnyPointKeepsAModel_data() {
        QTest::addColumn<QString>("point");
        QTest::addColumn<bool>("exchange");  // Linux's atomic exchange, or two renames
        QTest::addColumn<bool>("previousExists");
        for (const char* phase : {"phase:loading-backbone", "phase:extracting-features",
                                  "phase:training", "phase:evaluating", "phase:saving"}) {
            QTest::newRow(phase) << phase << true << true;
        }
        QTest::newRow("staged") << "model-save:staged" << true << true;
        QTest::newRow("exchanged") << "model-save:exchanged" << true << true;
        QTest::newRow("staged, renames") << "model-save:staged" << false << true;
        QTest::newRow("moved aside") << "model-save:moved-aside" << false << true;
        QTest::newRow("moved in") << "model-save:moved-in" << false << true;
        QTest::newRow("first model, staged") << "model-save:staged" << true << false;
        QTest::newRow("first model, moved in") << "model-save:moved-in" << true << false;
    }

    void killAtAnyPointKeepsAModel() {
        QFETCH(QString, point);
        QFETCH(bool, exchange);
        QFETCH(bool, previousExists);
        const QString folder =
            work_.filePath("killed/" + point.section(':', 1) + (exchange ? "" : "-renames") +
                           (previousExists ? "" : "-first") + "/model");
        QVERIFY(QDir().mkpath(QFileInfo(folder).absolutePath()));
        if (previousExists) {
            copyFolder(previousModel_, folder);
        }
        const QStringList environment{"TRANSFERLAB_CRASH_AT=" + point,
                                      QString("TRANSFERLAB_ATOMIC_EXCHANGE=%1").arg(exchange)};
        const Run killed = runCli(trainArgs(folder, 2), environment);
        QVERIFY2(killed.crashed, killed.err.constData());

        if (previousExists || QFileInfo::exists(folder)) {
            // Loading repairs an interrupted swap first; the model must be whole.
            const Run predict = runCli({"predict", folder, data_ + "/blue/000.jpg"});
            QVERIFY2(predict.exitCode == 0, predict.err.constData());
            const QByteArray hash = fileHash(folder + "/head.pt");
            QVERIFY2(hash == previousHash_ || hash == newHash_, "neither old nor new model");
            if (point.startsWith("phase:")) {
                QCOMPARE(hash, previousHash_);  // killed before the save began
            }
        }
        const Run next = runCli(trainArgs(folder, 2));
        QVERIFY2(next.exitCode == 0, next.err.constData());
        QCOMPARE(fileHash(folder + "/head.pt"), newHash_);
        QCOMPARE(leftoversBeside(folder), QStringList());
    }

    // The repair itself: a swap interrupted between its two renames leaves no model at the
    // target, only the set-aside previous model; loading puts it back and clears leftovers,
    // but never deletes a look-alike folder holding something else.
    void loadingRepairsAnInterruptedSwap() {
        const QString parent = work_.filePath("interrupted");
        const QString folder = parent + "/model";
        copyFolder(previousModel_, parent + "/.model.old-0123abcd");
        copyFolder(newModel_, parent + "/.model.tmp-89abcdef");
        QFile::remove(parent + "/.model.tmp-89abcdef/model.json");  // a half-written staging
        QVERIFY(QDir().mkpath(parent + "/.model.tmp-deadbeef"));
        tl::test::writeAll(parent + "/.model.tmp-deadbeef/diary.txt", "not TransferLab's");

        const Run predict = runCli({"predict", folder, data_ + "/red/000.jpg"});
        QVERIFY2(predict.exitCode == 0, predict.err.constData());
        QCOMPARE(fileHash(folder + "/head.pt"), previousHash_);
        QCOMPARE(leftoversBeside(folder), QStringList{".model.tmp-deadbeef"});
        QCOMPARE(tl::test::readAll(parent + "/.model.tmp-deadbeef/diary.txt"),
                 QByteArray("not TransferLab's"));
    }
};

QTEST_GUILESS_MAIN(TestModelFolderSafety)
#include "TestModelFolderSafety.moc"
