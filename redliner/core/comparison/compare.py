"""Compare two versions: a copy of DRAFT in which the differences from BASE are native tracked changes.

    document = compare(base_path, draft_path, author="Alex Rivera", markers=parse_rules("italic"))
    document.package.save(out_path)

Stories are compared pairwise: the body, footnotes and endnotes with the same id, headers and footers
referenced the same way. Tracked changes the draft already has are kept on top: the draft is read as it
was before them (their insertions left out, their deletions in). With marker rules, marker proposals in the
draft stay marker changes and the comparison adds only what they do not explain.

In the returned ReviewDocument the changes the comparison made have source COMPARE; written to a file
and read again they are ordinary tracked changes (source "tracked").
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from redliner.core.comparison.blockdiff import BlockDiff
from redliner.core.comparison.importer import PartImporter
from redliner.core.comparison.listdiff import ListLooks
from redliner.core.comparison.revmarks import Marks
from redliner.core.opc.package import Package
from redliner.core.oxml.ns import CP_NS, DC_NS, DCTERMS_NS, w
from redliner.core.oxml.styles import StyleSheet
from redliner.core.oxml.wordml import W_R, W_RPR, W_T
from redliner.core.review.document import ReviewDocument
from redliner.core.review.markers import MarkerRule
from redliner.core.review.model import ChangeSource
from redliner.core.review.origin import COMPARE, Origin
from redliner.core.review.textboxes import mirror_fallbacks

NOTE_PARTS = (("footnotes", RT.FOOTNOTES, "footnote"), ("endnotes", RT.ENDNOTES, "endnote"))
SPECIAL_NOTES = ("separator", "continuationSeparator", "continuationNotice")


def compare(base_path, draft_path, author: str | None = None, markers: list[MarkerRule] | None = None,
            report_formatting: bool = False, date: str | None = None, drafter: str | None = None) -> ReviewDocument:
    """A ReviewDocument over a copy of DRAFT holding the differences from BASE as tracked changes.

    Nothing is written to disk: save with `document.package.save(path)` (or write_marked_up to turn
    pending marker proposals into tracked changes too). With `report_formatting`, text whose run
    formatting differs (bold, italic, font...) gets a w:rPrChange; paragraph properties are not compared.
    The revisions are dated now, or `date` (to rebuild a comparison exactly: see origin.py). The
    comparison's findings are the reviewer's (`author`); marker proposals stay the drafter's (`drafter`,
    else the draft's last author), dated as the draft.
    """
    draft = Package.open(draft_path)
    base = Package.open(base_path)
    given_author = author
    author = author or last_modified_by(draft) or Path(draft_path).stem
    marks = Marks(author, max_revision_id(draft) + 1, date)
    differ = BlockDiff(marks, marker_test(draft, markers), report_formatting)
    compare_packages(base, draft, differ)
    options = {"author": given_author, "markers": ",".join(rule.name for rule in markers or []),
               "formatting": report_formatting}
    if drafter:
        options["drafter"] = drafter
    origin = Origin(COMPARE, [str(Path(base_path).absolute()), str(Path(draft_path).absolute())],
                    [base.fingerprint.sha256, draft.fingerprint.sha256], options, marks.date)
    del base  # its tree is not needed any more
    document = result_document(draft, markers, marks, drafter)
    document.origin = origin
    return document


def compare_packages(base: Package, draft: Package, differ: BlockDiff) -> None:
    importer = PartImporter(base, draft)  # deleted base pictures and links keep their parts
    if differ.report_formatting:
        differ.lists = (ListLooks.of(base), ListLooks.of(draft))
    for base_part, draft_part, base_root, draft_root in story_pairs(base, draft):
        differ.marks.bring = partial(importer.bring, source_part=base_part, target_part=draft_part)
        differ.container(base_root, draft_root)
        differ.forget()
        mirror_fallbacks(draft_root, differ.marks)  # text boxes' VML copies read as their marked-up choice
        draft.mark_dirty(draft_part)
    differ.marks.bring = None


def result_document(draft: Package, markers, marks: Marks, drafter: str | None = None) -> ReviewDocument:
    document = ReviewDocument(draft, markers, drafter)
    for change in document.changes:
        if change.pieces and all(getattr(p, "element", None) in marks.made for p in change.pieces):
            change.source = ChangeSource.COMPARE
    return document


# -- pairing stories -------------------------------------------------------------------------------------


def story_pairs(base: Package, draft: Package):
    """(base part, draft part, base container, draft container) for every story both versions have."""
    body = (base.xml(base.main_document).find(w("body")), draft.xml(draft.main_document).find(w("body")))
    if body[0] is not None and body[1] is not None:
        yield base.main_document, draft.main_document, body[0], body[1]
    for _, reltype, tag in NOTE_PARTS:
        yield from _note_pairs(base, draft, reltype, tag)
    yield from _header_footer_pairs(base, draft)


def _note_pairs(base: Package, draft: Package, reltype: str, tag: str):
    base_parts = base.related(base.main_document, reltype)
    draft_parts = draft.related(draft.main_document, reltype)
    if not base_parts or not draft_parts:
        return
    base_notes = {n.get(w("id")): n for n in base.xml(base_parts[0]).iter(w(tag))
                  if n.get(w("type"), "normal") not in SPECIAL_NOTES}
    for note in draft.xml(draft_parts[0]).iter(w(tag)):
        partner = base_notes.get(note.get(w("id")))
        if partner is not None and note.get(w("type"), "normal") not in SPECIAL_NOTES:
            yield base_parts[0], draft_parts[0], partner, note


def _header_footer_pairs(base: Package, draft: Package):
    base_refs, draft_refs = _references(base), _references(draft)
    for key, draft_part in draft_refs.items():
        base_part = base_refs.get(key)
        if base_part is not None:
            yield base_part, draft_part, base.xml(base_part), draft.xml(draft_part)


def _references(package: Package) -> dict[tuple, str]:
    """(header|footer, type, occurrence) -> part name, from the section properties in document order."""
    targets = {rid: target for rid, _, target in package.relationships(package.main_document)}
    found: dict[tuple, str] = {}
    seen: dict[tuple, int] = {}
    body = package.xml(package.main_document)
    for ref in body.iter(w("headerReference"), w("footerReference")):
        kind = (ref.tag, ref.get(w("type"), "default"))
        seen[kind] = seen.get(kind, 0) + 1
        target = targets.get(ref.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"))
        if target and package.has(target) and target not in found.values():
            found[kind + (seen[kind],)] = target
    return found


# -- the draft's own facts ---------------------------------------------------------------------------------


def marker_test(draft: Package, markers: list[MarkerRule] | None):
    """A test `run -> bool` for runs that hold a marker proposal, or None without marker rules."""
    if not markers:
        return None
    names = draft.related(draft.main_document, RT.STYLES)
    styles = StyleSheet.from_xml(draft.xml(names[0]) if names else None)

    def is_marker(run) -> bool:
        if run.tag != W_R or not any((t.text or "") for t in run.iter(W_T)):
            return False
        props = run.find(W_RPR)
        return any(rule.matches(props, styles) for rule in markers)

    return is_marker


def last_modified_by(package: Package) -> str:
    return package.core_property(CP_NS, "lastModifiedBy") or package.core_property(DC_NS, "creator")


def last_modified_date(package: Package) -> str | None:
    """The copy's dcterms:modified (when its reviewer last saved it), None when it has none."""
    return package.core_property(DCTERMS_NS, "modified") or None


def max_revision_id(package: Package) -> int:
    """Highest numeric w:id in the stories, so new revisions get unique ids."""
    highest = 0
    attribute = w("id")
    names = [package.main_document] + [n for _, reltype, _ in NOTE_PARTS
                                       for n in package.related(package.main_document, reltype)]
    names += [t for _, kind, t in package.relationships(package.main_document)
              if kind in (RT.HEADER, RT.FOOTER) and package.has(t)]
    for name in names:
        for element in package.xml(name).iter():
            value = element.get(attribute)
            if value is not None and value.lstrip("-").isdigit():
                highest = max(highest, int(value))
    return highest
