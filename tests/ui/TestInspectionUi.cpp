// SPDX-License-Identifier: MIT
// The inspection in the window, driven through its own objects on a copy of the shared photos
// with planted label errors, a planted near-duplicate and unlabeled photos: the Inspect menu,
// the label-issue gallery's actions (relabel, not an error, exclude; all undoable), the
// near-duplicate groups ("keep one", "keep on one side"), the map's selection and labelling,
// Label Next, and the heat-map viewer.
#include <QImage>

#include <qcustomplot.h>
#include <QListView>
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <algorithm>

#include "SharedPhotoFeatures.h"
#include "TestFiles.h"
#include "TestPaths.h"
#include "models/DuplicateGroupModel.h"
#include "models/InspectionController.h"
#include "models/LabelNextController.h"
#include "models/ProjectImporter.h"
#include "models/SuspectListModel.h"
#include "models/TrainingController.h"
#include "project/Project.h"
#include "widgets/DataPage.h"
#include "widgets/DuplicateGroupsView.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/HeatmapOverlayWidget.h"
#include "widgets/HeatmapViewer.h"
#include "widgets/InspectionDialog.h"
#include "widgets/InspectionMenu.h"
#include "widgets/LabelNextDialog.h"
#include "widgets/MainWindow.h"
#include "widgets/PhotoViewer.h"
#include "widgets/SuspectGallery.h"

using namespace tl;
namespace fs = std::filesystem;

namespace {

void selectPath(QListView* view, int row) {
    view->selectionModel()->select(view->model()->index(row, 0),
                                   QItemSelectionModel::ClearAndSelect);
}

}  // namespace

class TestInspectionUi : public QObject {
    Q_OBJECT

    QTemporaryDir tmp_;
    QString data_;
    QStringList planted_;    // alpaca photos filed under not_alpaca
    QStringList unlabeled_;  // loose photos in a folder of their own
    QString original_, copy_;
    std::unique_ptr<MainWindow> window_;
    InspectionMenu* menu_ = nullptr;

