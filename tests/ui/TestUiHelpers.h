// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <memory>
#include <vector>

namespace tl::test {

// Answers the next modal dialog once it is up: `answer` gets the dialog (e.g. to click one of
// its buttons). Modal dialogs run their own event loop, so this polls from a timer.
inline void answerNextDialog(std::function<void(QWidget*)> answer, int timeoutMs = 10000) {
    auto* timer = new QTimer;
    auto elapsed = std::make_shared<int>(0);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, answer, elapsed, timeoutMs] {
        *elapsed += 20;
        QWidget* dialog = QApplication::activeModalWidget();
        if (dialog && dialog->isVisible()) {
            timer->stop();
            timer->deleteLater();
            answer(dialog);
        } else if (*elapsed > timeoutMs) {
            timer->stop();
            timer->deleteLater();
        }
    });
    timer->start(20);
}

// Clicks the button of a message box whose text is `text`.
inline void clickButton(QWidget* dialog, const QString& text) {
    for (QAbstractButton* button : dialog->findChildren<QAbstractButton*>()) {
        if (button->text() == text) {
            button->click();
            return;
        }
    }
}

// The texts of a dialog's push buttons, for checking what it offers.
inline QStringList buttonTexts(QWidget* dialog) {
    QStringList texts;
    for (QAbstractButton* button : dialog->findChildren<QAbstractButton*>()) {
        if (button->isVisible() || !dialog->isVisible()) {
            texts << button->text();
        }
    }
    return texts;
}

// Sets environment variables for one test and restores them when it ends, passed or not.
class EnvironmentGuard {
public:
    EnvironmentGuard() = default;
    EnvironmentGuard(const EnvironmentGuard&) = delete;
    EnvironmentGuard& operator=(const EnvironmentGuard&) = delete;
    ~EnvironmentGuard() {
        for (auto it = saved_.crbegin(); it != saved_.crend(); ++it) {
            if (it->wasSet) {
                qputenv(it->name.constData(), it->value);
            } else {
                qunsetenv(it->name.constData());
            }
        }
    }
    void set(const char* name, const QByteArray& value) {
        remember(name);
        qputenv(name, value);
    }
    void unset(const char* name) {
        remember(name);
        qunsetenv(name);
    }

private:
    struct Saved {
        QByteArray name;
        bool wasSet;
        QByteArray value;
    };
    void remember(const char* name) {
        saved_.push_back({name, qEnvironmentVariableIsSet(name), qgetenv(name)});
    }
    std::vector<Saved> saved_;
};

}  // namespace tl::test
