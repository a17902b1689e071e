// SPDX-License-Identifier: MIT
#pragma once

#include <QStringList>
#include <QVector>
#include <QWidget>

#include "models/BackboneChoiceList.h"

class QComboBox;
class QLabel;
class QToolButton;

namespace tl {

// The backbone list of the Train page: what is usable on this computer first (downloaded,
// installed with TransferLab, imported, model folders), then what can be downloaded, each
// named by what it is and the photo size it trains at; and "Choose a file…", which imports a
// Keras .h5, a TF.js model.json or a Teachable Machine folder into the backbone store (in a
// worker thread).
class BackbonePicker : public QWidget {
    Q_OBJECT
public:
    explicit BackbonePicker(QWidget* parent = nullptr);

    // Model folders offered besides the store's backbones.
    void setLocalFolders(const QStringList& folders);
    // Lists the store again (after a download or an import).
    void refresh();
    // The reference (catalogue name, imported name or path) chosen; empty if none.
    QString currentBackbone() const;
    // The chosen entry as listed.
    BackboneChoice currentChoice() const;
    // Selects `reference`, adding it to the list if it is not there. Emits nothing.
    void selectBackbone(const QString& reference);
    // Copies a .h5, model.json or Teachable Machine folder into the store, then selects it
    // and emits chosen(); importFinished() tells how it went.
    void importBackbone(const QString& path);
    // Asks for a file or folder to import (a file dialog).
    void chooseFile();
    bool isImporting() const { return importing_; }
    void setLocked(bool locked);
    // A line under the list: the backbone's state, or what went wrong (error = red).
    void setStatus(const QString& text, bool error = false);
    void showDefaultStatus();

    QComboBox* combo() const { return combo_; }
    QLabel* statusLabel() const { return status_; }

signals:
    // The user chose a backbone (from the list, a folder or an import).
    void chosen(const QString& reference);
    void importFinished(bool ok, const QString& name, const QString& error);

private:
    void rebuild(const QString& keep);
    void onActivated(int index);

    QComboBox* combo_;
    QToolButton* browse_;
    QLabel* status_;
    QStringList localFolders_;
    QVector<BackboneChoice> choices_;  // by combo row; entries without one are actions
    int lastIndex_ = -1;
    bool importing_ = false;
    bool locked_ = false;
};

}  // namespace tl
