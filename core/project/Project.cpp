// SPDX-License-Identifier: MIT
#include "project/Project.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>
#include <QTimer>

#include "project/ProjectLibrary.h"
#include "training/JsonConversions.h"

#include <algorithm>
#include <chrono>

#include <stdexcept>

#include "data/ClassName.h"
#include "support/Errors.h"
#include "support/JsonFields.h"
#include "support/RegularFile.h"

namespace tl {

namespace {

// Project file format history ("version"; files up to kFormatVersion load, newer ones are
// refused with a message to update TransferLab):
//   1  classes, datasetRoots, images [{path, label, excluded}], settings, runs.
constexpr int kFormatVersion = 1;
constexpr std::uint64_t kMaxProjectFileBytes = 512ull << 20;
constexpr int kMaxClasses = 10000;

// Class names as stored: each made valid (older versions accepted "a/b") and unique, so a
// project written by any version still opens.
QStringList classNamesFrom(const JsonFields& json) {
    QStringList names;
    if (!json.has("classes")) {
        return names;
    }
    const std::vector<std::string> stored = json.stringList("classes");
    // Checked first: making many equal names unique must stay cheap.
    if (stored.size() > std::size_t(kMaxClasses)) {
        json.fail("classes", "lists " + std::to_string(stored.size()) + " classes; at most " +
                                 std::to_string(kMaxClasses));
    }
    QSet<QString> taken;
    QHash<QString, int> nextCopy;  // per stored name: the first " (n)" suffix not yet tried
    for (const std::string& original : stored) {
        QString name = QString::fromStdString(ClassName::sanitized(original));
        const QString key = QString::fromStdString(original);
        for (int copy = nextCopy.value(key, 2); taken.contains(name); ++copy) {
            // The suffix is kept whole: a long name cut at the length limit would otherwise
            // come back unchanged and never become unique (a fuzzer found that endless loop).
            name = QString::fromStdString(
                ClassName::sanitizedWithSuffix(original, " (" + std::to_string(copy) + ")"));
            nextCopy.insert(key, copy + 1);
        }
        taken.insert(name);
        names.push_back(name);
    }
    return names;
}

// Paths inside the project folder are stored relative, so the folder can be moved.
QString storedPath(const QString& path, const QDir& base) {
    if (path.isEmpty()) {
        return path;
    }
    const QString relative = base.relativeFilePath(path);
    return relative.startsWith("..") ? path : relative;
}

QString resolvedPath(const QString& stored, const QDir& base) {
    if (stored.isEmpty()) {
        return stored;
    }
    return QDir::cleanPath(QDir::isAbsolutePath(stored) ? stored : base.absoluteFilePath(stored));
}

QJsonObject runToJson(const TrainingRunRecord& run, const QDir& base) {
    QJsonObject json{{"name", run.name},
                     {"finished", run.finished.toString(Qt::ISODate)},
                     {"backbone", run.backbone},
                     {"validationAccuracy", run.validationAccuracy},
                     {"modelFolder", storedPath(run.modelFolder, base)},
                     {"history", toJson(run.history)}};
    if (!run.resultsFile.isEmpty()) {
        json.insert("resultsFile", storedPath(run.resultsFile, base));
    }
    if (run.inputSize > 0) {
        json.insert("inputSize", run.inputSize);
    }
    json.insert("crossValidationFolds", run.crossValidationFolds);
    json.insert("crossValidatedAccuracy", run.crossValidatedAccuracy);
    json.insert("crossValidatedSd", run.crossValidatedSd);
    json.insert("automatic", run.automatic);
    return json;
}

TrainingRunRecord runFromJson(const QJsonObject& o, const QDir& base) {
    TrainingRunRecord run;
    run.name = o.value("name").toString();
    run.finished = QDateTime::fromString(o.value("finished").toString(), Qt::ISODate);
    run.backbone = o.value("backbone").toString();
    run.validationAccuracy = o.value("validationAccuracy").toDouble();
    run.modelFolder = resolvedPath(o.value("modelFolder").toString(), base);
    run.resultsFile = resolvedPath(o.value("resultsFile").toString(), base);
    run.inputSize = qMax(0, o.value("inputSize").toInt());
    run.history = trainingHistoryFromJson(o.value("history").toArray());
    run.crossValidationFolds = std::max(0, o.value("crossValidationFolds").toInt());
    run.crossValidatedAccuracy = o.value("crossValidatedAccuracy").toDouble();
    run.crossValidatedSd = o.value("crossValidatedSd").toDouble();
    run.automatic = o.value("automatic").toBool();
    return run;
}

}  // namespace

Project::Project(QObject* parent) : QObject(parent) {}

struct Project::Snapshot {
    QStringList classNames;
    QVector<ProjectImage> images;
    TrainingSettings settings;
    QVector<TrainingRunRecord> runs;
    int currentRun = -1;
    QStringList datasetRoots;
    QHash<QString, QString> confirmedLabels;
    QVector<QStringList> splitGroups;
    QString filePath;
    quint64 change = 0;  // changeCount_ when it was taken
};

Project::~Project() {
    // A pending autosave must not be lost when the window closes right after an edit.
    waitForAutosave();
    if (savePending_ || saveAgain_) {
        save();
    }
}

void Project::insertClass(int index, const QString& name) {
    index = qBound(0, index, classCount());
    classNames_.insert(index, name);
    for (ProjectImage& image : images_) {
        if (image.label >= index) {
            ++image.label;
        }
    }
    emit classesChanged();
    touch();
}

void Project::removeClass(int index) {
    if (index < 0 || index >= classCount()) {
        return;
    }
    classNames_.removeAt(index);
    for (ProjectImage& image : images_) {
        if (image.label == index) {
            image.label = -1;
        } else if (image.label > index) {
            --image.label;
        }
    }
    emit classesChanged();
    touch();
}

void Project::renameClass(int index, const QString& name) {
    if (index < 0 || index >= classCount() || classNames_[index] == name) {
        return;
    }
    for (QString& confirmed : confirmedLabels_) {
        if (confirmed == classNames_[index]) {
            confirmed = name;
        }
    }
    classNames_[index] = name;
    emit classesChanged();
    touch();
}

QStringList Project::addImages(const QVector<ProjectImage>& images) {
    QStringList added;
    const int first = imageCount();
    for (ProjectImage image : images) {
        image.path = QDir::cleanPath(QFileInfo(image.path).absoluteFilePath());
        if (rows_.contains(image.path)) {
            continue;
        }
        rows_.insert(image.path, imageCount());
        images_.push_back(image);
        added.push_back(image.path);
    }
    if (!added.isEmpty()) {
        emit imagesAdded(first, imageCount() - 1);
        touch();
    }
    return added;
}

void Project::removeImages(const QStringList& paths) {
    if (paths.isEmpty()) {
        return;
    }
    emit aboutToReset();
    const QSet<QString> gone(paths.begin(), paths.end());
    images_.erase(std::remove_if(images_.begin(), images_.end(),
                                 [&](const ProjectImage& i) { return gone.contains(i.path); }),
                  images_.end());
    rebuildRows();
    emit reset();
    touch();
}

void Project::setLabel(int row, int label) {
    if (row < 0 || row >= imageCount() || images_[row].label == label) {
        return;
    }
    images_[row].label = label;
    emit imageChanged(row);
    touch();
}

void Project::setExcluded(int row, bool excluded) {
    if (row < 0 || row >= imageCount() || images_[row].excluded == excluded) {
        return;
    }
    images_[row].excluded = excluded;
    emit imageChanged(row);
    touch();
}

QVector<int> Project::countPerClass() const {
    QVector<int> counts(classCount(), 0);
    for (const ProjectImage& image : images_) {
        if (!image.excluded && image.label >= 0 && image.label < classCount()) {
            ++counts[image.label];
        }
    }
    return counts;
}

int Project::unlabeledCount() const {
    return static_cast<int>(std::count_if(
        images_.begin(), images_.end(), [](const auto& i) { return !i.excluded && i.label < 0; }));
}

void Project::setSettings(const TrainingSettings& settings) {
    settings_ = settings;
    emit settingsChanged();
    touch();
}

void Project::addRun(const TrainingRunRecord& run) {
    runs_.push_back(run);
    emit runsChanged();
    setCurrentRun(static_cast<int>(runs_.size()) - 1);
    touch();
}

void Project::setCurrentRun(int index) {
    index = index >= 0 && index < runs_.size() ? index : -1;
    if (index == currentRun_) {
        return;
    }
    currentRun_ = index;
    emit currentRunChanged(index);
    touch();
}

void Project::relinkImages(const QHash<QString, QString>& newPathOf) {
    if (newPathOf.isEmpty()) {
        return;
    }
    emit aboutToReset();
    for (ProjectImage& image : images_) {
        const auto found = newPathOf.constFind(image.path);
        if (found != newPathOf.constEnd() && !rows_.contains(*found)) {
            image.path = QDir::cleanPath(*found);
        }
    }
    // A dataset root follows its photos: the first moved photo under it gives the new place.
    for (QString& root : datasetRoots_) {
        for (auto it = newPathOf.cbegin(); it != newPathOf.cend(); ++it) {
            if (!it.key().startsWith(root + '/')) {
                continue;
            }
            const QString tail = it.key().mid(root.size());
            if (it.value().endsWith(tail)) {
                root = it.value().left(it.value().size() - tail.size());
            }
            break;
        }
    }
    rebuildRows();
    emit reset();
    touch();
}

QString Project::folder() const {
    return filePath_.isEmpty() ? QString() : QFileInfo(filePath_).absolutePath();
}

QString Project::name() const {
    return filePath_.isEmpty() ? tr("Untitled") : ProjectLibrary::displayName(filePath_);
}

QString Project::datasetRoot() const {
    if (!datasetRoots_.isEmpty()) {
        return datasetRoots_.first();
    }
    if (!filePath_.isEmpty()) {
        return QFileInfo(filePath_).absolutePath();
    }
    return images_.isEmpty() ? QDir::homePath() : QFileInfo(images_.first().path).absolutePath();
}

void Project::addDatasetRoot(const QString& root) {
    const QString clean = QDir::cleanPath(QFileInfo(root).absoluteFilePath());
    if (!datasetRoots_.contains(clean)) {
        datasetRoots_.push_back(clean);
        touch();
    }
}

ImageFolderDataset Project::toDataset() const {
    std::vector<std::pair<std::filesystem::path, int>> files;
    for (const ProjectImage& image : images_) {
        if (!image.excluded && image.label >= 0) {
            files.emplace_back(std::filesystem::u8path(image.path.toStdString()), image.label);
        }
    }
    std::vector<std::string> names;
    for (const QString& name : classNames_) {
        names.push_back(name.toStdString());
    }
    const auto root = std::filesystem::u8path(datasetRoot().toStdString());
    const SplitOptions split = splitOptions([&root](const QString& path) {
        return ImageFolderDataset::relativePathOf(std::filesystem::u8path(path.toStdString()),
                                                  root);
    });
    return ImageFolderDataset::fromEntries(std::move(names), std::move(files), root, split);
}

Subset Project::subsetOf(const QString& path) const {
    const QDir root(datasetRoot());
    const auto relativeOf = [&root](const QString& file) {
        const QString relative = root.relativeFilePath(file);
        return (relative.startsWith("..") ? file : relative).toStdString();
    };
    // The dataset's small-class correction can differ for a handful of images; this is the
    // rule that holds for all others and is cheap enough for a filter.
    return ImageFolderDataset::assignSubset(relativeOf(path), splitOptions(relativeOf));
}

SplitOptions Project::splitOptions(
    const std::function<std::string(const QString&)>& relative) const {
    SplitOptions split;
    split.validationFraction = settings_.validationFraction;
    split.seed = settings_.seed;
    for (const QStringList& group : splitGroups_) {
        std::vector<std::string> members;
        for (const QString& path : group) {
            members.push_back(relative(path));
        }
        split.keepTogether.push_back(std::move(members));
    }
    return split;
}

bool Project::isLabelConfirmed(const QString& path) const {
    const auto found = confirmedLabels_.constFind(path);
    const int row = rowOf(path);
    return found != confirmedLabels_.constEnd() && row >= 0 && images_[row].label >= 0 &&
           classNames_.value(images_[row].label) == *found;
}

void Project::setLabelConfirmed(const QStringList& paths, bool confirmed) {
    bool changed = false;
    for (const QString& path : paths) {
        const int row = rowOf(path);
        if (confirmed && row >= 0 && images_[row].label >= 0) {
            confirmedLabels_.insert(path, classNames_.value(images_[row].label));
            changed = true;
        } else if (!confirmed) {
            changed = confirmedLabels_.remove(path) > 0 || changed;
        }
    }
    if (changed) {
        emit inspectionMarksChanged();
        touch();
    }
}

void Project::addSplitGroup(const QStringList& paths) {
    if (paths.size() < 2) {
        return;
    }
    // A photo belongs to one group at most: groups it shares with the new one merge into it.
    QStringList merged = paths;
    for (int i = splitGroups_.size() - 1; i >= 0; --i) {
        const QStringList& group = splitGroups_[i];
        if (std::any_of(group.begin(), group.end(),
                        [&](const QString& p) { return merged.contains(p); })) {
            merged += group;
            splitGroups_.removeAt(i);
        }
    }
    merged.removeDuplicates();
    merged.sort();
    splitGroups_.push_back(merged);
    emitChangedRows(merged);
    emit inspectionMarksChanged();
    touch();
}

void Project::removeSplitGroup(const QStringList& paths) {
    QStringList sorted = paths;
    sorted.sort();
    const int index = splitGroups_.indexOf(sorted);
    if (index < 0) {
        return;
    }
    splitGroups_.removeAt(index);
    emitChangedRows(sorted);
    emit inspectionMarksChanged();
    touch();
}

// The members' side of the split may have changed: views showing it repaint those rows.
void Project::emitChangedRows(const QStringList& paths) {
    for (const QString& path : paths) {
        if (const int row = rowOf(path); row >= 0) {
            emit imageChanged(row);
        }
    }
}

void Project::addSkipped(const QVector<QPair<QString, QString>>& skipped) {
    if (skipped.isEmpty()) {
        return;
    }
    skipped_ += skipped;
    emit skippedChanged();
}

bool Project::saveAs(const QString& file, QString* error) {
    const QString previous = filePath_;
    filePath_ = QFileInfo(file).absoluteFilePath();
    if (!save(error)) {
        filePath_ = previous;
        return false;
    }
    return true;
}

bool Project::save(QString* error) {
    waitForAutosave();
    ++saveGeneration_;  // the autosave's result, still queued, is now stale
    savePending_ = false;
    saveAgain_ = false;
    const Snapshot state = snapshot();
    lastSaveError_ = filePath_.isEmpty() ? tr("The project has no file yet") : write(state);
    if (lastSaveError_.isEmpty()) {
        markWritten(state.change);
        emit saved(filePath_);
        return true;
    }
    if (error) {
        *error = lastSaveError_;
    }
    emit saveFailed(lastSaveError_);
    return false;
}

bool Project::flush(QString* error) {
    waitForAutosave();
    // A file deleted behind the app's back is written again.
    return (isSaved() && QFileInfo::exists(filePath_)) || save(error);
}

bool Project::isSaved() const {
    return writtenChange_.load() == changeCount_;
}

void Project::markWritten(quint64 change) {
    // Saves of a project since reloaded or cleared finish late with smaller numbers.
    quint64 written = writtenChange_.load();
    while (written < change && !writtenChange_.compare_exchange_weak(written, change)) {
    }
}

void Project::waitForAutosave() {
    if (autosaveJob_.valid()) {
        autosaveJob_.wait();
    }
}

QString Project::write(const Snapshot& snapshot) {
    QDir().mkpath(QFileInfo(snapshot.filePath).absolutePath());
    QSaveFile out(snapshot.filePath);
    if (out.open(QIODevice::WriteOnly) && out.write(serialize(snapshot)) >= 0 && out.commit()) {
        return {};
    }
    return tr("Cannot save %1: %2").arg(snapshot.filePath, out.errorString());
}

void Project::load(const QString& file) {
    RegularFile in(std::filesystem::path(file.toStdU16String()));
    std::vector<unsigned char> bytes;
    if (!in.readAll(&bytes, kMaxProjectFileBytes)) {
        throw FileSystemError(
            tr("Cannot open %1: %2").arg(file, QString::fromStdString(in.problem())).toStdString(),
            file.toStdU16String());
    }
    fromJson(QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size())),
             QFileInfo(file).absolutePath());
    filePath_ = QFileInfo(file).absoluteFilePath();
    savePending_ = false;
    saveAgain_ = false;
    ++saveGeneration_;
    markWritten(++changeCount_);  // the file holds what was just read
}

