// SPDX-License-Identifier: MIT
// The GUI under a pseudo-locale: every string of resources/translations, wrapped in ⟦ ⟧ by
// tests/i18n/make_pseudo_translation.py and built into a .qm, is installed as the translation.
// The test walks whatever MainWindow offers (every page in several states, every menu action
// and the dialogs they open) and asserts that every visible text, tooltip and action text is
// marked. A text that is not marked was either not wrapped in tr() or is missing from the .ts
// files (run `cmake --build build --target translations_update`). File names, paths and class
// names are exempt, as are Qt's own standard buttons and file dialogs (Qt translates those)
// and objects carrying LanguageMenu::kUntranslatedProperty (language names).
#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QGroupBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextDocument>
#include <QTimer>
#include <QTranslator>
#include <QtTest>

#include <qcustomplot.h>

#include <set>

#include "TestImages.h"
#include "TestPaths.h"
#include "models/ProjectImporter.h"
#include "models/TrainingController.h"
#include "project/Project.h"
#include "widgets/LanguageMenu.h"
#include "widgets/MainWindow.h"
#include "widgets/TestPage.h"
#include "widgets/TrainPage.h"

using namespace tl;

namespace {

const QString kOpen = QStringLiteral("\u27E6");   // ⟦
const QString kClose = QStringLiteral("\u27E7");  // ⟧

// Collects the texts a user sees and the ones that are not marked as translated.
class TextAudit {
public:
    void exempt(const QString& token) {
        if (!token.isEmpty()) {
            exempt_.insert(token);
        }
    }

    // `where`: which widget and property, for the report.
    void check(const QString& text, const QString& where) {
        ++checked_;
        QString rest = text;
        // Marked segments may nest (a translated text with a translated argument).
        static const QRegularExpression marked(kOpen + "[^" + kOpen + kClose + "]*" + kClose);
        for (int before = -1; before != rest.size();) {
            before = rest.size();
            rest.remove(marked);
        }
        // Longest first, so a path goes before the file name inside it.
        std::vector<QString> tokens(exempt_.begin(), exempt_.end());
        std::sort(tokens.begin(), tokens.end(),
                  [](const QString& a, const QString& b) { return a.size() > b.size(); });
        for (const QString& token : tokens) {
            rest.remove(token);
        }
        // Absolute paths (a default folder, a recent project) are names, not text.
        static const QRegularExpression path(QStringLiteral("(?:[A-Za-z]:)?[/\\\\][^\\s\"]+"));
        rest.remove(path);
        if (rest.contains('<')) {  // rich text: what it displays
            QTextDocument document;
            document.setHtml(rest);
            rest = document.toPlainText();
        }
        static const QRegularExpression letters(QStringLiteral("\\p{L}{2,}"));
        if (rest.contains(letters)) {
            problems_.insert(where + ": \"" + text + "\"");
        }
    }

    const std::set<QString>& problems() const { return problems_; }
    int checked() const { return checked_; }

private:
    std::set<QString> exempt_;
    std::set<QString> problems_;
    int checked_ = 0;
};

QString describe(const QObject* object) {
    QString name = QString::fromLatin1(object->metaObject()->className());
    if (!object->objectName().isEmpty()) {
        name += "#" + object->objectName();
    }
    for (const QObject* parent = object->parent(); parent; parent = parent->parent()) {
        if (parent->inherits("QDialog") || parent->inherits("QTabWidget") ||
            parent->inherits("QMainWindow")) {
            return QString::fromLatin1(parent->metaObject()->className()) + " > " + name;
        }
    }
    return name;
}

bool isUntranslatedByDesign(const QObject* object) {
    return object->property(LanguageMenu::kUntranslatedProperty).toBool();
}

// Qt's own texts (standard buttons, file dialog internals) come from Qt's translations.
bool isQtsOwn(const QWidget* widget) {
    for (const QWidget* parent = widget->parentWidget(); parent; parent = parent->parentWidget()) {
        if (qobject_cast<const QFileDialog*>(parent)) {
            return true;
        }
        if (const auto* box = qobject_cast<const QDialogButtonBox*>(parent)) {
            const auto* button = qobject_cast<const QAbstractButton*>(widget);
            return button && box->standardButton(const_cast<QAbstractButton*>(button)) !=
                                 QDialogButtonBox::NoButton;
        }
    }
    return false;
}

void checkAction(TextAudit& audit, QAction* action, const QString& where) {
    if (action->isSeparator() || isUntranslatedByDesign(action) || !action->isVisible()) {
        return;
    }
    audit.check(action->text(), where + " action");
    if (action->toolTip() != QString(action->text()).remove('&')) {
        audit.check(action->toolTip(), where + " action tooltip");
    }
    audit.check(action->statusTip(), where + " action status tip");
    if (action->menu()) {
        for (QAction* child : action->menu()->actions()) {
            checkAction(audit, child, where + " > " + action->text());
        }
    }
}

void checkModel(TextAudit& audit, QAbstractItemModel* model, const QString& where) {
    if (!model) {
        return;
    }
    for (Qt::Orientation orientation : {Qt::Horizontal, Qt::Vertical}) {
        const int sections =
            orientation == Qt::Horizontal ? model->columnCount() : model->rowCount();
        for (int section = 0; section < std::min(sections, 50); ++section) {
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
                audit.check(model->headerData(section, orientation, role).toString(),
                            where + " header");
            }
        }
    }
    for (int row = 0; row < std::min(model->rowCount(), 50); ++row) {
        for (int column = 0; column < std::min(model->columnCount(), 20); ++column) {
            const QModelIndex index = model->index(row, column);
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::StatusTipRole)}) {
                const QVariant value = model->data(index, role);
                if (value.typeId() == QMetaType::QString) {
                    audit.check(value.toString(), where + " item");
                }
            }
        }
    }
}

