// SPDX-License-Identifier: MIT
#include "widgets/StartPage.h"

#include <QCheckBox>
#include <QDir>
#include <QDragEnterEvent>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "models/ClassColors.h"
#include "models/Preferences.h"
#include "models/ThumbnailCache.h"

namespace tl {

namespace {

constexpr int kThumbSide = 96;
constexpr int kFileRole = Qt::UserRole + 1;

QPushButton* bigButton(const QString& text, const QString& tip, QWidget* parent) {
    auto* button = new QPushButton(text, parent);
    button->setToolTip(tip);
    button->setMinimumHeight(button->sizeHint().height() * 3 / 2);
    QFont font = button->font();
    font.setPointSizeF(font.pointSizeF() * 1.1);
    button->setFont(font);
    return button;
}

QString describe(const ProjectSummary& summary) {
    if (!summary.isReadable()) {
        return QObject::tr("%1\n%2").arg(summary.name, summary.error);
    }
    QStringList classes;
    for (int c = 0; c < summary.classNames.size() && c < 4; ++c) {
        classes << QObject::tr("%1 %2").arg(summary.classNames[c]).arg(summary.countPerClass[c]);
    }
    if (summary.classNames.size() > 4) {
        classes << QObject::tr("+%n more class(es)", nullptr, int(summary.classNames.size() - 4));
    }
    QString line =
        classes.isEmpty() ? QObject::tr("no class yet") : classes.join(QStringLiteral(" · "));
    if (summary.unlabeledCount > 0) {
        line += QObject::tr(" · %1 unlabeled").arg(summary.unlabeledCount);
    }
    const QString model =
        summary.accuracy >= 0
            ? QObject::tr("model: %1% validation accuracy").arg(summary.accuracy * 100, 0, 'f', 1)
            : QObject::tr("no model yet");
    return QStringLiteral("%1\n%2\n%3 · %4")
        .arg(summary.name, line, model,
             QObject::tr("changed %1")
                 .arg(QLocale().toString(summary.modified.date(), QLocale::ShortFormat)));
}

}  // namespace

StartPage::StartPage(ThumbnailCache* thumbnails, QWidget* parent)
    : QWidget(parent), thumbnails_(thumbnails) {
    setAcceptDrops(true);
    auto* title = new QLabel(tr("<h1>TransferLab</h1>"
                                "<p>Label photos, train an image classifier on them, test it. "
                                "Offline, on this computer.</p>"),
                             this);
    title->setWordWrap(true);

    auto* create = bigButton(tr("New Project…"), tr("An empty project; add photos next"), this);
    auto* folder = bigButton(tr("Open a Folder of Photos…"),
                             tr("A folder with one sub-folder per class becomes a project; the "
                                "photos stay where they are"),
                             this);
    auto* open = bigButton(tr("Open Project…"), tr("A project from another folder"), this);
    example_ = bigButton(tr("Try the Example"),
                         tr("Alpacas and other animals: a two-class project to try "
                            "TransferLab on"),
                         this);
    exampleNote_ = new QLabel(this);
    exampleNote_->setWordWrap(true);
    connect(create, &QPushButton::clicked, this, &StartPage::newProjectRequested);
    connect(folder, &QPushButton::clicked, this, &StartPage::openFolderRequested);
    connect(open, &QPushButton::clicked, this, &StartPage::openProjectRequested);
    connect(example_, &QPushButton::clicked, this, &StartPage::exampleRequested);

    recent_ = new QListWidget(this);
    recent_->setIconSize(QSize(kThumbSide, kThumbSide));
    recent_->setSpacing(4);
    recent_->setWordWrap(true);
    recent_->setContextMenuPolicy(Qt::CustomContextMenu);
    recent_->setToolTip(tr("Double-click or press Enter to open"));
    recentHint_ = new QLabel(tr("Projects you open appear here."), this);
    recentHint_->setStyleSheet(QStringLiteral("color: gray;"));
    connect(recent_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        emit recentProjectChosen(item->data(kFileRole).toString());
    });
    connect(recent_, &QListWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        QListWidgetItem* item = recent_->itemAt(pos);
        if (!item) {
            return;
        }
        const QString file = item->data(kFileRole).toString();
        QMenu menu(this);
        menu.addAction(tr("Open"), this, [this, file] { emit recentProjectChosen(file); });
        menu.addAction(tr("Remove from This List"), this,
                       [this, file] { emit removeRecentRequested(file); });
        menu.exec(recent_->viewport()->mapToGlobal(pos));
    });

    reopen_ = new QCheckBox(tr("Reopen the last project on launch"), this);
    reopen_->setChecked(Preferences().reopenLastProject());
    connect(reopen_, &QCheckBox::toggled, this,
            [](bool on) { Preferences().setReopenLastProject(on); });
    folderNote_ = new QLabel(this);
    folderNote_->setWordWrap(true);
    folderNote_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* actions = new QVBoxLayout;
    actions->addWidget(create);
    actions->addWidget(folder);
    actions->addWidget(open);
    actions->addSpacing(16);
    actions->addWidget(example_);
    actions->addWidget(exampleNote_);
    actions->addStretch(1);
    auto* recentColumn = new QVBoxLayout;
    recentColumn->addWidget(new QLabel(tr("<b>Recent projects</b>"), this));
    recentColumn->addWidget(recentHint_);
    recentColumn->addWidget(recent_, 1);
    auto* columns = new QHBoxLayout;
    columns->addLayout(actions, 2);
    columns->addSpacing(24);
    columns->addLayout(recentColumn, 5);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->addWidget(title);
    layout->addLayout(columns, 1);
    layout->addWidget(folderNote_);
    layout->addWidget(reopen_);

    connect(&watcher_, &QFutureWatcher<QVector<ProjectSummary>>::finished, this, [this] {
        summaries_ = watcher_.result();
        showSummaries();
    });
    if (thumbnails_) {
        connect(thumbnails_, &ThumbnailCache::thumbnailReady, this, &StartPage::refreshThumbnails);
    }
}

