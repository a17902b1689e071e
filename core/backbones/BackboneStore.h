// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>
#include <vector>

#include "backbones/BackboneCatalog.h"
#include "backbones/BundledBackbones.h"
#include "nn/BackboneSpec.h"
#include "support/HttpDownloader.h"

namespace tl {

// A backbone weight file on this computer and what was recorded when it first arrived.
struct StoredBackbone {
    QString name;           // catalogue name, or the name given at import
    QString path;           // the .h5 file, or model.json of an imported TF.js model
    QString format;         // "keras-h5" or "tfjs-layers"
    QString source;         // "download", "placed" (by hand), "bundled", "keras-cache", "import"
    QString origin;         // URL or path it came from
    qint64 sizeBytes = -1;  // of all weight files together
    QByteArray sha256;   // lower-case hex over the weight file(s), see BackboneStore::sha256OfFiles
    QString recordedAt;  // ISO 8601, when size and SHA-256 were recorded
    BackboneSpec spec;
    QString displayName;
};

struct BackboneVerification {
    bool ok = false;
    QString message;  // what is wrong, or a one-line summary when ok
};

// The local collection of backbone weights: catalogue files downloaded on first use, files
// placed by hand, and imported models.
//
// Folder: setDirectory(), else $TRANSFERLAB_BACKBONE_DIR, else <AppDataLocation>/backbones
// (~/.local/share/TransferLab/backbones on Linux). Catalogue files
// keep their Keras names there ("mobilenet_v2_weights_..._1.0_160_no_top.h5", so a file copied
// from ~/.keras/models fits), with "<name>.json" beside them recording size and SHA-256.
// Imports live in "imported/<name>/" with a "backbone.json".
//
// Downloads use HttpDownloader (system proxy, retries with back-off, resume of "<file>.part"
// with Range, atomic rename) and are verified before the rename: the catalogue's size, MD5 and
// SHA-256 where it knows them, and the Keras HDF5 structure. The SHA-256 recorded at first
// sight is verified again on every ensure(), which catches a file damaged later.
//
// Blocking: call from a worker thread (BackboneDownloadJob) or the CLI. Copyable; each copy is
// independent.
class BackboneStore {
public:
    using CancelCheck = std::function<bool()>;
    using Progress = std::function<void(qint64 bytesReceived, qint64 bytesTotal)>;
    using Log = std::function<void(const QString& line)>;

    explicit BackboneStore(const BackboneCatalog& catalog = BackboneCatalog::builtIn());

    static QString defaultDirectory();
    QString directory() const { return directory_; }
    void setDirectory(const QString& directory) { directory_ = directory; }
    // Where catalogue paths are fetched from: setBaseUrl(), else $TRANSFERLAB_BACKBONE_BASE_URL
    // (a mirror, or a test server), else the catalogue's.
    QString baseUrl() const { return baseUrl_; }
    void setBaseUrl(const QString& baseUrl);
    // False when $TRANSFERLAB_OFFLINE is 1/true, or after setDownloadsAllowed(false): missing
    // catalogue files are then reported instead of fetched.
    bool downloadsAllowed() const { return downloadsAllowed_; }
    void setDownloadsAllowed(bool allowed) { downloadsAllowed_ = allowed; }
    HttpDownloadOptions downloadOptions() const { return options_; }
    void setDownloadOptions(const HttpDownloadOptions& options) { options_ = options; }
    void setLog(Log log) { log_ = std::move(log); }
    // Where installers put weight files (BundledBackbones::defaultFolders() unless set).
    QStringList bundledFolders() const { return bundledFolders_; }
    void setBundledFolders(const QStringList& folders) { bundledFolders_ = folders; }
    // The installed file recognised as catalogue backbone `name`, if any: what ensure() adopts
    // when the store has no copy. Reads the candidate file: call from a worker thread.
    std::optional<BundledBackbone> bundled(const QString& name) const;
    const BackboneCatalog& catalog() const { return catalog_; }

    QUrl url(const BackboneCatalogEntry& entry) const;
    QString filePath(const BackboneCatalogEntry& entry) const;

    // A catalogue entry or an imported backbone of that name exists (present or not).
    bool isKnown(const QString& name) const;
    // What is recorded about `name` if its files are here (nothing is hashed).
    std::optional<StoredBackbone> stored(const QString& name) const;
    std::vector<StoredBackbone> imported() const;
    // `name` can be used without a download: in the store, bundled, or in Keras's own cache.
    bool isAvailableOffline(const QString& name) const;

    // The checked local weights of `name`. A missing catalogue file is taken from the copy
    // installed with the application (bundled(), recognised by content, source "bundled"),
    // from Keras's cache (~/.keras/models) or downloaded when allowed; a present file is checked
    // against what was recorded (a damaged download is fetched again when allowed). Throws
    // BackboneUnavailableError saying what to do, ImportError for unknown names, JobCanceled.
    StoredBackbone ensure(const QString& name, const CancelCheck& isCanceled = {},
                          const Progress& progress = {});
    // Checks what is here without network: files present, sizes, HDF5 structure, SHA-256.
    BackboneVerification verify(const QString& name) const;
    // Copies a Keras .h5 file, a TF.js model.json (with its shards) or a Teachable Machine
    // export folder into the store, checked by importing it. `name` defaults to the file or
    // folder name. Throws ImportError.
    StoredBackbone importModel(const QString& path, const QString& name = {});
    // Deletes a catalogue file (and its record) or an imported backbone. False if absent.
    bool remove(const QString& name);

    // The message for a catalogue file that is missing and could not be fetched: which URL
    // to download and where to put it, or how to import a file instead.
    QString unavailableMessage(const BackboneCatalogEntry& entry, const QString& reason) const;

    // The files whose bytes make up a model's weights: the .h5 itself, or model.json followed by
    // its weight shards in manifest order.
    static QStringList weightFiles(const QString& modelPath);
    // Lower-case hex SHA-256 over the concatenated files; empty if one cannot be read.
    static QByteArray sha256OfFiles(const QStringList& files);

private:
    StoredBackbone ensureCatalogued(const BackboneCatalogEntry& entry,
                                    const CancelCheck& isCanceled, const Progress& progress);
    StoredBackbone download(const BackboneCatalogEntry& entry, const CancelCheck& isCanceled,
                            const Progress& progress);
    std::optional<StoredBackbone> recordedIfIntact(const BackboneCatalogEntry& entry,
                                                   QString* problem) const;
    std::optional<StoredBackbone> adoptBundled(const BackboneCatalogEntry& entry);
    std::optional<StoredBackbone> adoptUnrecorded(const BackboneCatalogEntry& entry,
                                                  const QString& file, const QString& source,
                                                  const QString& origin, QString* problem);
    QString checkAgainstCatalogue(const BackboneCatalogEntry& entry, const QString& file) const;
    StoredBackbone record(const BackboneCatalogEntry& entry, const QString& source,
                          const QString& origin, const QByteArray& sha256);
    QString recordPath(const QString& name) const;
    QString importDirectory(const QString& name) const;
    void log(const QString& line) const;

    BackboneCatalog catalog_;  // a copy: a temporary passed in must not dangle
    QString directory_;
    QStringList bundledFolders_;
    QString baseUrl_;
    bool downloadsAllowed_ = true;
    HttpDownloadOptions options_;
    Log log_;
};

}  // namespace tl
