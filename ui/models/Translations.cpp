// SPDX-License-Identifier: MIT
#include "models/Translations.h"

#include "models/Preferences.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace tl {

namespace {

const char* kSettingsKey = "ui/language";
const char* kResourceFolder = ":/i18n";
const char* kFilePrefix = "transferlab_";

// The language's name as its speakers write it (never translated: a user looks for it).
QString nativeName(const QString& code) {
    if (code == QLatin1String("zh_CN")) {
        return QStringLiteral("中文（简体）");  // how Chinese software names Simplified Chinese
    }
    const QString name = QLocale(code).nativeLanguageName();
    return name.isEmpty() ? code : name;
}

bool loadInto(QCoreApplication& app, const QLocale& locale, const QString& file,
              const QStringList& folders) {
    auto* translator = new QTranslator(&app);
    for (const QString& folder : folders) {
        if (translator->load(locale, file, QStringLiteral("_"), folder)) {
            QCoreApplication::installTranslator(translator);
            return true;
        }
    }
    delete translator;
    return false;
}

}  // namespace

QList<Translations::Language> Translations::available() {
    QList<Language> languages{{QStringLiteral("en"), QStringLiteral("English")}};
    const QStringList files =
        QDir(QString::fromLatin1(kResourceFolder))
            .entryList({QString::fromLatin1(kFilePrefix) + "*.qm"}, QDir::Files, QDir::Name);
    for (const QString& file : files) {
        const QString code = file.mid(int(qstrlen(kFilePrefix))).chopped(3);
        languages.push_back({code, nativeName(code)});
    }
    return languages;
}

QString Translations::preferred() {
    return Preferences().settings().value(QString::fromLatin1(kSettingsKey)).toString();
}

void Translations::setPreferred(const QString& code) {
    Preferences preferences;
    QSettings& settings = preferences.settings();
    if (code.isEmpty()) {
        settings.remove(QString::fromLatin1(kSettingsKey));
    } else {
        settings.setValue(QString::fromLatin1(kSettingsKey), code);
    }
}

QString Translations::resolve(const QString& code) {
    const QList<Language> languages = available();
    auto has = [&](const QString& candidate) {
        for (const Language& language : languages) {
            if (language.code == candidate) {
                return true;
            }
        }
        return false;
    };
    if (!code.isEmpty()) {
        return has(code) ? code : QStringLiteral("en");
    }
    // The system's preferred languages in order ("zh-CN", "en-US", ...): the first we have.
    for (QString language : QLocale::system().uiLanguages()) {
        language.replace('-', '_');
        if (language == QLatin1String("zh") || language == QLatin1String("zh_Hans") ||
            language.startsWith(QLatin1String("zh_Hans_"))) {
            language = QStringLiteral("zh_CN");
        }
        if (has(language)) {
            return language;
        }
        if (language.startsWith(QLatin1String("en"))) {
            return QStringLiteral("en");
        }
    }
    return QStringLiteral("en");
}

QString Translations::install(QCoreApplication& app, const QString& code) {
    const QString language = resolve(code);
    const QLocale locale(language);
    if (language != QLatin1String("en")) {
        loadInto(app, locale, QString::fromLatin1(kFilePrefix).chopped(1),
                 {QString::fromLatin1(kResourceFolder)});
        // Qt's own strings: beside the program (Windows, macOS bundles), else Qt's folder.
        loadInto(app, locale, QStringLiteral("qtbase"),
                 {QDir(QCoreApplication::applicationDirPath()).filePath("translations"),
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath)});
    }
    if (!code.isEmpty() || language != QLatin1String("en")) {
        QLocale::setDefault(locale);
    }
    return language;
}

}  // namespace tl