void checkPlot(TextAudit& audit, QCustomPlot* plot, const QString& where) {
    for (QCPAxisRect* rect : plot->axisRects()) {
        for (QCPAxis* axis : rect->axes()) {
            audit.check(axis->label(), where + " axis label");
        }
    }
    for (QCPLayoutElement* element : plot->plotLayout()->elements(true)) {
        if (auto* text = qobject_cast<QCPTextElement*>(element)) {
            audit.check(text->text(), where + " title");
        }
    }
    for (int i = 0; i < plot->plottableCount(); ++i) {
        if (plot->legend->hasItemWithPlottable(plot->plottable(i))) {
            audit.check(plot->plottable(i)->name(), where + " legend");
        }
    }
}

void checkWidget(TextAudit& audit, QWidget* widget) {
    if (isUntranslatedByDesign(widget) || isQtsOwn(widget)) {
        return;
    }
    const QString where = describe(widget);
    if (widget->isWindow()) {
        audit.check(widget->windowTitle(), where + " title");
    }
    audit.check(widget->toolTip(), where + " tooltip");
    audit.check(widget->statusTip(), where + " status tip");
    audit.check(widget->whatsThis(), where + " what's this");
    if (auto* label = qobject_cast<QLabel*>(widget)) {
        audit.check(label->text(), where);
    } else if (auto* button = qobject_cast<QAbstractButton*>(widget)) {
        audit.check(button->text(), where);
    } else if (auto* group = qobject_cast<QGroupBox*>(widget)) {
        audit.check(group->title(), where);
    } else if (auto* line = qobject_cast<QLineEdit*>(widget)) {
        audit.check(line->placeholderText(), where + " placeholder");
    } else if (auto* text = qobject_cast<QPlainTextEdit*>(widget)) {
        audit.check(text->placeholderText(), where + " placeholder");
        for (const QString& line : text->toPlainText().split('\n')) {
            audit.check(line, where + " line");
        }
    } else if (auto* combo = qobject_cast<QComboBox*>(widget)) {
        for (int i = 0; i < combo->count(); ++i) {
            audit.check(combo->itemText(i), where + " item");
            audit.check(combo->itemData(i, Qt::ToolTipRole).toString(), where + " item tooltip");
        }
    } else if (auto* tabs = qobject_cast<QTabBar*>(widget)) {
        for (int i = 0; i < tabs->count(); ++i) {
            audit.check(tabs->tabText(i), where + " tab");
            audit.check(tabs->tabToolTip(i), where + " tab tooltip");
        }
    } else if (auto* spin = qobject_cast<QSpinBox*>(widget)) {
        audit.check(spin->prefix() + spin->suffix() + spin->specialValueText(), where);
    } else if (auto* doubleSpin = qobject_cast<QDoubleSpinBox*>(widget)) {
        audit.check(doubleSpin->prefix() + doubleSpin->suffix() + doubleSpin->specialValueText(),
                    where);
    } else if (auto* progress = qobject_cast<QProgressBar*>(widget)) {
        audit.check(progress->text(), where);
    } else if (auto* view = qobject_cast<QAbstractItemView*>(widget)) {
        checkModel(audit, view->model(), where);
    } else if (auto* plot = qobject_cast<QCustomPlot*>(widget)) {
        checkPlot(audit, plot, where);
    } else if (auto* status = qobject_cast<QStatusBar*>(widget)) {
        audit.check(status->currentMessage(), where + " message");
    } else if (auto* box = qobject_cast<QMessageBox*>(widget)) {
        audit.check(box->text(), where + " text");
        audit.check(box->informativeText(), where + " informative text");
    } else if (auto* input = qobject_cast<QInputDialog*>(widget)) {
        audit.check(input->labelText(), where + " label");
    } else if (auto* files = qobject_cast<QFileDialog*>(widget)) {
        // Our filters, as given (the dialog splits a translated "a;;b" in two); the one it
        // adds when given none is Qt's.
        QStringList filters = files->nameFilters();
        filters.removeAll(QFileDialog::tr("All Files (*)"));
        audit.check(filters.join(";;"), where + " filters");
    }
    for (QAction* action : widget->actions()) {
        checkAction(audit, action, where);
    }
}

