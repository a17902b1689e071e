// SPDX-License-Identifier: MIT
#include "ScreenshotTour.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDir>
#include <QListView>
#include <QPixmap>
#include <QPushButton>
#include <QScreen>
#include <QTabWidget>
#include <QTimer>
#include <QWindow>

#include "backbones/BackboneCatalog.h"
#include "models/ProjectImporter.h"
#include "models/TrainingController.h"
#include "project/Project.h"
#include "widgets/AugmentationPage.h"
#include "widgets/DataPage.h"
#include "widgets/MainWindow.h"
#include "widgets/MissingBackboneDialog.h"
#include "widgets/PhotoViewer.h"
#include "widgets/ResultsPage.h"
#include "widgets/StartPage.h"
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

void ScreenshotTour::save(const QString& name) const {
    // The screen as X shows it (frames, dialogs on top); the window alone where there is no
    // screen to grab (the offscreen platform).
    QPixmap shot;
    if (QScreen* screen = window_->screen()) {
        const QRect frame = window_->frameGeometry();
        shot = screen->grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height());
    }
    if (shot.isNull()) {
        shot = window_->grab();
    }
    shot.save(QDir(folder_).filePath(name + ".png"));
}

ScreenshotTour::Step ScreenshotTour::shoot(const QString& name, int settleTicks) {
    // The first ticks let thumbnails requested by the first paint arrive.
    return [this, name, settleTicks, ticks = 0]() mutable {
        if (++ticks < settleTicks) {
            return false;
        }
        save(name);
        return true;
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
        if (!dialog || ++ticks < 4) {
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
    // The start page, with the project just made among the recent ones.
    steps_.push_back([w] {
        w->resize(1280, 800);
        w->closeProject();
        return true;
    });
    steps_.push_back([w] { return !w->startPage()->isLoading(); });
    steps_.push_back(shoot("0-start", 10));
}

}  // namespace tl::app
