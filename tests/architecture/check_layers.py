#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks that TransferLab's includes follow its layers (ARCHITECTURE.md).

    check_layers.py [--root DIR] [--qt-widgets-dir DIR]   check the tree, exit 1 on violations
    check_layers.py --self-test [...]                       plant violations in a copy: each must fail

Rules:
- core/<folder> includes only the folders CORE_ALLOWED lists for it (its layer or below);
- core never includes ui/ or app/; ui never includes app/;
- ui/commands -> core; ui/models -> commands, core; ui/widgets -> models, commands, core;
- core, ui/commands and ui/models never include QtWidgets (they are headless);
- LibTorch never reaches ui/: no ui file includes, even indirectly, a header that includes torch.
"""
import argparse
import os
import re
import shutil
import sys
import tempfile

# What each core folder may include besides itself.
CORE_ALLOWED = {
    "support": set(),
    "jobs": {"support"},
    "data": {"support"},
    "nn": {"data", "support"},
    "importers": {"nn", "data", "support"},
    "backbones": {"importers", "nn", "data", "jobs", "support"},
    "training": {"backbones", "importers", "nn", "data", "jobs", "support"},
    "inspection": {"training", "backbones", "importers", "nn", "data", "jobs", "support"},
    "export": {"training", "backbones", "importers", "nn", "data", "jobs", "support"},
    "project": {"training", "backbones", "importers", "nn", "data", "jobs", "support"},
    "openimages": {"data", "jobs", "support"},
}
UI_ALLOWED = {
    "commands": set(),
    "models": {"commands"},
    "widgets": {"models", "commands"},
}
HEADLESS_UI = {"commands", "models"}
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.MULTILINE)
SOURCE_SUFFIXES = (".h", ".hpp", ".cpp")


def sources(root, top):
    base = os.path.join(root, top)
    for folder, _, files in os.walk(base):
        for name in files:
            if name.endswith(SOURCE_SUFFIXES):
                path = os.path.join(folder, name)
                yield os.path.relpath(path, root).replace(os.sep, "/")


def includes_of(root, path):
    with open(os.path.join(root, path), encoding="utf-8", errors="replace") as handle:
        return INCLUDE.findall(handle.read())


def widget_headers(qt_widgets_dir):
    if qt_widgets_dir and os.path.isdir(qt_widgets_dir):
        return {name for name in os.listdir(qt_widgets_dir) if not name.endswith(".h")}
    # Without Qt's folder: the classes a headless layer would be tempted to use.
    return {"QWidget", "QApplication", "QDialog", "QMainWindow", "QMessageBox", "QLabel",
            "QPushButton", "QStyledItemDelegate", "QFileDialog", "QTreeView", "QListView"}


def check(root, qt_widgets_dir=None):
    problems = []
    core_folders = set(CORE_ALLOWED)
    ui_folders = set(UI_ALLOWED)
    widgets = widget_headers(qt_widgets_dir)
    files = {path: includes_of(root, path)
             for top in ("core", "ui", "app") for path in sources(root, top)}

    def folder_of(include):
        return include.split("/", 1)[0] if "/" in include else None

    for path, includes in files.items():
        parts = path.split("/")
        top, own = parts[0], parts[1] if len(parts) > 2 else None
        for kind, include in includes:
            target = folder_of(include)
            if kind == "<":
                name = include.split("/")[-1]
                headless = top == "core" or (top == "ui" and own in HEADLESS_UI)
                if headless and (include.startswith("QtWidgets") or name in widgets):
                    problems.append(f"{path}: includes <{include}> (QtWidgets) in a headless layer")
                continue
            if top == "core":
                if own not in CORE_ALLOWED:
                    problems.append(f"{path}: core/{own}/ is not a known layer (add it to CORE_ALLOWED)")
                elif target in ui_folders:
                    problems.append(f"{path}: core includes the GUI ({include})")
                elif target in core_folders and target != own and target not in CORE_ALLOWED[own]:
                    problems.append(f"{path}: core/{own}/ may not include {include} "
                                    f"(an upward or sideways include)")
            elif top == "ui":
                if own not in UI_ALLOWED:
                    problems.append(f"{path}: ui/{own}/ is not a known layer")
                elif target in ui_folders and target != own and target not in UI_ALLOWED[own]:
                    problems.append(f"{path}: ui/{own}/ may not include {include}")
            if top != "app" and include.startswith(("cli/", "gui/")):
                problems.append(f"{path}: includes the application layer ({include})")

    # LibTorch must not reach ui/: follow project includes transitively.
    pulls_torch = {}

    def reaches_torch(path, seen):
        if path in pulls_torch:
            return pulls_torch[path]
        if path in seen or path not in files:
            return False
        seen.add(path)
        result = False
        for kind, include in files[path]:
            if kind == "<" and include.startswith(("torch/", "ATen/", "c10/")):
                result = True
            elif kind == '"':
                for candidate in ("core/" + include, "ui/" + include):
                    if candidate in files and reaches_torch(candidate, seen):
                        result = True
            if result:
                break
        pulls_torch[path] = result
        return result

    for path in files:
        if path.startswith("ui/") and reaches_torch(path, set()):
            problems.append(f"{path}: pulls in LibTorch (directly or through a core header)")
    return problems


PLANTED = [
    ("core/data/ImageDecoder.cpp", '#include "training/TrainingJob.h"\n', "upward include"),
    ("core/openimages/OpenImagesDownloadJob.cpp", '#include "nn/Backbone.h"\n',
     "sideways include"),
    ("ui/models/DatasetModel.h", "#include <QWidget>\n", "QtWidgets in a headless layer"),
    ("ui/commands/RelabelCommand.cpp", '#include "models/DatasetModel.h"\n', "upward ui include"),
    ("ui/widgets/TrainPage.h", '#include "nn/Backbone.h"\n', "LibTorch in ui/"),
    ("core/training/TrainingJob.cpp", '#include "widgets/MainWindow.h"\n', "core includes ui"),
]


def self_test(root, qt_widgets_dir):
    failures = []
    if check(root, qt_widgets_dir):
        failures.append("the unmodified tree does not pass")
    for path, line, what in PLANTED:
        with tempfile.TemporaryDirectory() as copy:
            for top in ("core", "ui", "app"):
                shutil.copytree(os.path.join(root, top), os.path.join(copy, top))
            target = os.path.join(copy, path)
            if not os.path.exists(target):
                failures.append(f"cannot plant into {path}: the file is gone (update PLANTED)")
                continue
            with open(target, encoding="utf-8") as handle:
                text = handle.read()
            with open(target, "w", encoding="utf-8") as handle:
                handle.write(line + text)
            found = check(copy, qt_widgets_dir)
            if not any(p.startswith(path) for p in found):
                failures.append(f"a planted {what} in {path} was not detected")
            else:
                print(f"detected the planted {what}: {found[0]}")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=os.path.join(os.path.dirname(__file__), "..", ".."))
    parser.add_argument("--qt-widgets-dir")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    root = os.path.abspath(args.root)
    if args.self_test:
        failures = self_test(root, args.qt_widgets_dir)
        for failure in failures:
            print("FAIL:", failure)
        return 1 if failures else 0
    problems = check(root, args.qt_widgets_dir)
    for problem in problems:
        print(problem)
    count = sum(1 for top in ("core", "ui", "app") for _ in sources(root, top))
    print(f"{count} files checked, {len(problems)} layering problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
