// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <atomic>
#include <functional>
#include <future>

#include "data/ImageFolderDataset.h"
#include "training/TrainingHistory.h"
#include "training/TrainingSettings.h"

namespace tl {

// One photo of the project. label -1 = the "Unlabeled" pool.
struct ProjectImage {
    QString path;  // absolute, '/'-separated
    int label = -1;
    bool excluded = false;
};

// A finished training run, kept so later runs can be compared with it.
struct TrainingRunRecord {
    QString name;
    QDateTime finished;
    QString backbone;
    TrainingHistory history;
    double validationAccuracy = 0;
    QString modelFolder;  // empty when the model was kept in memory only
    // The run's validation predictions (RunResults), so Results can be shown again after a
    // restart; empty for runs recorded before they were kept.
    QString resultsFile;
    int inputSize = 0;  // the side the photos were resized to; 0 = not recorded
    // k-fold cross-validated accuracy on the training photos: what runs compare by (the
    // split's figure moves by a photo's worth). folds == 0: not cross-validated.
    int crossValidationFolds = 0;
    double crossValidatedAccuracy = 0, crossValidatedSd = 0;
    bool automatic = false;  // the automatic recipe chose the settings
};

// The document the desktop app edits: classes, labelled photos, exclusions, training
// settings and the history of runs. No widgets: item models and undo commands in ui/ sit on
// top of it. Every change is saved atomically (QSaveFile) on the next event-loop turn, so a
// crash or kill never loses more than the edit being made. The autosave serialises and writes
// in a worker thread, one save at a time, from a copy of the state (implicitly shared, so the
// copy is cheap): at 100,000 photos a save takes about 150 ms, which the UI thread must not
// spend on every relabel.
class Project : public QObject {
    Q_OBJECT
public:
    static constexpr const char* kFileName = "transferlab-project.json";

    explicit Project(QObject* parent = nullptr);
    ~Project() override;

    // ---- classes
    const QStringList& classNames() const { return classNames_; }
    int classCount() const { return static_cast<int>(classNames_.size()); }
    int classIndex(const QString& name) const { return classNames_.indexOf(name); }
    // Shifts the labels at or after `index` up by one.
    void insertClass(int index, const QString& name);
    // Images of the class become unlabeled; labels after it shift down.
    void removeClass(int index);
    void renameClass(int index, const QString& name);

    // ---- images
    int imageCount() const { return static_cast<int>(images_.size()); }
    const ProjectImage& image(int row) const { return images_[row]; }
    const QVector<ProjectImage>& images() const { return images_; }
    int rowOf(const QString& path) const { return rows_.value(path, -1); }
    // Appends the images whose path is not in the project yet; returns the paths added.
    QStringList addImages(const QVector<ProjectImage>& images);
    void removeImages(const QStringList& paths);
    void setLabel(int row, int label);
    void setExcluded(int row, bool excluded);
    // Indexed by label; excluded images are not counted.
    QVector<int> countPerClass() const;
    int unlabeledCount() const;

    // ---- training
    const TrainingSettings& settings() const { return settings_; }
    void setSettings(const TrainingSettings& settings);
    const QVector<TrainingRunRecord>& runs() const { return runs_; }
    // Adds a run and makes it the current one.
    void addRun(const TrainingRunRecord& run);
    // The run whose model the Results and Test pages show; -1 when there is none.
    int currentRun() const { return currentRun_; }
    void setCurrentRun(int index);
    // The folder relative paths (and so the train/validation split) are computed from.
    QString datasetRoot() const;
    const QStringList& datasetRoots() const { return datasetRoots_; }
    void addDatasetRoot(const QString& root);
    // Labelled, not excluded images as the trainer sees them. Throws DatasetError when
    // there are none.
    ImageFolderDataset toDataset() const;
    // Training or validation side of one image, as toDataset() would assign it.
    Subset subsetOf(const QString& path) const;