void Project::clear() {
    emit aboutToReset();
    classNames_.clear();
    images_.clear();
    rows_.clear();
    settings_ = TrainingSettings::automaticRecipe();
    runs_.clear();
    currentRun_ = -1;
    datasetRoots_.clear();
    skipped_.clear();
    confirmedLabels_.clear();
    splitGroups_.clear();
    filePath_.clear();
    savePending_ = false;
    saveAgain_ = false;
    ++saveGeneration_;
    markWritten(++changeCount_);  // an empty project without a file: nothing to save
    emit reset();
    emit classesChanged();
    emit settingsChanged();
    emit runsChanged();
    emit currentRunChanged(-1);
    emit skippedChanged();
    emit inspectionMarksChanged();
}

Project::Snapshot Project::snapshot() const {
    return {classNames_,   images_,          settings_,    runs_,     currentRun_,
            datasetRoots_, confirmedLabels_, splitGroups_, filePath_, changeCount_};
}

QByteArray Project::toJson() const {
    return serialize(snapshot());
}

QByteArray Project::serialize(const Snapshot& s) {
    const QDir base = s.filePath.isEmpty() ? QDir::root() : QFileInfo(s.filePath).absoluteDir();
    QJsonArray images;
    for (const ProjectImage& image : s.images) {
        QJsonObject o{{"path", storedPath(image.path, base)}, {"label", image.label}};
        if (image.excluded) {
            o.insert("excluded", true);
        }
        images.append(o);
    }
    QJsonArray roots;
    for (const QString& root : s.datasetRoots) {
        roots.append(storedPath(root, base));
    }
    QJsonArray runs;
    for (const TrainingRunRecord& run : s.runs) {
        runs.append(runToJson(run, base));
    }
    QJsonObject root{{"format", "transferlab-project"},
                     {"version", kFormatVersion},
                     {"classes", QJsonArray::fromStringList(s.classNames)},
                     {"datasetRoots", roots},
                     {"images", images},
                     {"settings", tl::toJson(s.settings)},
                     {"runs", runs},
                     {"currentRun", s.currentRun}};
    // Optional sections (older versions ignore them): the inspection's marks.
    QJsonArray confirmed;
    for (auto it = s.confirmedLabels.constBegin(); it != s.confirmedLabels.constEnd(); ++it) {
        confirmed.append(QJsonObject{{"path", storedPath(it.key(), base)}, {"label", it.value()}});
    }
    QJsonArray groups;
    for (const QStringList& group : s.splitGroups) {
        QJsonArray members;
        for (const QString& path : group) {
            members.append(storedPath(path, base));
        }
        groups.append(members);
    }
    if (!confirmed.isEmpty()) {
        root.insert("confirmedLabels", confirmed);
    }
    if (!groups.isEmpty()) {
        root.insert("splitGroups", groups);
    }
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

void Project::fromJson(const QByteArray& json, const QString& baseFolder) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (doc.isNull() || !doc.isObject()) {
        throw Error(ErrorKind::CorruptFile,
                    tr("Not a project file: %1").arg(parseError.errorString()).toStdString());
    }
    const QJsonObject root = doc.object();
    if (root.value("format").toString() != "transferlab-project") {
        throw Error(ErrorKind::UnsupportedFormat,
                    tr("Not a TransferLab project file").toStdString());
    }
    const QJsonValue version = root.value("version");
    if (version.isDouble() && version.toDouble() > kFormatVersion) {
        throw Error(ErrorKind::UnsupportedFormat,
                    tr("The project file has format version %1, newer than this TransferLab "
                       "reads (%2): update TransferLab to open it")
                        .arg(version.toDouble())
                        .arg(kFormatVersion)
                        .toStdString());
    }
    // Everything is read and checked before the current project is touched: a broken file
    // leaves the open project as it was.
    const JsonFields fields(root, std::filesystem::path(Project::kFileName));
    fields.integer("version", 1, kFormatVersion, 1);
    const QStringList classNames = classNamesFrom(fields);
    const QDir base(baseFolder);
    QVector<ProjectImage> images;
    QSet<QString> seen;
    const QJsonArray storedImages = fields.array("images", {});
    for (qsizetype i = 0; i < storedImages.size(); ++i) {
        const std::string field = "images[" + std::to_string(i) + "]";
        if (!storedImages.at(i).isObject()) {
            fields.fail(field,
                        "must be an object, not " + JsonFields::describe(storedImages.at(i)));
        }
        const JsonFields o(storedImages.at(i).toObject(), Project::kFileName, field);
        ProjectImage image;
        const std::string path = o.string("path");
        if (path.empty()) {
            o.fail("path", "is empty");
        }
        image.path = resolvedPath(QString::fromStdString(path), base);
        // A label past the classes (a hand-edited file) leaves the photo unlabelled.
        image.label = static_cast<int>(o.integer("label", -1, INT32_MAX, -1));
        if (image.label >= classNames.size()) {
            image.label = -1;
        }
        image.excluded = o.boolean("excluded", false);
        if (!seen.contains(image.path)) {  // a path listed twice is one photo
            seen.insert(image.path);
            images.push_back(image);
        }
    }
    QStringList roots;
    const QJsonArray storedRoots = fields.array("datasetRoots", {});
    for (qsizetype i = 0; i < storedRoots.size(); ++i) {
        if (!storedRoots.at(i).isString()) {
            fields.fail("datasetRoots[" + std::to_string(i) + "]",
                        "must be text, not " + JsonFields::describe(storedRoots.at(i)));
        }
        roots.push_back(resolvedPath(storedRoots.at(i).toString(), base));
    }
    const TrainingSettings settings =
        trainingSettingsFromJson(fields.object("settings", {}).json());
    QVector<TrainingRunRecord> runs;
    for (const QJsonValue& v : fields.array("runs", {})) {
        runs.push_back(runFromJson(v.toObject(), base));
    }

    ++changeCount_;  // load() marks it written; a caller of this alone has unsaved state
    emit aboutToReset();
    classNames_ = classNames;
    images_ = images;
    rebuildRows();
    datasetRoots_ = roots;
    settings_ = settings;
    runs_ = runs;
    // Older files have no current run: their latest run is.
    currentRun_ = root.value("currentRun").toInt(static_cast<int>(runs_.size()) - 1);
    if (currentRun_ < -1 || currentRun_ >= runs_.size()) {
        currentRun_ = static_cast<int>(runs_.size()) - 1;
    }
    skipped_.clear();
    confirmedLabels_.clear();
    for (const QJsonValue& v : root.value("confirmedLabels").toArray()) {
        const QJsonObject o = v.toObject();
        const QString label = o.value("label").toString();
        if (!label.isEmpty()) {
            confirmedLabels_.insert(resolvedPath(o.value("path").toString(), base), label);
        }
    }
    splitGroups_.clear();
    for (const QJsonValue& v : root.value("splitGroups").toArray()) {
        QStringList group;
        for (const QJsonValue& member : v.toArray()) {
            group.push_back(resolvedPath(member.toString(), base));
        }
        group.removeDuplicates();
        group.sort();
        if (group.size() >= 2) {
            splitGroups_.push_back(group);
        }
    }
    emit reset();
    emit classesChanged();
    emit settingsChanged();
    emit runsChanged();
    emit currentRunChanged(currentRun_);
    emit skippedChanged();
    emit inspectionMarksChanged();
}