// Every visible widget of a window (the current page only, as the user sees it).
void checkWindow(TextAudit& audit, QWidget* window) {
    checkWidget(audit, window);
    for (QWidget* child : window->findChildren<QWidget*>()) {
        if (child->isVisibleTo(window) && child->window() == window) {
            checkWidget(audit, child);
        }
    }
}

// Every page of the main window, one after the other.
void checkPages(TextAudit& audit, MainWindow& window) {
    for (int i = 0; i < window.pages()->count(); ++i) {
        window.pages()->setCurrentIndex(i);
        QTest::qWait(50);
        checkWindow(audit, &window);
    }
    for (QAction* menu : window.menuBar()->actions()) {
        checkAction(audit, menu, "menu bar");
    }
}

// Checks, then closes, every dialog that appears while `trigger` runs (modal ones block it).
class DialogSweeper : public QObject {
public:
    DialogSweeper(TextAudit& audit, QWidget* mainWindow) : audit_(audit), main_(mainWindow) {
        timer_.setInterval(40);
        QObject::connect(&timer_, &QTimer::timeout, this, [this] { sweep(); });
    }
    void run(const std::function<void()>& trigger) {
        timer_.start();
        trigger();
        QTest::qWait(80);
        sweep();
        timer_.stop();
    }
    int dialogsSeen() const { return dialogs_; }

private:
    void sweep() {
        for (QWidget* top : QApplication::topLevelWidgets()) {
            if (top == main_ || !top->isVisible() || qobject_cast<QMenu*>(top) ||
                top->inherits("QTipLabel")) {
                continue;
            }
            ++dialogs_;
            checkWindow(audit_, top);
            if (auto* dialog = qobject_cast<QDialog*>(top)) {
                dialog->reject();
            } else {
                top->close();
            }
        }
    }

    TextAudit& audit_;
    QWidget* main_;
    QTimer timer_;
    int dialogs_ = 0;
};

// Every action reachable from the menu bar, in menu order.
void collectActions(QMenu* menu, QList<QAction*>& into) {
    for (QAction* action : menu->actions()) {
        if (action->menu()) {
            collectActions(action->menu(), into);
        } else if (!action->isSeparator()) {
            into.push_back(action);
        }
    }
}

// Actions that would end or empty the session under test.
bool endsTheSession(const QAction* action) {
    if (action->menuRole() == QAction::QuitRole || action->menuRole() == QAction::AboutQtRole) {
        return true;
    }
    const QKeySequence shortcut = action->shortcut();
    return !shortcut.isEmpty() &&
           (QKeySequence::keyBindings(QKeySequence::New).contains(shortcut) ||
            QKeySequence::keyBindings(QKeySequence::Quit).contains(shortcut) ||
            QKeySequence::keyBindings(QKeySequence::Close).contains(shortcut));
}

}  // namespace

class TestPseudoLocale : public QObject {
    Q_OBJECT

