// SPDX-License-Identifier: MIT
#include "backbones/BackboneStore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QRegularExpression>
#include <QSaveFile>
#include <QStandardPaths>

#include <filesystem>

#include "backbones/BundledBackbones.h"
#include "importers/KerasH5Importer.h"
#include "importers/TfjsModelImporter.h"
#include "jobs/Job.h"
#include "support/DataSize.h"
#include "support/Errors.h"
#include "support/FileHash.h"
#include "support/Paths.h"

namespace tl {

namespace fs = std::filesystem;

namespace {

const char* kRecordFile = "backbone.json";

bool envFlag(const char* name) {
    const QByteArray value = qgetenv(name).trimmed().toLower();
    return value == "1" || value == "true" || value == "yes" || value == "on";
}

QJsonObject readJson(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QJsonDocument::fromJson(file.readAll()).object();
}

void writeJson(const QString& path, const QJsonObject& object) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(object).toJson()) < 0 ||
        !file.commit()) {
        throw ImportError("cannot write '" + path.toStdString() +
                          "': " + file.errorString().toStdString());
    }
}

QJsonObject toJson(const StoredBackbone& stored, const QString& file) {
    return {{"name", stored.name},
            {"file", file},
            {"format", stored.format},
            {"source", stored.source},
            {"origin", stored.origin},
            {"sizeBytes", double(stored.sizeBytes)},
            {"sha256", QString::fromLatin1(stored.sha256)},
            {"recordedAt", stored.recordedAt},
            {"architecture", QString::fromStdString(stored.spec.architecture)},
            {"alpha", stored.spec.alpha},
            {"inputSize", stored.spec.inputSize},
            {"displayName", stored.displayName}};
}

StoredBackbone fromJson(const QJsonObject& object, const QString& folder) {
    StoredBackbone stored;
    stored.name = object.value("name").toString();
    stored.path = QDir(folder).filePath(object.value("file").toString());
    stored.format = object.value("format").toString();
    stored.source = object.value("source").toString();
    stored.origin = object.value("origin").toString();
    stored.sizeBytes = static_cast<qint64>(object.value("sizeBytes").toDouble(-1));
    stored.sha256 = object.value("sha256").toString().toLatin1();
    stored.recordedAt = object.value("recordedAt").toString();
    stored.spec.architecture = object.value("architecture").toString().toStdString();
    stored.spec.alpha = object.value("alpha").toDouble(1.0);
    stored.spec.inputSize = object.value("inputSize").toInt();
    stored.displayName = object.value("displayName").toString();
    return stored;
}

qint64 totalSize(const QStringList& files) {
    qint64 size = 0;
    for (const auto& file : files) {
        size += QFileInfo(file).size();
    }
    return size;
}

// Shard paths from model.json's weightsManifest, relative to its folder.
QStringList tfjsShards(const QString& modelJson) {
    QStringList shards;
    const QJsonObject model = readJson(modelJson);
    for (const auto& group : model.value("weightsManifest").toArray()) {
        for (const auto& shard : group.toObject().value("paths").toArray()) {
            shards << shard.toString();
        }
    }
    return shards;
}

// Keras keeps what tf.keras.applications downloaded in $KERAS_HOME/models or ~/.keras/models.
QString kerasCacheFile(const QString& fileName) {
    const QString kerasHome = qEnvironmentVariable("KERAS_HOME");
    const QString base = kerasHome.isEmpty() ? QDir::home().filePath(".keras") : kerasHome;
    return QDir(base).filePath("models/" + fileName);
}

QString importName(const QString& requested, const QFileInfo& source) {
    QString name = requested;
    if (name.isEmpty()) {
        name = source.isDir() ? source.fileName()
               : source.suffix().compare("json", Qt::CaseInsensitive) == 0
                   ? source.absoluteDir().dirName()
                   : source.completeBaseName();
    }
    static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]"));
    name.replace(unsafe, QStringLiteral("_"));
    if (name.isEmpty() || name.startsWith('.')) {
        throw ImportError("'" + requested.toStdString() +
                          "' cannot be used as a backbone name: use letters, digits, . _ -");
    }
    return name;
}

