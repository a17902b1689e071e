// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

#include "jobs/Job.h"

namespace tl {

class Project;

// How "Export Labelled Photos" writes the project's labels out of TransferLab.
enum class PhotoExportMode {
    Copies,     // a new folder of class sub-folders holding copies of the photos
    HardLinks,  // the same, with hard links (no extra space; a copy where a link is impossible)
    LabelsCsv,  // a new CSV file: path,label
};

// Writes the labels the user fixed in the project back out as a dataset other tools read:
// class sub-folders (copies or hard links) or a labels CSV. Writes only into a NEW folder or
// file (an existing empty folder is accepted), through a staging name renamed into place,
// so a cancel or failure leaves nothing half-written. Photos that are excluded or unlabelled
// are left out; missing ones are skipped and counted.
class LabelledPhotoExportJob : public Job {
    Q_OBJECT
public:
    struct Photo {
        QString path;
        QString className;
    };
    struct Summary {
        int written = 0;  // copies, links or CSV rows
        int linked = 0;   // of them, hard links
        QStringList missing;
    };

    LabelledPhotoExportJob(QVector<Photo> photos, QString destination, PhotoExportMode mode,
                           QObject* parent = nullptr);
    // The labelled, not excluded photos of `project`, as they are now.
    static QVector<Photo> photosOf(const Project& project);

    const Summary& summary() const { return summary_; }
    QString destination() const { return destination_; }

protected:
    void run() override;

private:
    void checkDestination() const;
    void writeCsv();
    void writeFolders();

    QVector<Photo> photos_;
    QString destination_;
    PhotoExportMode mode_;
    Summary summary_;
};

}  // namespace tl
