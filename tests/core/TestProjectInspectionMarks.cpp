// SPDX-License-Identifier: MIT
// The project remembers what the inspection's user decided: labels confirmed as "not an
// error" (valid while the photo keeps that label) and near-duplicate groups kept on one side
// of the training/validation split, which the split then honours.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "project/Project.h"

using namespace tl;

namespace {

// 30 photos per class under root/<class>/ (the files need not exist for these tests).
void fill(Project& project, const QString& root) {
    project.insertClass(0, "cats");
    project.insertClass(1, "dogs");
    project.addDatasetRoot(root);
    QVector<ProjectImage> images;
    for (int label = 0; label < 2; ++label) {
        for (int i = 0; i < 30; ++i) {
            images.push_back(
                {QString("%1/%2/img_%3.jpg").arg(root, project.classNames()[label]).arg(1000 + i),
                 label, false});
        }
    }
    project.addImages(images);
}

QMap<QString, Subset> datasetSides(const Project& project) {
    QMap<QString, Subset> sides;
    const ImageFolderDataset dataset = project.toDataset();
    for (const ImageEntry& image : dataset.images()) {
        sides.insert(QString::fromStdString(image.path.generic_u8string()), image.subset);
    }
    return sides;
}

}  // namespace

class TestProjectInspectionMarks : public QObject {
    Q_OBJECT
private slots:
    void confirmationHoldsWhileTheLabelDoes() {
        QTemporaryDir dir;
        Project project;
        fill(project, dir.path());
        const QString photo = project.image(3).path;
        QSignalSpy marks(&project, &Project::inspectionMarksChanged);
        QVERIFY(!project.isLabelConfirmed(photo));
        project.setLabelConfirmed({photo}, true);
        QVERIFY(project.isLabelConfirmed(photo));
        QCOMPARE(marks.count(), 1);
        // Relabelled: the confirmation was about the other label.
        project.setLabel(3, 1);
        QVERIFY(!project.isLabelConfirmed(photo));
        project.setLabel(3, 0);
        QVERIFY(project.isLabelConfirmed(photo));
        // Renaming the class keeps it; so does inserting a class before it.
        project.renameClass(0, "kittens");
        QVERIFY(project.isLabelConfirmed(photo));
        project.insertClass(0, "birds");
        QVERIFY(project.isLabelConfirmed(photo));
        project.setLabelConfirmed({photo}, false);
        QVERIFY(!project.isLabelConfirmed(photo));
        // An unlabeled photo has nothing to confirm.
        project.setLabel(5, -1);
        project.setLabelConfirmed({project.image(5).path}, true);
        QVERIFY(!project.isLabelConfirmed(project.image(5).path));
    }

    void splitGroupsKeepMembersOnOneSide() {
        QTemporaryDir dir;
        Project project;
        fill(project, dir.path());
        const auto plain = datasetSides(project);
        // A straddling pair, as a near-duplicate finder would report it.
        QString trainingPhoto, validationPhoto;
        for (auto it = plain.begin(); it != plain.end(); ++it) {
            QCOMPARE(int(project.subsetOf(it.key())), int(it.value()));
            (it.value() == Subset::Training ? trainingPhoto : validationPhoto) = it.key();
        }
        QVERIFY(!trainingPhoto.isEmpty() && !validationPhoto.isEmpty());
        QSignalSpy changedRows(&project, &Project::imageChanged);
        project.addSplitGroup({validationPhoto, trainingPhoto});
        QCOMPARE(changedRows.count(), 2);  // the views repaint the members' side
        const auto grouped = datasetSides(project);
        QCOMPARE(int(grouped[trainingPhoto]), int(grouped[validationPhoto]));
        QCOMPARE(int(project.subsetOf(trainingPhoto)), int(grouped[trainingPhoto]));
        QCOMPARE(int(project.subsetOf(validationPhoto)), int(grouped[validationPhoto]));
        int moved = 0;
        for (auto it = plain.begin(); it != plain.end(); ++it) {
            moved += grouped[it.key()] != it.value();
        }
        QCOMPARE(moved, 1);  // only one member changed side
        // Overlapping groups merge: a photo is in one group at most.
        const QString third = project.image(40).path;
        project.addSplitGroup({trainingPhoto, third});
        QCOMPARE(project.splitGroups().size(), 1);
        QCOMPARE(project.splitGroups().first().size(), 3);
        project.removeSplitGroup({third, trainingPhoto, validationPhoto});
        QVERIFY(project.splitGroups().isEmpty());
        QCOMPARE(datasetSides(project), plain);
    }

    void marksAreSavedAndLoaded() {
        QTemporaryDir dir;
        const QString file = dir.filePath("project/transferlab-project.json");
        QStringList group;
        QString confirmed;
        {
            Project project;
            fill(project, dir.filePath("photos"));
            QVERIFY(project.saveAs(file));
            const QByteArray withoutMarks = project.toJson();
            QVERIFY(!withoutMarks.contains("splitGroups"));  // files without marks are unchanged
            QVERIFY(!withoutMarks.contains("confirmedLabels"));
            confirmed = project.image(7).path;
            project.setLabelConfirmed({confirmed}, true);
            group = QStringList{project.image(1).path, project.image(35).path};
            project.addSplitGroup(group);
            QVERIFY(project.save());
        }
        Project loaded;
        loaded.load(file);
        QVERIFY(loaded.isLabelConfirmed(confirmed));
        QCOMPARE(loaded.splitGroups().size(), 1);
        group.sort();
        QCOMPARE(loaded.splitGroups().first(), group);
        loaded.clear();
        QVERIFY(loaded.splitGroups().isEmpty());
        QVERIFY(!loaded.isLabelConfirmed(confirmed));
    }
};

QTEST_GUILESS_MAIN(TestProjectInspectionMarks)
#include "TestProjectInspectionMarks.moc"
