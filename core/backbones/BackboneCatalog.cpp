// SPDX-License-Identifier: MIT
#include "backbones/BackboneCatalog.h"

#include "support/Errors.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <stdexcept>

// The resource lives in a static library: nothing would pull its object file into the
// executables without this explicit reference. Q_INIT_RESOURCE must be used outside namespaces.
static void initBackboneCatalogResource() {
    Q_INIT_RESOURCE(backbones);
}

namespace tl {

namespace {

const char* kResourcePath = ":/transferlab/backbones.json";

[[noreturn]] void fail(const QString& what) {
    throw Error(ErrorKind::Internal, "backbone catalogue: " + what.toStdString());
}

QString requiredString(const QJsonObject& object, const char* key, const QString& where) {
    const QString value = object.value(key).toString();
    if (value.isEmpty()) {
        fail(QStringLiteral("%1 has no '%2'").arg(where, key));
    }
    return value;
}

BackboneCatalogEntry parseEntry(const QJsonObject& object, const QJsonObject& licences) {
    BackboneCatalogEntry entry;
    entry.name = requiredString(object, "name", QStringLiteral("an entry"));
    const QString where = QStringLiteral("entry '%1'").arg(entry.name);
    entry.displayName = object.value("displayName").toString(entry.name);
    entry.spec.architecture = requiredString(object, "architecture", where).toStdString();
    entry.spec.alpha = object.value("alpha").toDouble(1.0);
    entry.spec.inputSize = object.value("inputSize").toInt();
    if (entry.spec.inputSize <= 0) {
        fail(where + " has no valid 'inputSize'");
    }
    try {
        entry.preprocessing =
            preprocessingFromString(requiredString(object, "preprocessing", where).toStdString());
    } catch (const std::invalid_argument& error) {
        fail(where + ": " + QString::fromStdString(error.what()));
    }
    entry.path = requiredString(object, "path", where);
    entry.sizeBytes = object.value("sizeBytes").isDouble()
                          ? static_cast<qint64>(object.value("sizeBytes").toDouble())
                          : -1;
    entry.md5 = object.value("md5").toString().toLatin1().toLower();
    entry.sha256 = object.value("sha256").toString().toLatin1().toLower();
    const QJsonObject licence = licences.value(object.value("licence").toString()).toObject();
    entry.licence = licence.value("name").toString(object.value("licence").toString());
    entry.licenceUrl = licence.value("url").toString();
    entry.licenceNote = licence.value("note").toString();
    return entry;
}

}  // namespace

QString BackboneCatalogEntry::fileName() const {
    return path.section('/', -1);
}

const BackboneCatalog& BackboneCatalog::builtIn() {
    static const BackboneCatalog catalog = [] {
        initBackboneCatalogResource();
        QFile file(QString::fromLatin1(kResourcePath));
        if (!file.open(QIODevice::ReadOnly)) {
            fail(QStringLiteral("the compiled-in resource %1 is missing").arg(kResourcePath));
        }
        return fromJson(file.readAll());
    }();
    return catalog;
}

BackboneCatalog BackboneCatalog::fromJson(const QByteArray& json) {
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (!document.isObject()) {
        fail(QStringLiteral("not a JSON object: %1").arg(error.errorString()));
    }
    const QJsonObject root = document.object();
    BackboneCatalog catalog;
    catalog.baseUrl_ = requiredString(root, "baseUrl", QStringLiteral("the catalogue"));
    if (!catalog.baseUrl_.endsWith('/')) {
        catalog.baseUrl_ += '/';
    }
    const QJsonObject licences = root.value("licences").toObject();
    for (const auto& item : root.value("backbones").toArray()) {
        BackboneCatalogEntry entry = parseEntry(item.toObject(), licences);
        if (catalog.find(entry.name)) {
            fail(QStringLiteral("entry '%1' appears twice").arg(entry.name));
        }
        catalog.entries_.push_back(std::move(entry));
    }
    if (catalog.entries_.empty()) {
        fail(QStringLiteral("no backbones"));
    }
    catalog.defaultName_ = root.value("default").toString(catalog.entries_.front().name);
    if (!catalog.find(catalog.defaultName_)) {
        fail(QStringLiteral("the default '%1' is not in the list").arg(catalog.defaultName_));
    }
    return catalog;
}

const BackboneCatalogEntry* BackboneCatalog::find(const QString& name) const {
    for (const auto& entry : entries_) {
        if (entry.name == name) {
            return &entry;
        }
    }
    return nullptr;
}

const BackboneCatalogEntry* BackboneCatalog::findByFileName(const QString& fileName) const {
    for (const auto& entry : entries_) {
        if (entry.fileName() == fileName) {
            return &entry;
        }
    }
    return nullptr;
}

const BackboneCatalogEntry& BackboneCatalog::defaultEntry() const {
    return *find(defaultName_);
}

}  // namespace tl
