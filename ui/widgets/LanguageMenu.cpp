// SPDX-License-Identifier: MIT
#include "widgets/LanguageMenu.h"

#include <QActionGroup>
#include <QMessageBox>

#include "models/Translations.h"

namespace tl {

LanguageMenu::LanguageMenu(QWidget* parent) : QMenu(tr("&Language"), parent) {
    auto* group = new QActionGroup(this);
    const QString chosen = Translations::preferred();
    const QString current = Translations::resolve(chosen);  // what this session shows
    QAction* system = addAction(tr("System Default"));
    system->setCheckable(true);
    system->setChecked(chosen.isEmpty());
    system->setToolTip(tr("Use the language of the system when it is available"));
    group->addAction(system);
    connect(system, &QAction::triggered, this, [this] { choose(QString()); });
    addSeparator();
    for (const Translations::Language& language : Translations::available()) {
        QAction* action = addAction(language.nativeName);
        action->setProperty(kUntranslatedProperty, true);
        action->setCheckable(true);
        action->setChecked(chosen == language.code);
        if (language.code == current) {
            action->setFont([&] {
                QFont font = action->font();
                font.setBold(true);
                return font;
            }());
        }
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = language.code] { choose(code); });
    }
}

void LanguageMenu::choose(const QString& code) {
    if (code == Translations::preferred()) {
        return;
    }
    Translations::setPreferred(code);
    if (!qEnvironmentVariableIsSet("TRANSFERLAB_NO_DIALOGS")) {
        QMessageBox::information(parentWidget(), tr("Language"),
                                 tr("TransferLab will use the new language the next time it "
                                    "starts."));
    }
}

}  // namespace tl