    // Moves photos to new paths (photos found again after their folder moved). Keys are the
    // current paths; labels and exclusions stay. Dataset roots under a moved folder follow.
    void relinkImages(const QHash<QString, QString>& newPathOf);
    // ---- inspection marks
    // Photos the user declared correctly labelled ("not an error"): the label-issue finder
    // hides them as long as they keep the label that was confirmed.
    bool isLabelConfirmed(const QString& path) const;
    void setLabelConfirmed(const QStringList& paths, bool confirmed);
    // Groups of photos (near-duplicates) kept on one side of the training/validation split.
    const QVector<QStringList>& splitGroups() const { return splitGroups_; }
    void addSplitGroup(const QStringList& paths);
    // Removes the group with exactly these members (in any order).
    void removeSplitGroup(const QStringList& paths);

    // Files that were dropped or scanned but cannot be used, with the reason.
    const QVector<QPair<QString, QString>>& skipped() const { return skipped_; }
    void addSkipped(const QVector<QPair<QString, QString>>& skipped);

    // ---- persistence
    // Where the project autosaves; empty = nowhere yet.
    QString filePath() const { return filePath_; }
    // The folder holding the project file (models and results go there); empty = none yet.
    QString folder() const;
    // The project's human name: its folder's name ("alpaca"), or "Untitled".
    QString name() const;
    // Points the project at `file` and saves it there now. Returns false with *error set.
    bool saveAs(const QString& file, QString* error = nullptr);
    // Saves now, on this thread, after any autosave in progress.
    bool save(QString* error = nullptr);
    // Saves what the file does not hold yet, after any autosave in progress: for "Save" and
    // for leaving a project. Usually the autosave has written everything and this writes
    // nothing; a write would cost the UI thread about 150 ms at 100,000 photos.
    bool flush(QString* error = nullptr);
    // True when the project's file holds the current state (nothing to save).
    bool isSaved() const;
    // Blocks until the autosave in progress, if any, has written its file.
    void waitForAutosave();
    // Reads a project file. Throws std::runtime_error with a readable message.
    void load(const QString& file);
    void clear();
    bool isAutosaveEnabled() const { return autosave_; }
    void setAutosaveEnabled(bool enabled) { autosave_ = enabled; }
    QString lastSaveError() const { return lastSaveError_; }

    QByteArray toJson() const;
    void fromJson(const QByteArray& json, const QString& baseFolder);

signals:
    void aboutToReset();
    void reset();
    void imagesAdded(int first, int last);
    void imageChanged(int row);
    void classesChanged();
    void settingsChanged();
    void runsChanged();
    void currentRunChanged(int index);
    void skippedChanged();
    // A label was confirmed or unconfirmed, or a split group added or removed.
    void inspectionMarksChanged();
    // Any change: the project is saved on the next event-loop turn.
    void modified();
    void saved(const QString& file);
    void saveFailed(const QString& error);

private:
    struct Snapshot;  // what a save writes

    void touch();
    void rebuildRows();
    void saveNow();
    Snapshot snapshot() const;
    static QByteArray serialize(const Snapshot& snapshot);
    // Writes `snapshot` to its file atomically; returns the error, empty on success.
    static QString write(const Snapshot& snapshot);
    void startAutosave();
    // Records that the file holds change `change`, unless it already holds a later one.
    void markWritten(quint64 change);
    void finishAutosave(int generation, const QString& file, const QString& error);
    // The split rule's settings with the groups as `relative` maps member paths.
    SplitOptions splitOptions(const std::function<std::string(const QString&)>& relative) const;
    void emitChangedRows(const QStringList& paths);

    QStringList classNames_;
    QVector<ProjectImage> images_;
    QHash<QString, int> rows_;
    // New projects train with the automatic recipe; opened ones keep what they saved.
    TrainingSettings settings_ = TrainingSettings::automaticRecipe();
    QVector<TrainingRunRecord> runs_;
    int currentRun_ = -1;
    QStringList datasetRoots_;
    QVector<QPair<QString, QString>> skipped_;
    QHash<QString, QString> confirmedLabels_;  // path -> the class name confirmed
    QVector<QStringList> splitGroups_;
    QString filePath_;
    QString lastSaveError_;
    bool autosave_ = true;
    bool savePending_ = false;
    std::future<void> autosaveJob_;  // the autosave being written, if any
    bool saveAgain_ = false;         // changes made while it was written
    int saveGeneration_ = 0;         // of the latest save, load or clear; older results are stale
    quint64 changeCount_ = 0;        // counts every change, load and clear
    std::atomic<quint64> writtenChange_{0};  // the change the file holds; saves set it
};

}  // namespace tl