void copyFile(const QString& from, const QString& to) {
    QDir().mkpath(QFileInfo(to).absolutePath());
    if (!QFile::copy(from, to)) {
        throw ImportError("cannot copy '" + from.toStdString() + "' to '" + to.toStdString() + "'");
    }
}

// Copies under a temporary name first: never a half-copied file under the store's name.
bool copyIntoStore(const QString& from, const QString& to) {
    QDir().mkpath(QFileInfo(to).absolutePath());
    const QString copying = to + ".copying";
    QFile::remove(copying);
    if (QFile::copy(from, copying) && QFile::rename(copying, to)) {
        return true;
    }
    QFile::remove(copying);
    return false;
}

}  // namespace

BackboneStore::BackboneStore(const BackboneCatalog& catalog)
    : catalog_(catalog),
      directory_(defaultDirectory()),
      bundledFolders_(BundledBackbones::defaultFolders()),
      downloadsAllowed_(!envFlag("TRANSFERLAB_OFFLINE")) {
    const QString envBase = qEnvironmentVariable("TRANSFERLAB_BACKBONE_BASE_URL");
    setBaseUrl(envBase.isEmpty() ? catalog.baseUrl() : envBase);
}

QString BackboneStore::defaultDirectory() {
    const QString fromEnv = qEnvironmentVariable("TRANSFERLAB_BACKBONE_DIR");
    if (!fromEnv.isEmpty()) {
        return fromEnv;
    }
    // The GUI and the CLI share one application name, hence one store.
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath("backbones");
}

void BackboneStore::setBaseUrl(const QString& baseUrl) {
    baseUrl_ = baseUrl.endsWith('/') ? baseUrl : baseUrl + '/';
}

QUrl BackboneStore::url(const BackboneCatalogEntry& entry) const {
    return QUrl(baseUrl_ + entry.path);
}

QString BackboneStore::filePath(const BackboneCatalogEntry& entry) const {
    return QDir(directory_).filePath(entry.fileName());
}

QString BackboneStore::recordPath(const QString& name) const {
    return QDir(directory_).filePath(name + ".json");
}

QString BackboneStore::importDirectory(const QString& name) const {
    return QDir(directory_).filePath("imported/" + name);
}

// Log lines reach the GUI's training log, translated there (the command line installs no
// translator, so it stays English, as do errors, which the command line shares).
void BackboneStore::log(const QString& line) const {
    if (log_) {
        log_(line);
    }
}

bool BackboneStore::isKnown(const QString& name) const {
    return catalog_.find(name) ||
           QFileInfo::exists(QDir(importDirectory(name)).filePath(kRecordFile));
}

std::optional<StoredBackbone> BackboneStore::stored(const QString& name) const {
    if (const auto* entry = catalog_.find(name)) {
        const QString file = filePath(*entry);
        if (!QFileInfo::exists(file)) {
            return std::nullopt;
        }
        const QJsonObject record = readJson(recordPath(name));
        StoredBackbone stored = record.isEmpty() ? StoredBackbone{} : fromJson(record, directory_);
        stored.name = entry->name;
        stored.path = file;
        stored.format = "keras-h5";
        stored.spec = entry->spec;
        stored.displayName = entry->displayName;
        if (record.isEmpty()) {
            stored.source = "placed";
            stored.sizeBytes = QFileInfo(file).size();
        }
        return stored;
    }
    const QString folder = importDirectory(name);
    const QJsonObject record = readJson(QDir(folder).filePath(kRecordFile));
    if (record.isEmpty()) {
        return std::nullopt;
    }
    return fromJson(record, folder);
}

bool BackboneStore::isAvailableOffline(const QString& name) const {
    if (stored(name)) {
        return true;
    }
    const BackboneCatalogEntry* entry = catalog_.find(name);
    return entry &&
           (bundled(name).has_value() || QFileInfo::exists(kerasCacheFile(entry->fileName())));
}

