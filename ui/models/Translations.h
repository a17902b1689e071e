// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QString>

class QCoreApplication;

namespace tl {

// The GUI's languages: English (the source) and the translations embedded from
// resources/translations (Qt Linguist .ts, built into .qm by lrelease). The language follows
// the system locale unless the user chose one (View > Language), which applies at the next
// start. Qt's own strings (standard buttons, file dialogs) come from Qt's translations
// (Debian: qt6-translations-l10n) when installed.
class Translations {
public:
    struct Language {
        QString code;        // "en", "zh_CN"
        QString nativeName;  // in its own language and script: "English", "中文（简体）"
    };

    // English first, then every embedded translation, by code.
    static QList<Language> available();
    // The user's choice (settings key "ui/language"); empty = follow the system locale.
    static QString preferred();
    static void setPreferred(const QString& code);
    // The language a start with this choice shows: `code`, or the system's when it is
    // available, else "en".
    static QString resolve(const QString& code);
    // Installs the translators (TransferLab's and Qt's) for `code` (empty = the system's) on
    // the application and makes it the default locale. Returns the language shown.
    static QString install(QCoreApplication& app, const QString& code);
};

}  // namespace tl
