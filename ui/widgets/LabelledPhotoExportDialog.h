// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>
#include <QPointer>

#include "project/LabelledPhotoExportJob.h"

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace tl {

class JobManager;
class Project;

// "Export Labelled Photos…": the project's labels, with the user's corrections, written out
// for other tools as a new folder of class sub-folders (copies or hard links) or as a labels
// CSV. Only a new folder or file is written; the job runs in a worker with progress and Cancel.
class LabelledPhotoExportDialog : public QDialog {
    Q_OBJECT
public:
    LabelledPhotoExportDialog(Project* project, JobManager* jobs, QWidget* parent = nullptr);
    ~LabelledPhotoExportDialog() override;

    void setMode(PhotoExportMode mode);
    PhotoExportMode mode() const;
    void setDestination(const QString& path);
    QString destination() const;
    // Starts the export; false (with the reason shown) when the destination is not new.
    bool startExport();
    bool isRunning() const { return !job_.isNull(); }
    QLabel* statusLabel() const { return status_; }
    QPushButton* exportButton() const { return export_; }

signals:
    void exportFinished(bool ok, const QString& message);

private:
    void chooseDestination();
    void updateDefaultDestination();

    Project* project_;
    JobManager* jobs_;
    QRadioButton* copies_;
    QRadioButton* links_;
    QRadioButton* csv_;
    QLineEdit* destination_;
    QLabel* counts_;
    QLabel* status_;
    QProgressBar* progress_;
    QPushButton* export_;
    QPushButton* cancel_;
    QPointer<LabelledPhotoExportJob> job_;
};

}  // namespace tl