std::vector<StoredBackbone> BackboneStore::imported() const {
    std::vector<StoredBackbone> list;
    const QDir folder(QDir(directory_).filePath("imported"));
    for (const auto& name : folder.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (auto item = stored(name)) {
            list.push_back(*item);
        }
    }
    return list;
}

QString BackboneStore::unavailableMessage(const BackboneCatalogEntry& entry,
                                          const QString& reason) const {
    return QStringLiteral(
               "Backbone '%1' (%2) is not on this computer and could not be downloaded: %3.\n"
               "To use it offline, download\n  %4\nand place it as\n  %5\n"
               "or import a weight file with 'transferlab-cli backbones import PATH' (a Keras "
               ".h5, a TF.js model.json or a Teachable Machine export folder), or give such a "
               "path instead of a name.")
        .arg(entry.name, entry.displayName, reason, url(entry).toString(),
             QDir::toNativeSeparators(filePath(entry)));
}

QStringList BackboneStore::weightFiles(const QString& modelPath) {
    QFileInfo info(modelPath);
    const QString modelJson = info.isDir() ? QDir(modelPath).filePath("model.json")
                              : info.suffix().compare("json", Qt::CaseInsensitive) == 0 ? modelPath
                                                                                        : QString();
    if (modelJson.isEmpty()) {
        return {modelPath};
    }
    QStringList files = {modelJson};
    const QDir folder = QFileInfo(modelJson).absoluteDir();
    for (const auto& shard : tfjsShards(modelJson)) {
        files << folder.filePath(shard);
    }
    return files;
}

QByteArray BackboneStore::sha256OfFiles(const QStringList& files) {
    return FileHash::of(files);
}

StoredBackbone BackboneStore::ensure(const QString& name, const CancelCheck& isCanceled,
                                     const Progress& progress) {
    if (const auto* entry = catalog_.find(name)) {
        return ensureCatalogued(*entry, isCanceled, progress);
    }
    const auto item = stored(name);
    if (!item) {
        throw ImportError("unknown backbone '" + name.toStdString() +
                          "' (see 'transferlab-cli backbones list')");
    }
    const BackboneVerification check = verify(name);
    if (!check.ok) {
        throw BackboneUnavailableError("imported backbone '" + name.toStdString() +
                                       "' is damaged: " + check.message.toStdString() +
                                       "; remove it and import it again");
    }
    return *item;
}

// Checks a file that has no record yet (placed by hand, or copied from Keras's cache) and
// records it. nullopt + problem if it is unusable.
std::optional<StoredBackbone> BackboneStore::adoptUnrecorded(const BackboneCatalogEntry& entry,
                                                             const QString& file,
                                                             const QString& source,
                                                             const QString& origin,
                                                             QString* problem) {
    *problem = checkAgainstCatalogue(entry, file);
    if (!problem->isEmpty()) {
        return std::nullopt;
    }
    return record(entry, source, origin, sha256OfFiles({file}));
}

