// SPDX-License-Identifier: MIT
#include "widgets/BackbonePicker.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QStandardItemModel>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "backbones/BackboneStore.h"
#include "models/UserMessages.h"
#include "support/Errors.h"

namespace tl {

namespace {

constexpr int kChoiceRole = Qt::UserRole;  // index into choices_, -1 for actions
constexpr int kChooseFileAction = -2;

// The choice a combo row stands for; -1 for separators, kChooseFileAction for the action.
int choiceAt(const QComboBox* combo, int row) {
    const QVariant value = combo->itemData(row, kChoiceRole);
    return value.isValid() ? value.toInt() : -1;
}

// Short enough for the list's width: what it is and its size, and a word on where it is;
// the status line under the list says the rest.
QString itemText(const BackboneChoice& choice) {
    switch (choice.kind) {
        case BackboneChoice::Kind::Imported:
            return BackbonePicker::tr("%1 (imported)").arg(choice.label);
        case BackboneChoice::Kind::Local:
            return choice.label;
        case BackboneChoice::Kind::Catalogue:
            break;
    }
    return choice.usable ? choice.label : BackbonePicker::tr("%1 (download)").arg(choice.label);
}

}  // namespace

BackbonePicker::BackbonePicker(QWidget* parent) : QWidget(parent) {
    combo_ = new QComboBox(this);
    combo_->setToolTip(
        tr("The pretrained network whose view of the photos the classifier learns from. Those "
           "on this computer are listed first; the others are downloaded on first use"));
    combo_->setMinimumContentsLength(16);
    combo_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    browse_ = new QToolButton(this);
    browse_->setText(tr("…"));
    browse_->setToolTip(tr("Use a model folder (a Teachable Machine or TF.js export) where it is"));
    connect(browse_, &QToolButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a Model Folder"));
        if (!dir.isEmpty()) {
            selectBackbone(QDir::cleanPath(dir));
            emit chosen(currentBackbone());
        }
    });
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont small = status_->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    status_->setFont(small);

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(combo_, 1);
    row->addWidget(browse_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(status_);

    connect(combo_, &QComboBox::activated, this, &BackbonePicker::onActivated);
    rebuild({});
}

void BackbonePicker::setLocalFolders(const QStringList& folders) {
    localFolders_ = folders;
    rebuild(currentBackbone());
}

void BackbonePicker::refresh() {
    rebuild(currentBackbone());
}

void BackbonePicker::rebuild(const QString& keep) {
    const BackboneStore store;
    choices_ = BackboneChoiceList::build(store, localFolders_);
    QSignalBlocker block(combo_);
    combo_->clear();
    bool separated = false;
    for (int i = 0; i < choices_.size(); ++i) {
        const BackboneChoice& choice = choices_[i];
        if (!choice.usable && !separated) {
            combo_->insertSeparator(combo_->count());
            // A heading, not a choice.
            combo_->addItem(tr("Downloaded on first use:"));
            if (auto* items = qobject_cast<QStandardItemModel*>(combo_->model())) {
                items->item(combo_->count() - 1)->setFlags(Qt::NoItemFlags);
            }
            separated = true;
        }
        combo_->addItem(itemText(choice), i);
        combo_->setItemData(
            combo_->count() - 1,
            //: A backbone's tooltip: its catalogue name or file, then whether it is here.
            tr("%1: %2").arg(choice.kind == BackboneChoice::Kind::Catalogue
                                 ? choice.reference
                                 : QDir::toNativeSeparators(choice.reference),
                             choice.status),
            Qt::ToolTipRole);
    }
    combo_->insertSeparator(combo_->count());
    combo_->addItem(tr("Choose a file…"), kChooseFileAction);
    combo_->setItemData(combo_->count() - 1,
                        tr("Import a Keras .h5 file, a TF.js model.json or a Teachable Machine "
                           "export folder"),
                        Qt::ToolTipRole);
    if (!keep.isEmpty()) {
        selectBackbone(keep);
    } else {
        combo_->setCurrentIndex(0);
        lastIndex_ = 0;
        showDefaultStatus();
    }
}

QString BackbonePicker::currentBackbone() const {
    return currentChoice().reference;
}

BackboneChoice BackbonePicker::currentChoice() const {
    const int choice = choiceAt(combo_, combo_->currentIndex());
    return choice >= 0 && choice < choices_.size() ? choices_[choice] : BackboneChoice{};
}

void BackbonePicker::selectBackbone(const QString& reference) {
    if (reference.isEmpty()) {
        return;
    }
    int row = -1;
    for (int i = 0; i < combo_->count(); ++i) {
        const int choice = choiceAt(combo_, i);
        if (choice >= 0 && choice < choices_.size() && choices_[choice].reference == reference) {
            row = i;
            break;
        }
    }
    if (row < 0) {
        // A path or name given elsewhere (an older project, the command line): offer it as is.
        choices_.push_back(BackboneChoiceList::forPath(reference));
        QSignalBlocker block(combo_);
        combo_->insertItem(0, itemText(choices_.back()), int(choices_.size()) - 1);
        row = 0;
    }
    QSignalBlocker block(combo_);
    combo_->setCurrentIndex(row);
    lastIndex_ = row;
    showDefaultStatus();
}

void BackbonePicker::onActivated(int index) {
    if (choiceAt(combo_, index) == kChooseFileAction) {
        {
            QSignalBlocker block(combo_);
            combo_->setCurrentIndex(lastIndex_);
        }
        chooseFile();
        return;
    }
    lastIndex_ = index;
    showDefaultStatus();
    emit chosen(currentBackbone());
}

void BackbonePicker::showDefaultStatus() {
    const BackboneChoice choice = currentChoice();
    if (choice.reference.isEmpty()) {
        setStatus({});
        return;
    }
    QString text;
    if (choice.kind == BackboneChoice::Kind::Catalogue) {
        const BackboneCatalogEntry* entry = BackboneStore().catalog().find(choice.reference);
        text = choice.usable ? tr("On this computer.")
                             : tr("Downloaded when you train (%1).").arg(choice.status);
        if (entry) {
            text += ' ' + tr("Licence: %1.").arg(entry->licence);
        }
    } else if (choice.kind == BackboneChoice::Kind::Imported) {
        text = tr("Imported: %1.").arg(choice.status);
    } else {
        text = choice.usable ? QDir::toNativeSeparators(choice.reference) : choice.status;
    }
    if (choice.inputSize > 0) {
        text += ' ' + tr("Photos are resized to %1×%1 px.").arg(choice.inputSize);
    }
    setStatus(text);
}

void BackbonePicker::setStatus(const QString& text, bool error) {
    status_->setText(text);
    status_->setStyleSheet(error ? QStringLiteral("color: #c62828;") : QString());
}

void BackbonePicker::chooseFile() {
    QFileDialog dialog(this, tr("Choose a Backbone"));
    dialog.setNameFilters(
        {tr("Backbone models (*.h5 *.hdf5 *.keras model.json)"), tr("All files (*)")});
    dialog.setFileMode(QFileDialog::ExistingFile);
    dialog.setLabelText(QFileDialog::Accept, tr("Import"));
    if (dialog.exec() != QDialog::Accepted || dialog.selectedFiles().isEmpty()) {
        return;
    }
    QString path = dialog.selectedFiles().first();
    // A Teachable Machine export is a folder: model.json, weights.bin, metadata.json.
    if (QFileInfo(path).fileName() == QLatin1String("model.json")) {
        path = QFileInfo(path).absolutePath();
    }
    importBackbone(path);
}

void BackbonePicker::importBackbone(const QString& path) {
    if (importing_) {
        return;
    }
    importing_ = true;
    combo_->setEnabled(false);
    browse_->setEnabled(false);
    setStatus(tr("Importing %1…").arg(QDir::toNativeSeparators(path)));
    struct Result {
        QString name;
        QString error;
        ErrorKind kind = ErrorKind::Internal;
    };
    auto* watcher = new QFutureWatcher<Result>(this);
    connect(watcher, &QFutureWatcher<Result>::finished, this, [this, watcher] {
        const Result result = watcher->result();
        watcher->deleteLater();
        importing_ = false;
        combo_->setEnabled(!locked_);
        browse_->setEnabled(!locked_);
        if (!result.error.isEmpty()) {
            const QString message = tr("Cannot use this file: %1")
                                        .arg(UserMessages::withoutCommandLineAdvice(result.error));
            setStatus(message, true);
            emit importFinished(false, {}, message);
            return;
        }
        rebuild(result.name);
        emit chosen(result.name);  // first: the settings take it before anything trains
        emit importFinished(true, result.name, {});
    });
    watcher->setFuture(QtConcurrent::run([path] {
        Result result;
        try {
            BackboneStore store;
            result.name = store.importModel(path).name;
        } catch (const std::exception& e) {
            result.error = QString::fromStdString(oneLineMessage(e));
            result.kind = kindOf(e);
        }
        return result;
    }));
}

void BackbonePicker::setLocked(bool locked) {
    locked_ = locked;
    combo_->setEnabled(!locked && !importing_);
    browse_->setEnabled(!locked && !importing_);
}

}  // namespace tl
