// SPDX-License-Identifier: MIT
#include "ScreenshotTour.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QListView>
#include <QPixmap>
#include <QPushButton>
#include <QScreen>
#include <QTabWidget>
#include <QTimer>
#include <QWindow>

#include "backbones/BackboneCatalog.h"
#include "models/InspectionController.h"
#include "models/LabelNextController.h"
#include "models/ProjectImporter.h"
#include "models/SuspectListModel.h"
#include "models/TrainingController.h"
#include "project/Project.h"
#include "widgets/AugmentationPage.h"
#include "widgets/DataPage.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/HeatmapOverlayWidget.h"
#include "widgets/HeatmapViewer.h"
#include "widgets/InspectionDialog.h"
#include "widgets/InspectionMenu.h"
#include "widgets/LabelNextDialog.h"
#include "widgets/MainWindow.h"
#include "widgets/MissingBackboneDialog.h"
#include "widgets/PhotoViewer.h"
#include "widgets/ResultsPage.h"
#include "widgets/StartPage.h"
#include "widgets/SuspectGallery.h"
#include "widgets/TestPage.h"
#include "widgets/TrainPage.h"

namespace tl::app {

ScreenshotTour::ScreenshotTour(MainWindow* window, QString folder, QObject* parent)
    : QObject(parent), window_(window), folder_(std::move(folder)), timer_(new QTimer(this)) {
    timer_->setInterval(250);
    connect(timer_, &QTimer::timeout, this, &ScreenshotTour::advance);
}

void ScreenshotTour::start() {
    QDir().mkpath(folder_);
    buildSteps();
    timer_->start();
}

QRect ScreenshotTour::frameOf(const QWidget* window) {
    // The platform window's frame: a dialog's QWidget::frameGeometry() can stay at the 1x1 it
    // had before the window manager framed it.
    return window->windowHandle() ? window->windowHandle()->frameGeometry()
                                  : window->frameGeometry();
}

void ScreenshotTour::save(const QString& name, QWidget* target) const {
    // The screen as X shows it (frames, dialogs on top) over the window's frame (the main
    // window's, or a dialog's); the window alone where there is no screen to grab (the
    // offscreen platform) or the grab came back smaller than the window.
    QWidget* window = target ? target->window() : window_;
    QPixmap shot;
    const QRect frame = frameOf(window);
    if (QScreen* screen = window->screen()) {
        shot = screen->grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height());
    }
    if (shot.width() < window->width() || shot.height() < window->height()) {
        if (!shot.isNull()) {
            qWarning(
                "Screenshot tour: the screen gave %dx%d for %s (%d,%d %dx%d); saving the "
                "window alone",
                shot.width(), shot.height(), qPrintable(name), frame.x(), frame.y(), frame.width(),
                frame.height());
        }
        shot = window->grab();
    }
    shot.save(QDir(folder_).filePath(name + ".png"));
}

ScreenshotTour::Step ScreenshotTour::shoot(const QString& name, int settleTicks, Target target) {
    // The first ticks let thumbnails requested by the first paint arrive.
    return [this, name, settleTicks, target, ticks = 0]() mutable {
        if (++ticks < settleTicks) {
            return false;
        }
        QWidget* widget = target ? target() : nullptr;
        if (target && (!widget || !widget->isVisible())) {
            qWarning("Screenshot tour: %s is not shown; not saved", qPrintable(name));
            return true;
        }
        // A window just shown: wait (a few seconds at most) until it is on the screen with the
        // window manager's frame around it.
        QWidget* window = widget ? widget->window() : window_;
        const bool placed = window->windowHandle() && window->windowHandle()->isExposed() &&
                            frameOf(window).height() > window->height();
        if (!placed && ticks < settleTicks + 40) {
            return false;
        }
        save(name, widget);
        return true;
    };
}

ScreenshotTour::Step ScreenshotTour::waitFor(const char* what, int seconds,
                                             std::function<bool()> done) const {
    return [what, seconds, done, clock = QElapsedTimer()]() mutable {
        if (!clock.isValid()) {
            clock.start();
        }
        if (done()) {
            return true;
        }
        if (clock.elapsed() > seconds * 1000LL) {
            qWarning("Screenshot tour: gave up waiting for %s after %d s", what, seconds);
            return true;
        }
        return false;
    };
}

void ScreenshotTour::advance() {
    if (next_ < steps_.size() && steps_[next_]()) {
        ++next_;
    }
    if (next_ == steps_.size()) {
        timer_->stop();
        window_->close();
        QApplication::quit();
    }
}