// Size, MD5 and SHA-256 where the catalogue knows them, then the Keras HDF5 structure.
QString BackboneStore::checkAgainstCatalogue(const BackboneCatalogEntry& entry,
                                             const QString& file) const {
    const qint64 size = QFileInfo(file).size();
    if (entry.sizeBytes >= 0 && size != entry.sizeBytes) {
        return QStringLiteral("size %1 bytes, expected %2").arg(size).arg(entry.sizeBytes);
    }
    if (!entry.md5.isEmpty() && FileHash::of(file, QCryptographicHash::Md5) != entry.md5) {
        return QStringLiteral("MD5 checksum differs from the published one");
    }
    if (!entry.sha256.isEmpty() && sha256OfFiles({file}) != entry.sha256) {
        return QStringLiteral("SHA-256 checksum differs from the published one");
    }
    try {
        KerasH5Importer::checkStructure(toPath(file));
    } catch (const ImportError& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

StoredBackbone BackboneStore::record(const BackboneCatalogEntry& entry, const QString& source,
                                     const QString& origin, const QByteArray& sha256) {
    StoredBackbone stored;
    stored.name = entry.name;
    stored.path = filePath(entry);
    stored.format = "keras-h5";
    stored.source = source;
    stored.origin = origin;
    stored.sizeBytes = QFileInfo(stored.path).size();
    stored.sha256 = sha256;
    stored.recordedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    stored.spec = entry.spec;
    stored.displayName = entry.displayName;
    writeJson(recordPath(entry.name), toJson(stored, entry.fileName()));
    return stored;
}

std::optional<StoredBackbone> BackboneStore::recordedIfIntact(const BackboneCatalogEntry& entry,
                                                              QString* problem) const {
    const QJsonObject record = readJson(recordPath(entry.name));
    if (record.isEmpty()) {
        return std::nullopt;
    }
    StoredBackbone stored = fromJson(record, directory_);
    stored.spec = entry.spec;
    if (sha256OfFiles({filePath(entry)}) == stored.sha256) {
        return stored;
    }
    *problem = QStringLiteral("its SHA-256 differs from the one recorded when it arrived (%1)")
                   .arg(stored.recordedAt);
    return std::nullopt;
}

std::optional<BundledBackbone> BackboneStore::bundled(const QString& name) const {
    const auto* entry = catalog_.find(name);
    return entry ? BundledBackbones(bundledFolders_).find(*entry) : std::nullopt;
}

// The installer's copy is recognised by content (BundledBackbones), not by the official
// file's size or checksums, and recorded with its own SHA-256 from then on.
std::optional<StoredBackbone> BackboneStore::adoptBundled(const BackboneCatalogEntry& entry) {
    const auto found = BundledBackbones(bundledFolders_).find(entry);
    if (!found) {
        return std::nullopt;
    }
    const QString file = filePath(entry);
    if (!copyIntoStore(found->path, file)) {
        log(QCoreApplication::translate("tl::BackboneStore", "Cannot copy %1 into %2")
                .arg(found->path, directory_));
        return std::nullopt;
    }
    log(QCoreApplication::translate("tl::BackboneStore", "Using %1 (%2) installed with TransferLab")
            .arg(entry.displayName, QDir::toNativeSeparators(found->path)));
    return record(entry, "bundled", found->path, sha256OfFiles({file}));
}

StoredBackbone BackboneStore::ensureCatalogued(const BackboneCatalogEntry& entry,
                                               const CancelCheck& isCanceled,
                                               const Progress& progress) {
    const QString file = filePath(entry);
    if (QFileInfo::exists(file)) {
        QString problem;
        if (auto intact = recordedIfIntact(entry, &problem)) {
            return *intact;
        }
        if (problem.isEmpty()) {  // no record yet: a file placed by hand
            if (auto adopted = adoptUnrecorded(entry, file, "placed", file, &problem)) {
                return *adopted;
            }
        }
        if (!downloadsAllowed_) {
            throw BackboneUnavailableError(
                QStringLiteral("%1 is damaged: %2. Delete it and download it again, or place a "
                               "good copy of\n  %3\nthere.")
                    .arg(QDir::toNativeSeparators(file), problem, url(entry).toString())
                    .toStdString());
        }
        log(QCoreApplication::translate("tl::BackboneStore",
                                        "%1 is damaged (%2): downloading it again")
                .arg(entry.fileName(), problem));
        remove(entry.name);
    }
    // A copy shipped with the installer, then Keras's own downloads, before the network.
    if (auto adopted = adoptBundled(entry)) {
        return *adopted;
    }
    const QString cached = kerasCacheFile(entry.fileName());
    if (QFileInfo::exists(cached)) {
        QString problem;
        if (copyIntoStore(cached, file)) {
            if (auto adopted = adoptUnrecorded(entry, file, "keras-cache", cached, &problem)) {
                log(QCoreApplication::translate("tl::BackboneStore", "Using %1 from %2")
                        .arg(entry.fileName(), cached));
                return *adopted;
            }
            QFile::remove(file);
        }
    }
    if (!downloadsAllowed_) {
        throw BackboneUnavailableError(
            unavailableMessage(entry,
                               QStringLiteral("downloads are turned off (TRANSFERLAB_OFFLINE)"))
                .toStdString());
    }
    return download(entry, isCanceled, progress);
}

StoredBackbone BackboneStore::download(const BackboneCatalogEntry& entry,
                                       const CancelCheck& isCanceled, const Progress& progress) {
    const QString file = filePath(entry);
    if (!QDir().mkpath(directory_)) {
        throw BackboneUnavailableError(
            unavailableMessage(entry, "the folder " + directory_ + " cannot be created")
                .toStdString());
    }
    // Two TransferLab processes must not append to the same .part file.
    QLockFile lock(file + ".lock");
    lock.setStaleLockTime(0);  // a long download is not stale; a dead owner is detected anyway
    bool waited = false;
    while (!lock.tryLock(200)) {
        if (isCanceled && isCanceled()) {
            throw JobCanceled();
        }
        if (!waited) {
            log(QCoreApplication::translate("tl::BackboneStore",
                                            "Waiting for another TransferLab downloading %1")
                    .arg(entry.fileName()));
            waited = true;
        }
    }
    if (waited && QFileInfo::exists(file)) {  // the other process finished it
        QString problem;
        if (auto intact = recordedIfIntact(entry, &problem)) {
            return *intact;
        }
        remove(entry.name);
    }

    HttpDownloadOptions options = options_;
    options.skipExisting = false;
    options.expectedSize = entry.sizeBytes;
    options.expectedSha256 = entry.sha256;
    options.verify = [&entry](const QString& part, QString* error) {
        if (!entry.md5.isEmpty() && FileHash::of(part, QCryptographicHash::Md5) != entry.md5) {
            *error = QStringLiteral("MD5 checksum differs from the published one");
            return false;
        }
        try {
            KerasH5Importer::checkStructure(toPath(part));
        } catch (const ImportError& failure) {
            *error = QString::fromStdString(failure.what());
            return false;
        }
        return true;
    };
    log(QCoreApplication::translate("tl::BackboneStore", "Downloading %1 from %2")
            .arg(entry.displayName, url(entry).toString()));
    HttpDownloader downloader;
    const HttpDownloadResult result =
        downloader.download(url(entry), file, options, isCanceled, progress);
    if (result.status == HttpDownloadStatus::Canceled) {
        throw JobCanceled();
    }
    if (!result.ok()) {
        const QString reason =
            result.status == HttpDownloadStatus::NotFound
                ? QStringLiteral("the server has no such file (HTTP %1)").arg(result.httpStatus)
                : QStringLiteral("%1: %2").arg(HttpDownloader::statusText(result.status),
                                               result.error);
        throw BackboneUnavailableError(unavailableMessage(entry, reason).toStdString());
    }
    log(QCoreApplication::translate("tl::BackboneStore", "Downloaded %1 (%2)")
            .arg(entry.fileName(), formatDataSize(result.fileSize)));
    const QByteArray sha256 = result.sha256.isEmpty() ? sha256OfFiles({file}) : result.sha256;
    return record(entry, "download", url(entry).toString(), sha256);
}

BackboneVerification BackboneStore::verify(const QString& name) const {
    const auto item = stored(name);
    if (!item) {
        return {false,
                isKnown(name) ? QStringLiteral("not downloaded") : QStringLiteral("unknown")};
    }
    const QStringList files = weightFiles(item->path);
    for (const auto& file : files) {
        if (!QFileInfo::exists(file)) {
            return {false, QStringLiteral("%1 is missing").arg(QDir::toNativeSeparators(file))};
        }
    }
    if (const auto* entry = catalog_.find(name)) {
        // A bundled copy need not be the official file: it is checked by its content.
        QString problem;
        if (item->source == QLatin1String("bundled")) {
            const auto recognised = BundledBackbones::recognise(item->path, &problem);
            if (recognised && !BundledBackbones::matches(*recognised, *entry)) {
                problem = QStringLiteral("it holds %1, not %2")
                              .arg(QString::fromStdString(recognised->spec.displayName()),
                                   entry->displayName);
            }
        } else {
            problem = checkAgainstCatalogue(*entry, item->path);
        }
        if (!problem.isEmpty()) {
            return {false, problem};
        }
    }
    if (item->sha256.isEmpty()) {
        return {true,
                QStringLiteral("present, not yet recorded (its first use records the SHA-256)")};
    }
    if (sha256OfFiles(files) != item->sha256) {
        return {false,
                QStringLiteral("SHA-256 differs from the one recorded %1: the file is damaged")
                    .arg(item->recordedAt)};
    }
    return {true,
            QStringLiteral("%1, SHA-256 %2")
                .arg(formatDataSize(totalSize(files)), QString::fromLatin1(item->sha256.left(16)))};
}

StoredBackbone BackboneStore::importModel(const QString& path, const QString& requestedName) {
    const QFileInfo source(path);
    if (!source.exists()) {
        throw ImportError("cannot import '" + path.toStdString() + "': no such file or folder");
    }
    const bool isTfjs = source.isDir() || source.suffix().compare("json", Qt::CaseInsensitive) == 0;
    const QString suffix = source.suffix().toLower();
    if (!isTfjs && suffix != "h5" && suffix != "hdf5" && suffix != "keras" &&
        !KerasH5Importer::hasHdf5Signature(toPath(path))) {
        throw ImportError("cannot import '" + path.toStdString() +
                          "': not a Keras .h5 file, a TF.js model.json or a Teachable Machine "
                          "export folder");
    }
    const QString name = importName(requestedName, source);
    if (catalog_.find(name)) {
        throw ImportError("'" + name.toStdString() +
                          "' is the name of a catalogue backbone; choose another name");
    }
    const QString target = importDirectory(name);
    if (QFileInfo::exists(target)) {
        throw ImportError("a backbone named '" + name.toStdString() + "' was already imported (" +
                          QDir::toNativeSeparators(target).toStdString() +
                          "); choose another name or remove it first");
    }
    // Importing checks the file completely and tells what network it holds.
    const ImportedModel model =
        isTfjs ? TfjsModelImporter::import(toPath(path)) : KerasH5Importer::import(toPath(path));

    const QString staging = target + ".partial";
    QDir(staging).removeRecursively();
    QStringList sources = weightFiles(source.isDir() ? QDir(path).filePath("model.json") : path);
    const QDir sourceFolder = QFileInfo(sources.first()).absoluteDir();
    if (isTfjs && QFileInfo::exists(sourceFolder.filePath("metadata.json"))) {
        sources << sourceFolder.filePath("metadata.json");  // Teachable Machine's class names
    }
    for (const auto& file : sources) {
        const QString relative = sourceFolder.relativeFilePath(file);
        if (relative.startsWith("..")) {
            throw ImportError("weight file '" + file.toStdString() +
                              "' lies outside the model's folder");
        }
        copyFile(file, QDir(staging).filePath(relative));
    }

    StoredBackbone stored;
    stored.name = name;
    stored.path = QDir(target).filePath(QFileInfo(sources.first()).fileName());
    stored.format = QString::fromStdString(model.format);
    stored.source = "import";
    stored.origin = QFileInfo(path).absoluteFilePath();
    const QStringList staged =
        weightFiles(QDir(staging).filePath(QFileInfo(sources.first()).fileName()));
    stored.sizeBytes = totalSize(staged);
    stored.sha256 = sha256OfFiles(staged);
    stored.recordedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    stored.spec = model.backbone->spec();
    stored.displayName = QString::fromStdString(stored.spec.displayName()) + " (imported)";
    writeJson(QDir(staging).filePath(kRecordFile),
              toJson(stored, QFileInfo(stored.path).fileName()));
    if (!QDir().rename(staging, target)) {
        QDir(staging).removeRecursively();
        throw ImportError("cannot move the import into '" + target.toStdString() + "'");
    }
    return stored;
}

bool BackboneStore::remove(const QString& name) {
    if (const auto* entry = catalog_.find(name)) {
        const QString file = filePath(*entry);
        const bool existed = QFileInfo::exists(file);
        QFile::remove(file);
        QFile::remove(HttpDownloader::partPath(file));
        QFile::remove(recordPath(name));
        return existed;
    }
    QDir folder(importDirectory(name));
    return folder.exists() && folder.removeRecursively();
}

}  // namespace tl