void Project::touch() {
    ++changeCount_;
    emit modified();
    if (!autosave_ || filePath_.isEmpty() || savePending_) {
        return;
    }
    // Coalesces the edits of one user action (a relabel of 500 images) into one write.
    savePending_ = true;
    QTimer::singleShot(0, this, [this] {
        if (savePending_) {
            saveNow();
        }
    });
}

void Project::saveNow() {
    savePending_ = false;
    if (autosaveJob_.valid() &&
        autosaveJob_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        saveAgain_ = true;  // written when the save in progress ends
        return;
    }
    startAutosave();
}

void Project::startAutosave() {
    saveAgain_ = false;
    const int generation = ++saveGeneration_;
    autosaveJob_ = std::async(std::launch::async, [this, generation, state = snapshot()] {
        const QString error = write(state);
        if (error.isEmpty()) {
            markWritten(state.change);
        }
        // Queued to this object's thread; the destructor waits for this job first, so `this`
        // is alive here, and a posted call dies with the object.
        QMetaObject::invokeMethod(
            this,
            [this, generation, file = state.filePath, error] {
                finishAutosave(generation, file, error);
            },
            Qt::QueuedConnection);
    });
}

void Project::finishAutosave(int generation, const QString& file, const QString& error) {
    // Superseded by a later save, or by opening or clearing the project: that one reports.
    if (generation == saveGeneration_) {
        lastSaveError_ = error;
        if (error.isEmpty()) {
            emit saved(file);
        } else {
            emit saveFailed(error);
        }
    }
    if (saveAgain_ && !filePath_.isEmpty()) {
        waitForAutosave();  // its thread is returning; one writer at a time
        startAutosave();
    }
}

void Project::rebuildRows() {
    rows_.clear();
    for (int row = 0; row < imageCount(); ++row) {
        rows_.insert(images_[row].path, row);
    }
}

}  // namespace tl
