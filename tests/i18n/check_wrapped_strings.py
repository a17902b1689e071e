#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Finds GUI strings that do not go through tr(), by reading the sources.

A string literal with a word in it, passed to a call that shows text to the user (setText,
setToolTip, addAction, QMessageBox::warning, new QLabel(...), ...), must be the source of a
tr() / QCoreApplication::translate() / QT_TR_NOOP() call. tr() must be given a literal, since
lupdate silently skips tr(variable). A line that shows text on purpose untranslated says so
with a comment containing "i18n-exempt" on that line or the one above.

tests/ui/TestPseudoLocale checks the same at run time, for texts the sources hide from this
reading (texts built elsewhere, item models, dialogs).

usage: check_wrapped_strings.py --root SOURCE_DIR PATH... [--tr-only PATH]...
       (folders are read for .cpp/.h; --tr-only paths, such as core/, whose texts reach the
       GUI through jobs, are checked for unreadable tr() calls only)
       check_wrapped_strings.py --self-test
"""
import argparse
import os
import re
import sys
import tempfile

# Calls whose arguments are shown to the user.
SINKS = [
    "setText", "setToolTip", "setStatusTip", "setWhatsThis", "setWindowTitle",
    "setPlaceholderText", "setTitle", "setLabelText", "setTabText", "setTabToolTip",
    "setItemText", "setSuffix", "setPrefix", "setSpecialValueText", "setFormat",
    "setHorizontalHeaderLabels", "setVerticalHeaderLabels", "setHeaderLabels", "setHeaderLabel",
    "setInformativeText", "setDetailedText", "setButtonText", "setOkButtonText",
    "setCancelButtonText", "setNameFilter", "setNameFilters", "setLabel", "setName",
    "addTab", "insertTab", "addAction", "addMenu", "addItem", "addItems", "insertItem",
    "addRow", "insertRow", "addButton", "showMessage", "appendPlainText", "append",
    "warning", "information", "critical", "question", "about",
    "getText", "getItem", "getInt", "getDouble", "getOpenFileName", "getOpenFileNames",
    "getSaveFileName", "getExistingDirectory",
]
CONSTRUCTED = ["QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction",
               "QToolButton", "QMenu", "QCommandLinkButton", "QCPTextElement"]
TRANSLATE = {"tr", "translate", "QT_TR_NOOP", "QT_TRANSLATE_NOOP", "QT_TR_N_NOOP", "qtTrId"}
# Calls whose string arguments are names, not text.
NOT_TEXT = {"themedIcon", "fromTheme", "QIcon", "QFont", "QColor", "QKeySequence", "QUrl",
            "QRegularExpression", "setObjectName", "setProperty", "property", "QSettings",
            "value", "setValue", "contains", "startsWith", "endsWith", "QLatin1Char",
            "toString"}  # toString: date and number formats
# A file name ("model.pt") is not text to translate.
FILE_NAME = re.compile(r'^"[\w.-]+\.[A-Za-z0-9]{1,5}"$')
# A literal compared with (phase == QLatin1String("metadata")) is an identifier.
COMPARED_BEFORE = re.compile(r"[=!]=\s*(?:QLatin1String|QStringLiteral|QString)?\s*\(?\s*$")
COMPARED_AFTER = re.compile(r"^\s*\)?\s*[=!]=")

SINK_CALL = re.compile(r"(?:\b(?:%s)\s*\(|\bnew\s+(?:%s)\s*\()" % ("|".join(SINKS),
                                                                   "|".join(CONSTRUCTED)))
LITERAL = re.compile(r'(?:u8|u|U|L)?"(?:[^"\\\n]|\\.)*"')
WORD = re.compile(r"[A-Za-z]{2,}")
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")
TR_CALL = re.compile(r"(?<![A-Za-z0-9_])(tr|translate)\s*\(")


def strip_comments(code):
    """Replaces comments by spaces (newlines kept), leaving string literals alone."""
    out = []
    i, n = 0, len(code)
    while i < n:
        if code.startswith("//", i):
            end = code.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
        elif code.startswith("/*", i):
            end = code.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append("".join(c if c == "\n" else " " for c in code[i:end]))
            i = end
        elif code[i] == '"':
            match = LITERAL.match(code, i)
            end = match.end() if match else i + 1
            out.append(code[i:end])
            i = end
        elif code[i] == "'":
            match = re.compile(r"'(?:[^'\\\n]|\\.)*'").match(code, i)
            end = match.end() if match else i + 1
            out.append(code[i:end])
            i = end
        else:
            out.append(code[i])
            i += 1
    return "".join(out)


def split_arguments(arguments):
    """The top-level, comma-separated arguments of a call."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(arguments):
        char = arguments[i]
        if char == '"':
            match = LITERAL.match(arguments, i)
            i = match.end() if match else i + 1
            continue
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(arguments[start:i].strip())
            start = i + 1
        i += 1
    parts.append(arguments[start:].strip())
    return parts


def call_arguments(code, open_paren):
    """The text between the parenthesis at open_paren and its partner."""
    depth, i = 0, open_paren
    while i < len(code):
        char = code[i]
        if char == '"':
            match = LITERAL.match(code, i)
            i = match.end() if match else i + 1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return code[open_paren + 1:i]
        i += 1
    return code[open_paren + 1:]


