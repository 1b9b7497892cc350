"""Reading expected results from ../shared/corpus and independent views of what we write."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

from lxml import etree

from redliner.core.opc.package import Package
from redliner.core.oxml.ns import W_NS
from redliner.core.oxml.text import document_paragraphs, paragraph_text

REVISION_NAMES = ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange",
                  "trPrChange", "tcPrChange", "tblGridChange", "tblPrExChange", "cellIns", "cellDel",
                  "cellMerge", "numberingChange", "customXmlInsRangeStart", "customXmlDelRangeStart",
                  "moveFromRangeStart", "moveToRangeStart")


def read_tsv(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def paragraphs(path) -> list[str]:
    package = Package.open(path)
    return document_paragraphs(package.xml(package.main_document))


def non_empty_paragraphs(path) -> list[str]:
    return [text for text in paragraphs(path) if text.strip()]


def every_paragraph(path) -> list[str]:
    """Text of every non-empty paragraph of the body, text boxes included (both of Word's copies of each)."""
    package = Package.open(path)
    root = package.xml(package.main_document)
    return [text for text in map(paragraph_text, root.iter(f"{{{W_NS}}}p")) if text.strip()]


def revision_count(path) -> int:
    """Revision elements left in every XML part of a package."""
    total = 0
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.endswith(".xml") or not name.startswith("word/"):
                continue
            root = etree.fromstring(archive.read(name))
            w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
            total += sum(1 for n in REVISION_NAMES for _ in root.iter(w + n))
    return total


def canonical_parts(path) -> dict[str, bytes]:
    """Every entry of a package; XML ones canonicalized (C14N) so serialization details do not count."""
    parts = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            if name.endswith((".xml", ".rels")):
                data = etree.tostring(etree.fromstring(data), method="c14n")
            parts[name] = data
    return parts
