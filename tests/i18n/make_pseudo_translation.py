#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes a pseudo-locale .ts: every message of a Qt Linguist .ts file, "translated" to itself
wrapped in ⟦ ⟧, so that tests/ui/TestPseudoLocale can tell translated text from text that never
went through tr(). Plural messages get the two English forms, both marked.

usage: make_pseudo_translation.py SOURCE.ts PSEUDO.ts
"""
import sys
import xml.etree.ElementTree as ET

OPEN, CLOSE = "\u27e6", "\u27e7"


def pseudo(source_ts, pseudo_ts):
    tree = ET.parse(source_ts)
    root = tree.getroot()
    root.set("language", "en")  # two plural forms
    root.attrib.pop("sourcelanguage", None)
    for message in root.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        for child in list(translation):
            translation.remove(child)
        translation.attrib.pop("type", None)
        marked = OPEN + source + CLOSE
        if message.get("numerus") == "yes":
            translation.text = None
            for _ in range(2):
                ET.SubElement(translation, "numerusform").text = marked
        else:
            translation.text = marked
    with open(pseudo_ts, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        out.write(ET.tostring(root, encoding="unicode"))
        out.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    pseudo(sys.argv[1], sys.argv[2])