void ScreenshotTour::buildSteps() {
    MainWindow* w = window_;
    auto show = [w](QWidget* page) {
        return [w, page] {
            w->pages()->setCurrentWidget(page);
            return true;
        };
    };
    // Data: the imported photos in their class colours.
    steps_.push_back([w] {
        if (w->isShowingStartPage() || w->importer()->isBusy() || w->project()->imageCount() == 0) {
            return false;
        }
        w->pages()->setCurrentWidget(w->dataPage());
        w->dataPage()->grid()->setCurrentIndex(w->dataPage()->grid()->model()->index(3, 0));
        return true;
    });
    steps_.push_back(shoot("1-data"));
    // The viewer over the Data page.
    steps_.push_back([w] {
        w->dataPage()->openViewer();
        return true;
    });
    steps_.push_back(shoot("2-viewer"));
    steps_.push_back([w] {
        if (w->dataPage()->viewer()) {
            w->dataPage()->viewer()->close();
        }
        return true;
    });
    steps_.push_back([w] {
        w->pages()->setCurrentWidget(w->augmentationPage());
        return w->augmentationPage()->isIdle();
    });
    steps_.push_back(shoot("3-augmentation"));
    // Train with a backbone that is not on this computer: the missing-backbone dialog.
    steps_.push_back([this, w] {
        originalBackbone_ = w->project()->settings().backbone;
        TrainingSettings settings = w->project()->settings();
        settings.backbone = BackboneCatalog::builtIn().defaultEntry().name.toStdString();
        w->project()->setSettings(settings);
        w->pages()->setCurrentWidget(w->trainPage());
        QTimer::singleShot(0, w->trainPage(), &TrainPage::startTraining);  // runs the dialog
        return true;
    });
    steps_.push_back([this, ticks = 0]() mutable {
        auto* dialog = qobject_cast<MissingBackboneDialog*>(QApplication::activeModalWidget());
        ++ticks;
        if (!dialog) {
            // Where the default backbone is installed (a package), training just starts: there
            // is no dialog to show. 40 ticks = 10 s.
            if (ticks > 40 && !QApplication::activeModalWidget()) {
                qWarning(
                    "Screenshot tour: the default backbone is here; 4-missing-backbone skipped");
                return true;
            }
            return false;
        }
        if (ticks < 4) {
            return false;
        }
        save("4-missing-backbone");
        dialog->cancelButton()->click();
        return true;
    });
    // Training on the backbone given on the command line.
    steps_.push_back([this, w] {
        if (QApplication::activeModalWidget()) {
            return false;
        }
        TrainingSettings settings = w->project()->settings();
        settings.backbone = originalBackbone_;
        w->project()->setSettings(settings);
        w->trainPage()->startTraining();
        return w->trainingController()->isRunning();
    });
    steps_.push_back([this, w, ticks = 0]() mutable {
        if (++ticks == 40) {
            save("5-train-running");
        }
        return !w->trainingController()->isRunning();
    });
    steps_.push_back(shoot("6-train"));
    // Results: the cell of the alpacas taken for something else, one of them relabelled.
    steps_.push_back([w] {
        w->pages()->setCurrentWidget(w->resultsPage());
        w->resultsPage()->showCell(0, 1);
        QListView* gallery = w->resultsPage()->galleryView();
        if (gallery->model()->rowCount() > 0) {
            gallery->setCurrentIndex(gallery->model()->index(0, 0));
            w->resultsPage()->relabelSelectedAsPredicted();
        }
        return true;
    });
    steps_.push_back(shoot("7-results"));
    // Test: a sample of photos, sorted least confident first, with the summary.
    steps_.push_back([w] {
        QStringList sample;
        const int stride = qMax(1, w->project()->imageCount() / 24);
        for (int i = 0; i < w->project()->imageCount(); i += stride) {
            sample.push_back(w->project()->image(i).path);
        }
        w->pages()->setCurrentWidget(w->testPage());
        w->testPage()->classify(sample);
        return true;
    });
    steps_.push_back([w] { return !w->testPage()->isBusy(); });
    steps_.push_back(show(w->testPage()));
    steps_.push_back(shoot("8-test"));
    // A 1024x700 window (a 1024x768 laptop screen less its panel).
    steps_.push_back([w] {
        w->showNormal();
        w->resize(1024, 700);
        w->pages()->setCurrentWidget(w->trainPage());
        return true;
    });
    steps_.push_back(shoot("9-train-1024x700", 10));
    steps_.push_back([w] {
        w->pages()->setCurrentWidget(w->resultsPage());
        return true;
    });
    steps_.push_back(shoot("10-results-1024x700", 6));
    steps_.push_back([w] {
        w->resize(1280, 800);
        return true;
    });
    buildInspectionSteps();
    // The start page, with the project just made among the recent ones.
    steps_.push_back([w] {
        w->closeProject();
        return true;
    });
    steps_.push_back([w] { return !w->startPage()->isLoading(); });
    steps_.push_back(shoot("0-start", 10));
}

