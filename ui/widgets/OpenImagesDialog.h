// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QPointer>

#include <memory>

#include "openimages/OpenImagesRequest.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace tl {

class JobManager;
class OpenImagesDownloadJob;
class Project;
class ProjectImporter;

// "Download from Open Images…": class names, optional negative classes, a limit per class,
// split and seed, and the folder to download into. Runs OpenImagesDownloadJob in a worker
// thread with phase, progress, counts and Cancel; on success the class folders are imported
// into the project through the same importer a dropped folder goes through. Errors (offline,
// unknown class with suggestions) are shown in the dialog.
class OpenImagesDialog : public QDialog {
    Q_OBJECT
public:
    OpenImagesDialog(Project* project, ProjectImporter* importer, JobManager* jobs,
                     QWidget* parent = nullptr);
    ~OpenImagesDialog() override;

    // Servers, cache folder and HTTP options the dialog's requests start from (tests point
    // them at a local server). The fields the dialog shows are overwritten.
    void setRequestTemplate(const OpenImagesRequest& request) { template_ = request; }
    // The request the fields describe now.
    OpenImagesRequest request() const;
    // Where the download goes when the folder field is left empty.
    QString defaultOutputFolder() const;
    bool isRunning() const;

    QLineEdit* classesEdit() const { return classes_; }
    QLineEdit* negativesEdit() const { return negatives_; }
    QSpinBox* limitSpin() const { return limit_; }
    QComboBox* splitCombo() const { return split_; }
    QSpinBox* seedSpin() const { return seed_; }
    QLineEdit* folderEdit() const { return folder_; }
    QPushButton* downloadButton() const { return download_; }
    QPushButton* cancelButton() const { return cancel_; }
    QLabel* errorLabel() const { return error_; }

public slots:
    void startDownload();
    void reject() override;

signals:
    // The job ended; on success the import into the project has been started.
    void downloadFinished(bool ok, const QString& error);

private:
    void chooseFolder();
    void setRunning(bool running);
    void onCounts(qint64 itemsDone, qint64 itemsTotal, qint64 bytesDone, qint64 bytesTotal);
    void onFinished(const OpenImagesDownloadJob& job, bool ok, const QString& error);
    void showError(const QString& message);

    Project* project_;
    ProjectImporter* importer_;
    OpenImagesRequest template_;
    QLineEdit* classes_;
    QLineEdit* negatives_;
    QSpinBox* limit_;
    QComboBox* split_;
    QSpinBox* seed_;
    QLineEdit* folder_;
    QPushButton* browse_;
    QLabel* phase_;
    QProgressBar* progress_;
    QLabel* counts_;
    QLabel* error_;
    QPlainTextEdit* log_;
    QPushButton* download_;
    QPushButton* cancel_;
    bool closeWhenDone_ = false;
    QString currentPhase_;
    // Declared before the runner, so the runner (which joins its thread) dies first.
    JobManager* jobs_;
    QPointer<OpenImagesDownloadJob> job_;  // while a download runs (owned by jobs_)
};

}  // namespace tl
