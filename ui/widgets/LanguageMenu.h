// SPDX-License-Identifier: MIT
#pragma once

#include <QMenu>

namespace tl {

// View > Language: "System default" and every available language, each named in its own
// language. The choice is saved and applies at the next start (the widgets build their texts
// once), which the menu says when the user changes it.
class LanguageMenu : public QMenu {
    Q_OBJECT
public:
    explicit LanguageMenu(QWidget* parent = nullptr);

    // Objects whose text must stay untranslated (language names) carry this property; the
    // pseudo-locale test skips them.
    static constexpr const char* kUntranslatedProperty = "transferlab_untranslated";

private:
    void choose(const QString& code);
};

}  // namespace tl