def unwrapped_literals(arguments):
    """Literals with words in `arguments` that no enclosing call translates or names."""
    found = []
    stack = []  # name of the call each open parenthesis belongs to
    i = 0
    while i < len(arguments):
        char = arguments[i]
        if char == '"' or (char in "uUL8" and LITERAL.match(arguments, i) and
                           (i == 0 or not arguments[i - 1].isalnum())):
            match = LITERAL.match(arguments, i)
            if match:
                literal = match.group(0)
                enclosing = set(stack)
                compared = (COMPARED_BEFORE.search(arguments[:i]) or
                            COMPARED_AFTER.match(arguments[match.end():]))
                if (WORD.search(literal) and not enclosing & (TRANSLATE | NOT_TEXT) and
                        not compared and not FILE_NAME.match(literal)):
                    found.append(literal)
                i = match.end()
                continue
        if char == "(":
            name = IDENTIFIER.search(arguments[:i].rstrip())
            stack.append(name.group(0) if name else "")
        elif char == ")" and stack:
            stack.pop()
        i += 1
    return found


def check_file(path, display, sinks=True):
    with open(path, encoding="utf-8") as file:
        original = file.read()
    code = strip_comments(original)
    lines = original.split("\n")

    def exempt(offset):
        line = code.count("\n", 0, offset)
        return any("i18n-exempt" in lines[k] for k in (line, line - 1) if 0 <= k < len(lines))

    problems = []
    for match in SINK_CALL.finditer(code) if sinks else []:
        if exempt(match.start()):
            continue
        arguments = call_arguments(code, match.end() - 1)
        for literal in unwrapped_literals(arguments):
            line = code.count("\n", 0, match.start()) + 1
            problems.append(f"{display}:{line}: {literal} is shown without tr()")
    for match in TR_CALL.finditer(code):
        if exempt(match.start()) or code[max(0, match.start() - 1)] == ".":
            continue  # obj.translate(...) of something else
        rest = code[match.end():].lstrip()
        first_is_literal = rest.startswith('"') or LITERAL.match(rest)
        if match.group(1) == "translate":
            # translate("context", "source", ...): the second argument is the source.
            parts = split_arguments(call_arguments(code, match.end() - 1))
            first_is_literal = len(parts) >= 2 and LITERAL.fullmatch(parts[1] or "")
            if len(parts) < 2 or not parts[0].startswith('"'):
                continue  # another translate(), e.g. a QTransform's
        line = code.count("\n", 0, match.start()) + 1
        if not first_is_literal:
            problems.append(f"{display}:{line}: {match.group(1)}() of a non-literal: lupdate "
                            f"cannot extract it (use QT_TR_NOOP for the literal)")
        elif match.group(1) == "translate" and "<" in call_arguments(code, match.end() - 1):
            problems.append(f"{display}:{line}: lupdate (Qt 6.4) silently skips a translate() "
                            f"call with template arguments such as static_cast<int>(n): "
                            f"compute the value first")
    return problems


def check(root, paths, tr_only=()):
    problems = []
    for path in list(paths) + list(tr_only):
        full = os.path.join(root, path)
        files = []
        if os.path.isdir(full):
            for folder, _, names in os.walk(full):
                files += [os.path.join(folder, n) for n in names if n.endswith((".cpp", ".h"))]
        else:
            files.append(full)
        for file in sorted(files):
            problems += check_file(file, os.path.relpath(file, root), path not in tr_only)
    return problems


def self_test():
    cases = {
        'label->setText("Hello world");': True,
        'label->setText(tr("Hello world"));': False,
        'box->setToolTip(QStringLiteral("Click here"));': True,
        'menu->addAction(themedIcon("train", x), tr("&Train"), this, f);': False,
        'menu->addAction(themedIcon("train", x), "Train", this, f);': True,
        'auto* l = new QLabel("Status", this);': True,
        'auto* l = new QLabel(tr("Status"), this);': False,
        'QMessageBox::warning(this, tr("Save"), "Could not save");': True,
        'setText(QCoreApplication::translate("tl", "Add class %1").arg(n));': False,
        'setText(tr("%1 of %2").arg(a).arg("photos"));': True,
        'setText(QString("%1 · %2").arg(a, b));': False,
        'label->setText("Hello world");  // i18n-exempt: a product name': False,
        'const QString t = tr(name);': True,
        'setText(QCoreApplication::translate("tl", name));': True,
        'setText(QCoreApplication::translate("tl", "%n x", nullptr, static_cast<int>(n)));': True,
        'setText(QCoreApplication::translate("tl", "%n x", nullptr, count));': False,
        'settings.setValue("window/state", x);': False,
        'label->setText(phase == QLatin1String("metadata") ? tr("Getting…") : text);': False,
        'dialog(this, tr("Export"), QDir::home().filePath("model.pt"));': False,
        'log->appendPlainText(QTime::currentTime().toString("HH:mm:ss  ") + text);': False,
        'p.setApplicationDescription(QApplication::translate(\n  "main", "Label, train."));': False,
    }
    failures = []
    with tempfile.TemporaryDirectory() as root:
        for number, (line, expected) in enumerate(cases.items()):
            path = os.path.join(root, f"case{number}.cpp")
            with open(path, "w", encoding="utf-8") as file:
                file.write("void f() {\n    " + line + "\n}\n")
            reported = bool(check(root, [os.path.basename(path)]))
            if reported != expected:
                failures.append(f"{'missed' if expected else 'false alarm'}: {line}")
    for failure in failures:
        print(f"self-test FAILED: {failure}")
    if not failures:
        print(f"self-test passed: {len(cases)} cases")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", default=".")
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("--tr-only", action="append", default=[],
                        help="also read this path, for its tr() calls only (not GUI code)")
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    problems = check(args.root, args.paths, args.tr_only)
    for problem in problems:
        print(problem)
    if problems:
        print(f"\n{len(problems)} GUI string(s) not wrapped for translation: wrap them in tr() "
              f"(QCoreApplication::translate outside QObjects), then run cmake --build build "
              f"--target translations_update and translate them.")
        return 1
    print(f"every GUI string literal in {', '.join(args.paths)} goes through tr()")
    return 0


if __name__ == "__main__":
    sys.exit(main())
