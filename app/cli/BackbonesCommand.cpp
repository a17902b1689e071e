// SPDX-License-Identifier: MIT
// transferlab-cli backbones: the local collection of ImageNet backbones (list, download, import,
// verify).
#include <QCommandLineParser>
#include <QDir>
#include <QTextStream>

#include <algorithm>

#include "CliSupport.h"
#include "Commands.h"
#include "backbones/BackboneDownloadJob.h"
#include "backbones/BackboneStore.h"
#include "backbones/BundledBackbones.h"
#include "support/DataSize.h"
#include "support/Errors.h"

using namespace tl;

namespace {

struct Options {
    QCommandLineOption dir{"dir", "Backbone folder (env TRANSFERLAB_BACKBONE_DIR).", "DIR"};
    QCommandLineOption baseUrl{
        "base-url", "Download server or mirror (env TRANSFERLAB_BACKBONE_BASE_URL).", "URL"};
    QCommandLineOption name{"name", "import: the name to import under (default: from the path).",
                            "NAME"};
};

int fail(QTextStream& err, const QString& message, int code = 1) {
    err << "transferlab-cli backbones: " << message << "\n";
    return code;
}

int list(const BackboneStore& store, QTextStream& out) {
    const QString defaultName = store.catalog().defaultEntry().name;
    out << QStringLiteral("NAME").leftJustified(26) << "INPUT  "
        << QStringLiteral("SIZE").leftJustified(10) << "STATUS\n";
    // Files installed with the application, recognised once (BundledBackbones reads them).
    const auto bundled = tl::BundledBackbones(store.bundledFolders()).scan();
    auto isBundled = [&bundled](const tl::BackboneCatalogEntry& entry) {
        return std::any_of(bundled.begin(), bundled.end(), [&entry](const auto& item) {
            return tl::BundledBackbones::matches(item, entry);
        });
    };
    for (const auto& entry : store.catalog().entries()) {
        const auto stored = store.stored(entry.name);
        const QString status =
            !stored ? (isBundled(entry) ? QStringLiteral("installed with TransferLab")
                                        : QStringLiteral("-"))
            : stored->sha256.isEmpty() ? QStringLiteral("present, not yet checked")
            : stored->source == QLatin1String("bundled")
                ? QStringLiteral("installed with TransferLab, in use")
                : QStringLiteral("downloaded");
        out << (entry.name + (entry.name == defaultName ? " *" : "")).leftJustified(26)
            << QString::number(entry.spec.inputSize).leftJustified(7)
            << formatDataSize(stored ? stored->sizeBytes : entry.sizeBytes).leftJustified(10)
            << status << "\n";
    }
    const auto imported = store.imported();
    for (const auto& item : imported) {
        out << item.name.leftJustified(26) << QString::number(item.spec.inputSize).leftJustified(7)
            << formatDataSize(item.sizeBytes).leftJustified(10) << "imported (" << item.displayName
            << ")\n";
    }
    out << "\n* default. Folder: " << QDir::toNativeSeparators(store.directory()) << "\n"
        << "Weights: Keras Applications (" << store.catalog().defaultEntry().licence
        << "), trained on ImageNet; see " << store.catalog().defaultEntry().licenceUrl << "\n";
    return 0;
}

int download(const BackboneStore& store, const QString& name, QTextStream& out, QTextStream& err) {
    if (!store.catalog().find(name)) {
        return fail(err, QString("'%1' is not in the catalogue (see 'backbones list')").arg(name));
    }
    BackboneDownloadJob job(store, name);
    int lastPercent = -1;
    QObject::connect(&job, &Job::progressChanged, [&](double fraction, const QString& detail) {
        const int percent = int(fraction * 100);
        if (percent / 10 != lastPercent / 10) {
            err << "  " << percent << "% " << detail << "\n";
            err.flush();
            lastPercent = percent;
        }
    });
    QObject::connect(&job, &Job::logMessage, [&](const QString& line) {
        err << line << "\n";
        err.flush();
    });
    // Ctrl-C cancels cleanly: .part files are kept for a resume.
    const bool ok = cli::executeCancellable(job);
    if (!ok) {
        return fail(err, job.errorMessage());
    }
    out << name << ": " << QDir::toNativeSeparators(job.result().path) << "\n"
        << "  " << formatDataSize(job.result().sizeBytes) << ", SHA-256 " << job.result().sha256
        << "\n";
    return 0;
}

int importModel(BackboneStore& store, const QString& path, const QString& name, QTextStream& out,
                QTextStream& err) {
    try {
        const StoredBackbone stored = store.importModel(path, name);
        out << "Imported " << stored.displayName << " as '" << stored.name << "'\n  "
            << QDir::toNativeSeparators(stored.path) << "\n"
            << "Use it with --backbone " << stored.name << "\n";
        return 0;
    } catch (const ImportError& error) {
        return fail(err, QString::fromStdString(tl::oneLineMessage(error)));
    }
}

int verify(const BackboneStore& store, QStringList names, QTextStream& out) {
    if (names.isEmpty()) {
        for (const auto& entry : store.catalog().entries()) {
            if (store.stored(entry.name)) {
                names << entry.name;
            }
        }
        for (const auto& item : store.imported()) {
            names << item.name;
        }
    }
    if (names.isEmpty()) {
        out << "Nothing downloaded or imported yet in "
            << QDir::toNativeSeparators(store.directory()) << "\n";
        return 0;
    }
    int failures = 0;
    for (const auto& name : names) {
        const BackboneVerification result = store.verify(name);
        out << (result.ok ? "OK      " : "FAILED  ") << name << ": " << result.message << "\n";
        failures += result.ok ? 0 : 1;
    }
    return failures == 0 ? 0 : 1;
}

}  // namespace

int runBackbonesCommand(const QStringList& args) {
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Manage the ImageNet backbones (official Keras Applications weights).\n\n"
        "  list              the catalogue, what is downloaded, what was imported\n"
        "  download NAME     fetch a catalogue backbone now (otherwise the first use does)\n"
        "  import PATH       copy a Keras .h5, a TF.js model.json or a Teachable Machine\n"
        "                    export folder into the collection (--name NAME)\n"
        "  verify [NAME...]  check sizes, HDF5 structure and recorded SHA-256 checksums");
    parser.addHelpOption();
    Options o;
    parser.addOptions({o.dir, o.baseUrl, o.name});
    parser.addPositionalArgument("action", "list, download, import or verify");
    if (!parser.parse(args)) {
        return fail(err, parser.errorText(), 2);
    }
    if (parser.isSet("help")) {
        out << parser.helpText();
        return 0;
    }
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(0, QStringLiteral("list"));
    BackboneStore store;
    if (parser.isSet(o.dir)) {
        store.setDirectory(parser.value(o.dir));
    }
    if (parser.isSet(o.baseUrl)) {
        store.setBaseUrl(parser.value(o.baseUrl));
    }
    if (action == "list" && positional.size() == 1) {
        return list(store, out);
    }
    if (action == "download" && positional.size() == 2) {
        return download(store, positional[1], out, err);
    }
    if (action == "import" && positional.size() == 2) {
        return importModel(store, positional[1], parser.value(o.name), out, err);
    }
    if (action == "verify") {
        return verify(store, positional.mid(1), out);
    }
    return fail(
        err, "usage: backbones list | download NAME | import PATH [--name NAME] | verify [NAME...]",
        2);
}
