// SPDX-License-Identifier: MIT
#include "widgets/MissingBackboneDialog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include "support/DataSize.h"

namespace tl {

MissingBackboneDialog::MissingBackboneDialog(const Options& options, QWidget* parent)
    : QDialog(parent), options_(options) {
    setWindowTitle(tr("A Backbone Is Needed"));
    auto* icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxInformation).pixmap(48, 48));
    icon->setAlignment(Qt::AlignTop);

    auto* text = new QLabel(this);
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    QString html =
        tr("<p><b>To learn from your photos, TransferLab starts from a network already trained on "
           "a million everyday photos: a backbone.</b></p>"
           "<p>The backbone chosen for this project, %1, is not on this computer yet.</p>")
            .arg(options.backboneLabel.toHtmlEscaped());
    if (!options.problem.isEmpty()) {
        html +=
            QStringLiteral("<p style='color:#c62828'>%1</p>").arg(options.problem.toHtmlEscaped());
    }
    QStringList ways;
    if (options.canDownload) {
        ways << tr("download it (once; it is kept for every project)");
    }
    ways << tr("choose a backbone file you have");
    if (!options.bundledReference.isEmpty()) {
        ways << tr("use %1, which came with TransferLab").arg(options.bundledLabel.toHtmlEscaped());
    }
    html += tr("<p>You can %1.</p>").arg(ways.join(tr(", or ")));
    text->setText(html);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    if (options.canDownload) {
        download_ = new QPushButton(
            options.downloadBytes > 0
                ? tr("Download (about %1)").arg(formatDataSize(options.downloadBytes))
                : tr("Download"),
            this);
        download_->setToolTip(tr("Needs an internet connection"));
        connect(download_, &QPushButton::clicked, this, [this] { choose(Choice::Download); });
        buttons->addWidget(download_);
    }
    chooseFile_ = new QPushButton(tr("Choose a File…"), this);
    chooseFile_->setToolTip(
        tr("A Keras .h5 file, a TensorFlow.js model.json or a Teachable Machine export folder"));
    connect(chooseFile_, &QPushButton::clicked, this, [this] { choose(Choice::ChooseFile); });
    buttons->addWidget(chooseFile_);
    if (!options.bundledReference.isEmpty()) {
        bundled_ = new QPushButton(tr("Use the Bundled Backbone"), this);
        bundled_->setToolTip(options.bundledLabel);
        connect(bundled_, &QPushButton::clicked, this, [this] { choose(Choice::UseBundled); });
        buttons->addWidget(bundled_);
    }
    cancel_ = new QPushButton(tr("Cancel"), this);
    connect(cancel_, &QPushButton::clicked, this, [this] { choose(Choice::Cancel); });
    buttons->addWidget(cancel_);
    // The likeliest good way out is the default: the installed copy, else the download.
    QPushButton* preferred = bundled_ ? bundled_ : download_ ? download_ : chooseFile_;
    preferred->setDefault(true);
    preferred->setFocus();

    auto* top = new QHBoxLayout;
    top->addWidget(icon);
    top->addWidget(text, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(buttons);
    setMinimumWidth(480);
}

void MissingBackboneDialog::choose(Choice choice) {
    choice_ = choice;
    if (choice == Choice::Cancel) {
        reject();
    } else {
        accept();
    }
}

}  // namespace tl
