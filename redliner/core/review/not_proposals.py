"""Marker spans the reviewer called "not a proposal" (real emphasis), remembered in the copies Redliner saves.

Reading a saved copy with the same marker rules lists them as "not a proposal" again: they are not offered
as proposals a second time, nor counted by the marker question.

Where: custom document properties (docProps/custom.xml), one per span, named "Redliner: not a proposal N".
Word and LibreOffice keep custom properties through their own saves and show them (File > Properties >
Custom), so the memory is neither lost nor hidden. Not w:docVars in settings.xml: LibreOffice (7.4) drops
them on saving. Not a customXml part: it needs an item part, a properties part and a relationship for what
one property says. Word keeps at most 255 characters of a text property, so each span has its own, and it
is recognised by hashes rather than by its whole text:

    italic|word/document.xml|12|3fa9c0e1d2b4|a1b2c3d4e5f6|Jamaal E. Smith
    rule   part              ¶  paragraph's text hash   span's text hash   the span's text, shortened (for people)

A span is the remembered one when its rule, part and text are the same and it stands in the paragraph with
the same text (paragraphs were added or removed before it) or at the same number (its paragraph was edited).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from redliner.core.opc.package import CONTENT_TYPES, CT_NS, Package
from redliner.core.oxml.ns import REL_NS
from redliner.core.oxml.text import paragraph_text
from redliner.core.oxml.wordml import W_P, W_T
from redliner.core.review.journal import Journal
from redliner.core.review.model import Change, ChangeSource, Status

CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
PREFIX = "Redliner: not a proposal "
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the one all user-defined properties share
_PROPERTY, _LPWSTR = f"{{{CUSTOM_NS}}}property", f"{{{VT_NS}}}lpwstr"
_VALUE_LIMIT = 255
_ROOT_RELS = "_rels/.rels"


@dataclass(frozen=True)
class Remembered:
    rule: str
    part: str
    paragraph: int
    paragraph_hash: str
    span_hash: str
    text: str = ""

    def value(self) -> str:
        head = f"{self.rule}|{self.part}|{self.paragraph}|{self.paragraph_hash}|{self.span_hash}|"
        room = _VALUE_LIMIT - len(head)
        text = " ".join(self.text.split())
        return head + (text if len(text) <= room else text[: room - 1] + "…")

    @classmethod
    def parse(cls, value: str) -> Remembered | None:
        fields = value.split("|", 5)
        if len(fields) != 6 or not fields[2].isdigit():
            return None
        return cls(fields[0], fields[1], int(fields[2]), fields[3], fields[4], fields[5])

    def matches(self, other: Remembered) -> bool:
        return (self.rule, self.part, self.span_hash) == (other.rule, other.part, other.span_hash) and (
            self.paragraph_hash == other.paragraph_hash or self.paragraph == other.paragraph)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _span_text(piece) -> str:
    return "".join(t.text or "" for run in piece.runs for t in run.iter(W_T))


def entry_for(piece, paragraph_number: int) -> Remembered:
    """What identifies a marker span (a MarkerPiece) in the tree as it is now."""
    words = _span_text(piece)
    return Remembered(piece.rule.name, piece.part_name, paragraph_number, _digest(paragraph_text(piece.paragraph)),
                      _digest(words), words)


# -- reading ---------------------------------------------------------------------------------------------


def custom_part(package: Package) -> str | None:
    names = package.related("", RT.CUSTOM_PROPERTIES)
    return names[0] if names else None


def remembered(package: Package) -> list[Remembered]:
    name = custom_part(package)
    if name is None:
        return []
    found = []
    for prop in package.xml(name).iter(_PROPERTY):
        text = prop.findtext(_LPWSTR)
        if prop.get("name", "").startswith(PREFIX) and text:
            entry = Remembered.parse(text)
            if entry is not None:
                found.append(entry)
    return found


def mark_remembered(package: Package, changes: list[Change]) -> None:
    """Marker changes remembered as "not a proposal" in the package get that status (each entry once)."""
    entries = remembered(package)
    if not entries:
        return
    for change in changes:
        if change.source != ChangeSource.MARKER or not entries:
            continue
        piece = change.pieces[0]
        here = entry_for(piece, change.location.paragraph)
        found = next((entry for entry in entries if entry.matches(here)), None)
        if found is not None:
            entries.remove(found)
            change.status = Status.NOT_A_PROPOSAL


# -- writing ---------------------------------------------------------------------------------------------


def remember(document, journal: Journal) -> None:
    """Write the "not a proposal" spans of the review into the package's custom properties, in `journal`
    (the writers undo it after saving). Entries of marker rules this review does not use are kept."""
    if not document.markers:
        return  # nothing was read as a proposal: what the file remembers stays as it is
    package = document.package
    entries = _current_entries(document)
    name = custom_part(package)
    if name is None and not entries:
        return
    root = package.xml(name) if name is not None else _new_custom_part(package, journal)
    if root is None:
        return
    name = custom_part(package)
    rules = {rule.name for rule in document.markers}
    stale = [prop for prop in root.iter(_PROPERTY) if prop.get("name", "").startswith(PREFIX)
             and _rule_of(prop) in rules | {None}]
    if not stale and not entries:
        return  # nothing to change: the part stays byte for byte
    for prop in stale:
        journal.remove(prop)
    taken = {prop.get("name") for prop in root.iter(_PROPERTY)}
    pid = max((int(p.get("pid", "1")) for p in root.iter(_PROPERTY) if p.get("pid", "").isdigit()), default=1)
    number = 0
    for entry in entries:
        number += 1
        while f"{PREFIX}{number}" in taken:
            number += 1
        pid += 1
        prop = etree.Element(_PROPERTY, {"fmtid": _FMTID, "pid": str(pid), "name": f"{PREFIX}{number}"})
        etree.SubElement(prop, _LPWSTR).text = entry.value()
        journal.insert(root, len(root), prop)
    _mark_dirty(package, name, journal)


def _rule_of(prop) -> str | None:
    entry = Remembered.parse(prop.findtext(_LPWSTR) or "")
    return entry.rule if entry is not None else None


def _current_entries(document) -> list[Remembered]:
    chosen = [c for c in document.changes if c.source == ChangeSource.MARKER and c.status == Status.NOT_A_PROPOSAL]
    numbers: dict[str, dict] = {}
    entries = []
    for change in chosen:
        for piece in change.pieces:
            if piece.part_name not in numbers:  # paragraphs counted as now, after what the writer changed
                root = document.package.xml(piece.part_name)
                numbers[piece.part_name] = {p: n for n, p in enumerate(root.iter(W_P))}
            number = numbers[piece.part_name].get(piece.paragraph)
            if number is not None:
                entries.append(entry_for(piece, number))
    return entries


def _new_custom_part(package: Package, journal: Journal):
    """An empty docProps/custom.xml with its relationship and content type, all taken away by the journal."""
    if not package.has(_ROOT_RELS) or package.has("docProps/custom.xml"):
        return None
    name = "docProps/custom.xml"
    root = etree.Element(f"{{{CUSTOM_NS}}}Properties", nsmap={None: CUSTOM_NS, "vt": VT_NS})
    package.put_xml(name, root)
    journal.record(lambda: package.remove(name))
    rels = package.xml(_ROOT_RELS)
    ids = {rel.get("Id") for rel in rels}
    number = len(ids) + 1
    while f"rId{number}" in ids:
        number += 1
    relationship = etree.Element(f"{{{REL_NS}}}Relationship",
                                 {"Id": f"rId{number}", "Type": RT.CUSTOM_PROPERTIES, "Target": name})
    journal.insert(rels, len(rels), relationship)
    _mark_dirty(package, _ROOT_RELS, journal)
    types = package.xml(CONTENT_TYPES)
    override = etree.Element(f"{{{CT_NS}}}Override", {"PartName": f"/{name}", "ContentType": CT.OFC_CUSTOM_PROPERTIES})
    journal.insert(types, len(types), override)
    _mark_dirty(package, CONTENT_TYPES, journal)
    return root


def _mark_dirty(package: Package, name: str, journal: Journal) -> None:
    """Dirty for this save; once the journal is undone, written as its original bytes again."""
    if not package.is_dirty(name):
        package.mark_dirty(name)
        journal.record(lambda: package.mark_clean(name) if package.has(name) else None)
