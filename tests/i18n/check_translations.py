#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks that the committed translations are complete and current.

It runs lupdate, with the options of the translations_update target, on a copy of each .ts
file and fails when:
  - lupdate warns (tr(variable), which lupdate skips silently, is check_wrapped_strings.py's);
  - the committed .ts misses strings the sources have, or keeps ones they dropped: run
    `cmake --build build --target translations_update`;
  - a message is unfinished: no translation, a plural form missing, or a translation identical
    to its source. Identical translations are fine when listed in the .ts file's ".identical"
    list beside it ("context<TAB>source", e.g. keyboard shortcuts), or when the source has no
    letters besides placeholders ("%1 — %2").

usage: check_translations.py --lupdate LUPDATE --root SOURCE_DIR --sources "ui|core|..."
                             --options="-locations|none|..." TS...   (";" separates too)
       check_translations.py --lupdate LUPDATE --self-test
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r"%(n|L?\d+)")
LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def messages(ts_path):
    """(context, source, comment) -> (numerus, [translations], type) of the live messages."""
    result = {}
    for context in ET.parse(ts_path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("vanished", "obsolete"):
                continue
            key = (name, message.findtext("source") or "", message.findtext("comment") or "")
            if message.get("numerus") == "yes":
                texts = [form.text or "" for form in translation.iter("numerusform")]
            else:
                texts = [translation.text or "" if translation is not None else ""]
            result[key] = (message.get("numerus") == "yes", texts, kind)
    return result


def read_identical_list(ts_path):
    listed = set()
    path = os.path.splitext(ts_path)[0] + ".identical"
    if os.path.exists(path):
        with open(path, encoding="utf-8") as file:
            for line in file:
                line = line.rstrip("\n")
                if line and not line.startswith("#") and "\t" in line:
                    context, source = line.split("\t", 1)
                    listed.add((context, source.replace("\\n", "\n")))
    return listed


def has_words(source):
    return bool(LETTER.search(PLACEHOLDER.sub("", source)))


def unfinished(ts_path, list_beside):
    """Problems of the messages in ts_path; the ".identical" list is the one beside list_beside."""
    problems = []
    listed = read_identical_list(list_beside)
    for (context, source, _), (numerus, texts, kind) in sorted(messages(ts_path).items()):
        where = f"{context}: {source!r}"
        if kind == "unfinished" or not texts or any(not text.strip() for text in texts):
            problems.append(f"unfinished: {where}")
        elif (any(text == source for text in texts) and has_words(source)
              and (context, source) not in listed):
            problems.append(f"identical to the English (translate it, or list it in "
                            f"{os.path.basename(os.path.splitext(list_beside)[0])}.identical): "
                            f"{where}")
    return problems


def run_lupdate(lupdate, root, sources, options, ts_copy):
    process = subprocess.run([lupdate, *options, *sources, "-ts", ts_copy], cwd=root,
                             capture_output=True, text=True)
    if process.returncode != 0:
        return [f"lupdate failed ({process.returncode}): {process.stderr.strip()}"]
    warnings = [line.strip() for line in (process.stdout + process.stderr).splitlines()
                if "warning" in line.lower() or "cannot invoke" in line.lower()]
    return [f"lupdate: {line}" for line in warnings]


def check(lupdate, root, sources, options, ts_files):
    problems = []
    with tempfile.TemporaryDirectory() as scratch:
        for ts in ts_files:
            name = os.path.basename(ts)
            copy = os.path.join(scratch, name)
            shutil.copyfile(ts, copy)
            problems += run_lupdate(lupdate, root, sources, options, copy)
            committed, current = set(messages(ts)), set(messages(copy))
            added, dropped = sorted(current - committed), sorted(committed - current)
            if added or dropped:
                problems.append(f"{name} is out of date ({len(added)} new, {len(dropped)} "
                                f"removed strings): run cmake --build build --target "
                                f"translations_update, then translate")
                problems += [f"  new: {c}: {s!r}" for c, s, _ in added[:30]]
                problems += [f"  removed: {c}: {s!r}" for c, s, _ in dropped[:30]]
            problems += [f"{name}: {line}" for line in unfinished(copy, ts)]
    return problems


TS_HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="zh_CN">\n'


def self_test(lupdate):
    """Plants each kind of problem in a small tree and expects it to be reported."""
    failures = []
    with tempfile.TemporaryDirectory() as root:
        with open(os.path.join(root, "w.cpp"), "w", encoding="utf-8") as file:
            file.write('#include <QObject>\nclass W : public QObject { Q_OBJECT\n'
                       'void f() { tr("Train"); tr("Ctrl+T"); tr("%1 — %2"); tr("%n photo(s)", '
                       'nullptr, 2); } };\n')
        ts = os.path.join(root, "t_zh_CN.ts")

        def write_ts(body):
            with open(ts, "w", encoding="utf-8") as file:
                file.write(TS_HEAD + "<context>\n    <name>W</name>\n" + body +
                           "</context>\n</TS>\n")

        def message(source, translation, numerus=False):
            if numerus:
                return (f'    <message numerus="yes">\n        <source>{source}</source>\n'
                        f'        <translation><numerusform>{translation}</numerusform>'
                        f'</translation>\n    </message>\n')
            return (f"    <message>\n        <source>{source}</source>\n        "
                    f"<translation>{translation}</translation>\n    </message>\n")

        options = ["-locations", "none", "-no-obsolete"]
        complete = (message("Train", "训练") + message("Ctrl+T", "Ctrl+T") +
                    message("%1 — %2", "%1 — %2") + message("%n photo(s)", "%n 张照片", True))
        with open(os.path.join(root, "t_zh_CN.identical"), "w", encoding="utf-8") as file:
            file.write("# shortcuts\nW\tCtrl+T\n")
        write_ts(complete)
        found = check(lupdate, root, ["w.cpp"], options, [ts])
        if found:
            failures.append(f"a complete translation was reported: {found}")

        write_ts(complete.replace("训练", "Train"))
        if not any("identical" in line and "Train" in line
                   for line in check(lupdate, root, ["w.cpp"], options, [ts])):
            failures.append("an untranslated (identical) string was not reported")

        write_ts(complete.replace("<translation>训练</translation>",
                                  '<translation type="unfinished"></translation>'))
        if not any(line.endswith("unfinished: W: 'Train'")
                   for line in check(lupdate, root, ["w.cpp"], options, [ts])):
            failures.append("an unfinished string was not reported")

        write_ts(complete.replace(message("Train", "训练"), ""))
        if not any("out of date" in line for line in check(lupdate, root, ["w.cpp"], options, [ts])):
            failures.append("a string missing from the .ts was not reported")

        write_ts(complete.replace("<numerusform>%n 张照片</numerusform>", "<numerusform></numerusform>"))
        if not any("unfinished" in line and "photo" in line
                   for line in check(lupdate, root, ["w.cpp"], options, [ts])):
            failures.append("an empty plural form was not reported")
    for failure in failures:
        print(f"self-test FAILED: {failure}")
    if not failures:
        print("self-test passed: every planted problem was reported")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--lupdate", required=True)
    parser.add_argument("--root")
    parser.add_argument("--sources", default="")
    parser.add_argument("--options", default="")
    parser.add_argument("--self-test", action="store_true")
    parser.add_argument("ts", nargs="*")
    args = parser.parse_args()
    if args.self_test:
        return self_test(args.lupdate)
    problems = check(args.lupdate, args.root, [s for s in re.split(r"[|;]", args.sources) if s],
                     [o for o in re.split(r"[|;]", args.options) if o], args.ts)
    for problem in problems:
        print(problem)
    if problems:
        print(f"\n{len(problems)} translation problem(s). Update with: cmake --build build --target "
              f"translations_update; translate in Qt Linguist or the .ts file (README, "
              f"\"Translations\").")
        return 1
    print(f"translations complete and current: {', '.join(os.path.basename(t) for t in args.ts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