    QString unlabeledDir() const { return tmp_.filePath("unlabeled"); }

private slots:
    void initTestCase() {
        qputenv("TRANSFERLAB_NO_DIALOGS", "1");
        QStandardPaths::setTestModeEnabled(true);
        data_ = tmp_.filePath("photos");
        const QDir shared(test::alpacaDatasetDir());
        QStringList alpacas = QDir(shared.filePath("alpaca")).entryList(QDir::Files, QDir::Name);
        const QStringList others =
            QDir(shared.filePath("not_alpaca")).entryList(QDir::Files, QDir::Name);
        QDir().mkpath(data_ + "/alpaca");
        QDir().mkpath(data_ + "/not_alpaca");
        QDir().mkpath(unlabeledDir());
        for (int i = 0; i < alpacas.size(); ++i) {
            // Every 20th alpaca is filed wrongly (planted), every 15th is left unlabeled.
            QString target = data_ + "/alpaca/" + alpacas[i];
            if (i % 20 == 7 && planted_.size() < 3) {
                target = data_ + "/not_alpaca/" + alpacas[i];
                planted_ << target;
            } else if (i % 15 == 3) {
                target = unlabeledDir() + "/" + alpacas[i];
                unlabeled_ << target;
            }
            test::linkOrCopy(test::toPath(shared.filePath("alpaca/" + alpacas[i])),
                             test::toPath(target));
        }
        for (int i = 0; i < others.size(); ++i) {
            const QString target =
                i % 15 == 3 ? unlabeledDir() + "/" + others[i] : data_ + "/not_alpaca/" + others[i];
            if (i % 15 == 3) {
                unlabeled_ << target;
            }
            test::linkOrCopy(test::toPath(shared.filePath("not_alpaca/" + others[i])),
                             test::toPath(target));
        }
        // A near-duplicate: a half-size copy of a labelled alpaca.
        original_ = data_ + "/alpaca/" + alpacas[0];
        copy_ = data_ + "/alpaca/copy-of-" + alpacas[0];
        const QImage image(original_);
        QVERIFY(image.scaled(image.size() / 2, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                    .save(copy_, "JPEG", 85));

        window_ = std::make_unique<MainWindow>();
        window_->resize(1400, 900);
        window_->show();
        QSignalSpy imported(window_->importer(), &ProjectImporter::imported);
        QVERIFY(window_->openPath(data_));
        QVERIFY(imported.wait(20000));
        window_->importer()->importPaths({unlabeledDir()}, -1);  // a folder of loose photos
        QVERIFY(imported.wait(20000));
        QCOMPARE(window_->project()->imageCount(), 328);
        QCOMPARE(window_->project()->unlabeledCount(), int(unlabeled_.size()));
        TrainingSettings settings = window_->project()->settings();
        settings.automatic = false;  // trains at 160 px, whose features the test cache holds
        settings.backbone = test::teachableMachineDir().toStdString();
        settings.inputSize = 160;
        settings.cacheDirectory = test::testFeatureCacheDir().toStdString();
        window_->project()->setSettings(settings);

        // The hook: one "Inspect" menu in the window's menu bar.
        menu_ = window_->findChild<InspectionMenu*>();
        QVERIFY(menu_);
        QVERIFY(window_->menuBar()->actions().contains(menu_->menuAction()));
        QSignalSpy finished(menu_->inspection(), &InspectionController::inspectionFinished);
        menu_->dialog()->inspect();
        QVERIFY(menu_->inspection()->isBusy());
        QVERIFY(finished.wait(240000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(menu_->inspection()->report().images.size(), size_t(328));
    }

    void labelIssueGalleryActionsAreUndoable() {
        SuspectGallery* gallery = menu_->dialog()->labelIssues();
        SuspectListModel* model = gallery->model();
        // (How many planted errors rank high is test_label_issue_finder's strict test.)
        QStringList found;
        for (const QString& path : planted_) {
            if (model->rowOf(path) >= 0) {
                found << path;
            }
        }
        QVERIFY(!found.isEmpty());
        QUndoStack* undo = window_->undoStack();
        Project* project = window_->project();
        const QString first = found.first();
        selectPath(gallery->view(), model->rowOf(first));
        gallery->relabelAsSuggested();
        QCOMPARE(project->image(project->rowOf(first)).label, project->classIndex("alpaca"));
        QCOMPARE(model->rowOf(first), -1);
        undo->undo();
        QCOMPARE(project->image(project->rowOf(first)).label, project->classIndex("not_alpaca"));
        QVERIFY(model->rowOf(first) >= 0);

        selectPath(gallery->view(), model->rowOf(first));
        gallery->markNotAnError();
        QVERIFY(project->isLabelConfirmed(first));
        QCOMPARE(model->rowOf(first), -1);
        undo->undo();
        QVERIFY(!project->isLabelConfirmed(first));
        QVERIFY(model->rowOf(first) >= 0);

        selectPath(gallery->view(), model->rowOf(first));
        gallery->excludeSelected();
        QVERIFY(project->image(project->rowOf(first)).excluded);
        QCOMPARE(model->rowOf(first), -1);
        undo->undo();
        QVERIFY(model->rowOf(first) >= 0);
    }

    void nearDuplicatesKeepOneOrStayTogether() {
        DuplicateGroupsView* view = menu_->dialog()->duplicates();
        auto* model = qobject_cast<DuplicateGroupModel*>(view->view()->model());
        QVERIFY(model);
        int row = -1;
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->pathsAt(r).contains(copy_)) {
                row = r;
            }
        }
        QVERIFY(row >= 0);
        QVERIFY(model->pathsAt(row).contains(original_));
        QCOMPARE(DuplicateGroupsView::bestOf({copy_, original_}), original_);  // more pixels
        selectPath(view->view(), row);
        view->keepSelectedTogether();
        QVERIFY(model->index(row).data(DuplicateGroupModel::KeptTogetherRole).toBool());
        Project* project = window_->project();
        QCOMPARE(int(project->subsetOf(copy_)), int(project->subsetOf(original_)));
        QVERIFY(!model->index(row).data(DuplicateGroupModel::StraddlesRole).toBool());
        window_->undoStack()->undo();
        QVERIFY(!model->index(row).data(DuplicateGroupModel::KeptTogetherRole).toBool());

        view->keepOneOfSelected();
        QVERIFY(project->image(project->rowOf(copy_)).excluded);
        QVERIFY(!project->image(project->rowOf(original_)).excluded);
        QCOMPARE(model->index(row).data(DuplicateGroupModel::ExcludedRole).toStringList(),
                 QStringList{copy_});
        window_->undoStack()->undo();
        QVERIFY(!project->image(project->rowOf(copy_)).excluded);
    }

    void mapSelectsAndLabelsPhotos() {
        InspectionDialog* dialog = menu_->dialog();
        dialog->showTab(InspectionDialog::MapTab);
        EmbeddingMapView* map = dialog->map();
        QTRY_VERIFY(map->isVisible());
        QApplication::processEvents();
        map->plot()->replot();
        const QString target = unlabeled_.first();
        const QPointF at = map->pixelOf(target);
        QVERIFY(!at.isNull());
        QVERIFY(!map->photoAt(at).isEmpty());
        map->selectInRect(QRectF(at - QPointF(1, 1), QSizeF(2, 2)));
        QVERIFY(map->selectedPaths().contains(target));
        // A lasso around everything selects every photo that is not excluded.
        const QRect area = map->plot()->rect();
        map->selectInPolygon(QPolygonF({QPointF(-1, -1), QPointF(area.width() * 2 + 2, -1),
                                        QPointF(-1, area.height() * 2 + 2)}));
        QCOMPARE(map->selectedPaths().size(), 328);
        map->selectInRect(QRectF(at - QPointF(1, 1), QSizeF(2, 2)));
        Project* project = window_->project();
        map->labelSelected(project->classIndex("not_alpaca"));
        QCOMPARE(project->image(project->rowOf(target)).label, project->classIndex("not_alpaca"));
        window_->undoStack()->undo();
        QCOMPARE(project->image(project->rowOf(target)).label, -1);

        // "Select on Data Page" selects exactly those photos there.
        const QStringList chosen = map->selectedPaths();
        menu_->selectOnDataPage(chosen);
        QCOMPARE(window_->dataPage()->selectedPaths(), chosen);

        // t-SNE, off the UI thread.
        QSignalSpy tsne(menu_->inspection(), &InspectionController::tsneFinished);
        map->setProjection(EmbeddingMapView::Projection::Tsne);
        QVERIFY(tsne.wait(240000));
        QVERIFY(tsne.first().at(0).toBool());
        QCOMPARE(menu_->inspection()->tsnePoints().size(), size_t(2 * 328));
        map->plot()->replot();
        QVERIFY(!map->pixelOf(target).isNull());
    }

    void labelNextLabelsTheSuggestedPhotos() {
        Project* project = window_->project();
        const int before = project->unlabeledCount();
        menu_->startLabelNext();
        LabelNextDialog* dialog = menu_->labelNextDialog();
        QVERIFY(dialog->isVisible());
        auto* controller = menu_->findChild<LabelNextController*>();
        QVERIFY(controller);
        QTRY_VERIFY_WITH_TIMEOUT(!controller->currentPath().isEmpty(), 60000);
        const QString shown = controller->currentPath();
        QVERIFY(unlabeled_.contains(shown));
        QVERIFY(controller->currentSuggestion()->score >= 0);
        // One button per class, with keys 1-9.
        QPushButton* first = nullptr;
        for (QPushButton* button : dialog->findChildren<QPushButton*>()) {
            if (button->text().startsWith("1 ")) {
                first = button;
            }
        }
        QVERIFY(first);
        QCOMPARE(first->shortcut(), QKeySequence(Qt::Key_1));
        first->click();
        QCOMPARE(project->image(project->rowOf(shown)).label, 0);
        QCOMPARE(project->unlabeledCount(), before - 1);
        QTRY_VERIFY_WITH_TIMEOUT(
            !controller->currentPath().isEmpty() && controller->currentPath() != shown, 60000);
        const QString skipped = controller->currentPath();
        controller->skip();
        QVERIFY(controller->currentPath() != skipped);
        window_->undoStack()->undo();
        QCOMPARE(project->unlabeledCount(), before);
        dialog->close();
    }

    void viewerShowsTheHeatmapOfTheSelectedPhoto() {
        Project* project = window_->project();
        TrainingSettings settings = project->settings();
        settings.epochs = 10;
        project->setSettings(settings);
        QSignalSpy trained(window_->trainingController(), &TrainingController::finished);
        QString error;
        QVERIFY2(window_->trainingController()->start(&error), qPrintable(error));
        QVERIFY(trained.wait(240000));
        QVERIFY(trained.first().at(0).toBool());

        menu_->selectOnDataPage({original_});
        menu_->explainSelected();
        HeatmapViewer* viewer = menu_->dialog()->viewer();
        QVERIFY(viewer->isVisible());
        QCOMPARE(viewer->currentPath(), original_);
        QTRY_VERIFY_WITH_TIMEOUT(viewer->overlay()->hasHeatmap() && viewer->overlay()->hasPhoto(),
                                 60000);
        viewer->overlay()->setOverlayVisible(false);
        QVERIFY(!viewer->overlay()->isOverlayVisible());
    }

    void photoViewerOpensTheHeatmap() {
        // The large photo viewer's "Heat-map…" button opens the heat-map viewer on its photo.
        HeatmapViewer* heatmaps = menu_->dialog()->viewer();
        heatmaps->close();
        QVERIFY(!heatmaps->isVisible());
        const QString photo = unlabeled_.first();
        menu_->selectOnDataPage({photo});
        DataPage* page = window_->dataPage();
        page->openViewer();
        PhotoViewer* viewer = page->viewer();
        QVERIFY(viewer && viewer->isVisible());
        QCOMPARE(viewer->currentPath(), photo);
        auto* button = viewer->findChild<QPushButton*>("explainButton");
        QVERIFY(button);
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(heatmaps->isVisible(), 5000);
        QCOMPARE(heatmaps->currentPath(), photo);
        QTRY_VERIFY_WITH_TIMEOUT(heatmaps->overlay()->hasHeatmap(), 60000);
        viewer->close();
        heatmaps->close();
    }
};

QTEST_MAIN(TestInspectionUi)
#include "TestInspectionUi.moc"