    QTranslator translator_;

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();  // nothing from an earlier run (recent projects, language)
        qunsetenv("TRANSFERLAB_NO_DIALOGS");  // the dialogs are what this test looks at
        QVERIFY2(translator_.load(QStringLiteral(TRANSFERLAB_PSEUDO_QM)),
                 "the pseudo-locale .qm was not built");
        QVERIFY(QCoreApplication::installTranslator(&translator_));
        // The mark itself works: a known string comes back wrapped.
        QCOMPARE(QCoreApplication::translate("tl::MainWindow", "&File"), kOpen + "&File" + kClose);
    }

    void everyVisibleTextIsTranslated() {
        if (!QFileInfo::exists(test::teachableMachineModelJson())) {
            QSKIP("shared Teachable Machine backbone not found");
        }
        QTemporaryDir tmp;
        const QString dataset = tmp.filePath("colours");
        test::writeColorImages(dataset, "blue", QColor(20, 40, 220), 10, 48);
        test::writeColorImages(dataset, "red", QColor(220, 30, 30), 10, 48);

        TextAudit audit;
        audit.exempt(QDir::toNativeSeparators(tmp.path()));
        audit.exempt(tmp.path());
        audit.exempt(test::teachableMachineDir());
        audit.exempt(QFileInfo(test::teachableMachineDir()).fileName());
        for (const QString& name : {QStringLiteral("colours"), QStringLiteral("blue"),
                                    QStringLiteral("red"), QStringLiteral("TransferLab")}) {
            audit.exempt(name);
        }
        for (const QString& file : QDir(dataset + "/blue").entryList(QDir::Files) +
                                       QDir(dataset + "/red").entryList(QDir::Files)) {
            audit.exempt(file);
        }

        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        checkPages(audit, window);  // empty project

        QSignalSpy imported(window.importer(), &ProjectImporter::imported);
        QVERIFY(window.openPath(dataset));
        QVERIFY(imported.wait(10000));
        audit.exempt(QFileInfo(window.project()->filePath()).fileName());
        audit.exempt(window.project()->filePath());
        checkPages(audit, window);  // photos, no model

        TrainingSettings settings = window.project()->settings();
        settings.automatic = false;  // a short custom run
        settings.backbone = test::teachableMachineDir().toStdString();
        settings.epochs = 2;
        settings.batchSize = 8;
        settings.inputSize = 96;
        window.project()->setSettings(settings);
        QSignalSpy finished(window.trainingController(), &TrainingController::finished);
        window.trainPage()->startTraining();
        QVERIFY(finished.wait(120000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        audit.exempt(window.trainingController()->modelFolder());
        audit.exempt(QFileInfo(window.trainingController()->modelFolder()).fileName());
        for (const auto& run : window.project()->runs()) {
            audit.exempt(run.modelFolder);
        }
        window.testPage()->classify({window.project()->image(0).path});
        QTRY_VERIFY_WITH_TIMEOUT(!window.testPage()->isBusy(), 60000);
        checkPages(audit, window);  // a trained model, results, tested photos

        // Every menu action, and whatever it opens; the session-ending ones are left out.
        DialogSweeper sweeper(audit, &window);
        QList<QAction*> actions;
        for (QAction* top : window.menuBar()->actions()) {
            if (top->menu()) {
                collectActions(top->menu(), actions);
            }
        }
        int triggered = 0;
        // Menus rebuilt by an action (Open Recent after an open) delete their old actions.
        QList<QPointer<QAction>> guarded(actions.begin(), actions.end());
        for (const QPointer<QAction>& action : guarded) {
            if (!action || !action->isEnabled() || endsTheSession(action)) {
                continue;
            }
            const QString text = action->text();
            sweeper.run([action] {
                if (action) {
                    action->trigger();
                }
            });
            ++triggered;
            qDebug("triggered %s", qPrintable(text));
            if (window.trainingController()->isRunning()) {
                QVERIFY(finished.wait(120000));
            }
        }
        // The pages' own dialog buttons ("…" opens a dialog, by convention).
        for (int i = 0; i < window.pages()->count(); ++i) {
            window.pages()->setCurrentIndex(i);
            for (QAbstractButton* button :
                 window.pages()->widget(i)->findChildren<QAbstractButton*>()) {
                if (button->isVisibleTo(&window) && button->isEnabled() &&
                    button->text().endsWith(QStringLiteral("…") + kClose)) {
                    sweeper.run([button] { button->click(); });
                    ++triggered;
                    qDebug("clicked %s", qPrintable(button->text()));
                }
            }
        }
        checkPages(audit, window);

        qInfo("pseudo-locale: %d texts checked, %d actions and buttons triggered, %d dialogs",
              audit.checked(), triggered, sweeper.dialogsSeen());
        QVERIFY(triggered >= 15);
        QVERIFY(sweeper.dialogsSeen() >= 5);
        QString report;
        for (const QString& problem : audit.problems()) {
            report += "\n  " + problem;
        }
        QVERIFY2(audit.problems().empty(),
                 qPrintable(QString("%1 visible text(s) are not translated (not wrapped in tr(), "
                                    "or resources/translations not updated: run cmake --build "
                                    "build --target translations_update):%2")
                                .arg(audit.problems().size())
                                .arg(report)));
        window.close();
    }

    // The audit itself: an unmarked word is caught, marked texts and exempt names are not.
    void theAuditCatchesUnmarkedText() {
        TextAudit audit;
        audit.exempt("alpaca");
        audit.check(kOpen + "Train" + kClose, "a");
        audit.check(kOpen + "Saved to " + kOpen + "x" + kClose + kClose + " · 3", "b");
        audit.check("alpaca (12)", "c");
        audit.check("<b>" + kOpen + "Classes" + kClose + "</b>", "d");
        audit.check("/home/me/Pictures/open-images", "path");
        QVERIFY(audit.problems().empty());
        audit.check("Train", "e");
        audit.check(kOpen + "Saved" + kClose + " to disk", "f");
        audit.check("<b>Classes</b>", "g");
        QCOMPARE(audit.problems().size(), size_t(3));
    }
};

QTEST_MAIN(TestPseudoLocale)
#include "TestPseudoLocale.moc"