void ScreenshotTour::buildInspectionSteps() {
    // The Inspect menu's views, each a window of its own: the tour grabs that window.
    MainWindow* w = window_;
    auto menu = [w] { return w->findChild<InspectionMenu*>(); };
    auto dialog = [menu]() -> QWidget* { return menu() ? menu()->dialog() : nullptr; };
    auto idle = [menu] { return !menu() || !menu()->inspection()->isBusy(); };
    auto showTab = [menu](InspectionDialog::Tab tab) {
        return [menu, tab] {
            if (menu()) {
                menu()->dialog()->showTab(tab);
            }
            return true;
        };
    };
    // Check Labels (what Inspect > Check Labels does): the dialog, and the inspection run.
    steps_.push_back([menu] {
        if (!menu()) {
            qWarning("Screenshot tour: no Inspect menu");
            return true;
        }
        menu()->dialog()->showTab(InspectionDialog::LabelIssuesTab);
        menu()->dialog()->inspect();
        return true;
    });
    steps_.push_back(waitFor("the inspection", 300, idle));
    steps_.push_back(shoot("11-inspect-labels", 12, dialog));
    steps_.push_back(showTab(InspectionDialog::DuplicatesTab));
    steps_.push_back(shoot("12-inspect-duplicates", 12, dialog));
    steps_.push_back(showTab(InspectionDialog::OutliersTab));
    steps_.push_back(shoot("13-inspect-outliers", 12, dialog));
    // The map in t-SNE, computed off the UI thread.
    steps_.push_back([menu] {
        if (menu() && menu()->inspection()->hasReport()) {
            menu()->dialog()->showTab(InspectionDialog::MapTab);
            menu()->dialog()->map()->setProjection(EmbeddingMapView::Projection::Tsne);
        }
        return true;
    });
    steps_.push_back(waitFor("the t-SNE map", 180, idle));
    steps_.push_back(shoot("14-inspect-map", 8, dialog));
    // The heat-map viewer on the first likely label error (as a double-click opens it), or
    // on the first photo when there is none.
    steps_.push_back([w, menu] {
        if (!menu()) {
            return true;
        }
        InspectionDialog* inspection = menu()->dialog();
        QStringList paths;
        const SuspectListModel* issues = inspection->labelIssues()->model();
        for (int row = 0; row < issues->rowCount(); ++row) {
            paths << issues->pathAt(row);
        }
        if (paths.isEmpty() && w->project()->imageCount() > 0) {
            paths << w->project()->image(0).path;
        }
        if (!paths.isEmpty()) {
            inspection->showViewer(paths, 0);
        }
        return true;
    });
    auto viewer = [menu]() -> QWidget* { return menu() ? menu()->dialog()->viewer() : nullptr; };
    steps_.push_back(waitFor("the heat-map", 180, [menu] {
        if (!menu()) {
            return true;
        }
        const HeatmapOverlayWidget* overlay = menu()->dialog()->viewer()->overlay();
        return overlay->hasPhoto() && overlay->hasHeatmap();
    }));
    steps_.push_back(shoot("15-heatmap", 6, viewer));
    steps_.push_back([menu] {
        if (menu()) {
            menu()->dialog()->viewer()->close();
        }
        return true;
    });
    // Label Next suggests unlabeled photos: without any there is nothing to show.
    steps_.push_back([this, w, menu] {
        if (!menu()) {
            return true;
        }
        if (w->project()->unlabeledCount() == 0) {
            qInfo("Screenshot tour: no unlabeled photos; 16-label-next skipped");
            skipLabelNext_ = true;
            return true;
        }
        menu()->startLabelNext();
        return true;
    });
    steps_.push_back(waitFor("Label Next's first suggestion", 180, [this, menu] {
        if (skipLabelNext_ || !menu()) {
            return true;
        }
        auto* controller = menu()->findChild<LabelNextController*>();
        return !controller || !controller->currentPath().isEmpty();
    }));
    steps_.push_back([this, menu, ticks = 0]() mutable {
        if (skipLabelNext_ || !menu()) {
            return true;
        }
        if (++ticks < 8) {
            return false;
        }
        save("16-label-next", menu()->labelNextDialog());
        menu()->labelNextDialog()->close();
        return true;
    });
    steps_.push_back([menu] {
        if (menu()) {
            menu()->dialog()->close();
        }
        return true;
    });
}

}  // namespace tl::app