void StartPage::setRecentProjects(const QStringList& projectFiles) {
    watcher_.setFuture(QtConcurrent::run([projectFiles] {
        QVector<ProjectSummary> summaries;
        for (const QString& file : projectFiles) {
            summaries.push_back(ProjectSummary::read(file));
        }
        return summaries;
    }));
}

void StartPage::setExampleSource(const QString& localFolder) {
    exampleNote_->setText(
        localFolder.isEmpty()
            ? tr("Downloads about 300 photos of alpacas and other animals from Google Open "
                 "Images (CC BY 2.0; the authors are credited in attribution.csv). Needs an "
                 "internet connection.")
            : tr("Uses the example photos in %1.").arg(QDir::toNativeSeparators(localFolder)));
}

void StartPage::setProjectsFolder(const QString& folder) {
    folderNote_->setText(tr("New projects are kept in %1, one folder each, with their models. "
                            "Your photos stay where they are.")
                             .arg(QDir::toNativeSeparators(folder)));
}

QPixmap StartPage::thumbnailFor(const ProjectSummary& summary) {
    const qreal dpr = devicePixelRatioF();
    QPixmap pixmap(QSize(kThumbSide, kThumbSide) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(palette().color(QPalette::Midlight));
    QPainter painter(&pixmap);
    const int count = static_cast<int>(summary.samplePhotos.size());
    // One vertical slice per class (up to three), each a photo of that class.
    for (int i = 0; i < count; ++i) {
        const QRect slice(i * kThumbSide / count, 0, kThumbSide / count, kThumbSide);
        const QImage image =
            thumbnails_ ? thumbnails_->thumbnail(summary.samplePhotos[i]) : QImage();
        if (image.isNull()) {
            painter.fillRect(slice, classColor(i).lighter(130));
            continue;
        }
        const QImage cropped = image.scaled(slice.size() * dpr, Qt::KeepAspectRatioByExpanding,
                                            Qt::SmoothTransformation);
        const QRect source((cropped.width() - slice.width() * dpr) / 2,
                           (cropped.height() - slice.height() * dpr) / 2, slice.width() * dpr,
                           slice.height() * dpr);
        painter.drawImage(slice, cropped, source);
    }
    return pixmap;
}

QIcon StartPage::iconFor(const ProjectSummary& summary) {
    // The same picture when selected: the style would tint the photos otherwise.
    const QPixmap pixmap = thumbnailFor(summary);
    QIcon icon(pixmap);
    icon.addPixmap(pixmap, QIcon::Selected);
    return icon;
}

void StartPage::showSummaries() {
    recent_->clear();
    for (const ProjectSummary& summary : summaries_) {
        auto* item = new QListWidgetItem(iconFor(summary), describe(summary), recent_);
        item->setData(kFileRole, summary.file);
        item->setToolTip(QDir::toNativeSeparators(summary.file));
        if (!summary.isReadable()) {
            item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
        }
    }
    recentHint_->setVisible(summaries_.isEmpty());
    if (recent_->count() > 0) {
        // Enter opens the latest; nothing looks selected until the user picks.
        recent_->setCurrentRow(0, QItemSelectionModel::NoUpdate);
    }
}

void StartPage::refreshThumbnails() {
    if (!isVisible()) {
        return;  // the thumbnails of another page arrive all the time
    }
    for (int i = 0; i < recent_->count() && i < summaries_.size(); ++i) {
        recent_->item(i)->setIcon(iconFor(summaries_[i]));
    }
}

void StartPage::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) {
        event->acceptProposedAction();
    }
}

void StartPage::dropEvent(QDropEvent* event) {
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isDir()) {
            event->acceptProposedAction();
            emit folderDropped(url.toLocalFile());
            return;
        }
    }
}

}  // namespace tl
