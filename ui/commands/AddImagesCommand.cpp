// SPDX-License-Identifier: MIT
#include "commands/AddImagesCommand.h"

#include <QCoreApplication>

#include "project/Project.h"

namespace tl {

AddImagesCommand::AddImagesCommand(Project* project, ProjectImport import, int targetLabel)
    : project_(project), import_(std::move(import)), targetLabel_(targetLabel) {
    // The count first: lupdate skips translate() calls with template arguments in them.
    const int count = static_cast<int>(import_.files.size());
    setText(QCoreApplication::translate("tl", "Add %n photo(s)", nullptr, count));
}

void AddImagesCommand::redo() {
    createdClasses_.clear();
    if (targetLabel_ < 0) {
        for (const QString& name : import_.classNames) {
            if (project_->classIndex(name) < 0) {
                project_->insertClass(project_->classCount(), name);
                createdClasses_.push_back(name);
            }
        }
    }
    QVector<ProjectImage> images;
    images.reserve(import_.files.size());
    for (const ProjectImport::File& file : import_.files) {
        ProjectImage image;
        image.path = file.path;
        image.label = targetLabel_ >= 0 ? targetLabel_ : project_->classIndex(file.className);
        images.push_back(image);
    }
    added_ = project_->addImages(images);
    for (const QString& root : import_.roots) {
        project_->addDatasetRoot(root);
    }
    if (!skippedRecorded_) {
        // The reasons stay listed after an undo: they describe the files, not the edit.
        project_->addSkipped(import_.skipped);
        skippedRecorded_ = true;
    }
}

void AddImagesCommand::undo() {
    project_->removeImages(added_);
    for (auto it = createdClasses_.crbegin(); it != createdClasses_.crend(); ++it) {
        project_->removeClass(project_->classIndex(*it));
    }
}

}  // namespace tl
