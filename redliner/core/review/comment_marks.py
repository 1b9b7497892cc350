"""Comment anchors in the text: kept where removed text was, or stripped for a clean copy.

A comment is anchored by w:commentRangeStart/w:commentRangeEnd (siblings of runs) and by a run holding
w:commentReference. A decision that removes text (a deletion accepted, an insertion rejected, a row or an
emptied paragraph removed) must not take a comment's anchor with it: `keep_comment_marks` moves the marks
out of the element about to go, to the place where it was (a collapsed anchor, as Word does).
`strip_comments` removes every anchor and the comment parts, for a clean copy. Both write to a journal.
"""

from __future__ import annotations

from docx.opc.constants import RELATIONSHIP_TYPE as RT

from redliner.core.opc.constants import REL_NS
from redliner.core.opc.package import CONTENT_TYPES, CT_NS, Package, rels_part_name
from redliner.core.oxml.ns import W_NS, w
from redliner.core.oxml.wordml import W_P, W_PPR, W_R, W_RPR, enclosing
from redliner.core.review.journal import Journal

W_RANGE_START, W_RANGE_END, W_REFERENCE = w("commentRangeStart"), w("commentRangeEnd"), w("commentReference")
COMMENT_MARKS = (W_RANGE_START, W_RANGE_END, W_REFERENCE)
# Parts that hold comments and their threads (people.xml also names revision authors: it stays).
COMMENT_PART_TYPES = (
    RT.COMMENTS,
    "http://schemas.microsoft.com/office/2011/relationships/commentsExtended",
    "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds",
    "http://schemas.microsoft.com/office/2018/08/relationships/commentsExtensible",
)
_BLOCKS = frozenset((W_P, w("tbl"), w("tr"), w("tc"), w("sdt"), w("body")))


def keep_comment_marks(element, journal: Journal) -> None:
    """Move the comment marks inside `element` (about to be removed) to where `element` is."""
    marks = [mark for mark in element.iter(*COMMENT_MARKS) if mark is not element]
    if not marks:
        return
    moved: set = set()
    for mark in marks:
        carrier = _carrier(mark, element, journal)
        if carrier is None or carrier in moved:
            continue
        moved.add(carrier)
        _put_at(carrier, element, journal)


def _carrier(mark, element, journal: Journal):
    """What moves: a range mark itself; a reference's run when it holds nothing else, else a new run."""
    if mark.tag != W_REFERENCE:
        return mark
    run = mark.getparent()
    if run is not None and run.tag == W_R and run is not element and all(
            child.tag in (W_RPR, W_REFERENCE) for child in run):
        return run
    carrier = mark.makeelement(W_R, {})
    journal.move(mark, carrier, None)
    return carrier


def _put_at(carrier, element, journal: Journal) -> None:
    inline = element.tag not in _BLOCKS and enclosing(element.getparent(), W_P) is not None
    if inline:
        if carrier.getparent() is None:
            journal.add_before(element, carrier)
        else:
            journal.move_before(carrier, element)
        return
    before = element.xpath("preceding::w:p[1]", namespaces={"w": W_NS})
    after = [] if before else element.xpath("following::w:p[1]", namespaces={"w": W_NS})
    if not before and not after:
        return  # no paragraph left in the story at all: nowhere to keep it
    paragraph = (before or after)[0]
    index = None if before else (1 if len(paragraph) and paragraph[0].tag == W_PPR else 0)
    if carrier.getparent() is None:
        journal.insert(paragraph, len(paragraph) if index is None else index, carrier)
    else:
        journal.move(carrier, paragraph, index)


# -- a clean copy: no comments ---------------------------------------------------------------------------


def strip_comments(package: Package, story_names: list[str], journal: Journal) -> None:
    """Every comment anchor of these parts removed, and the comment parts with their relationships and
    content types; all undone by the journal."""
    for name in story_names:
        root = package.xml(name)
        marks = list(root.iter(*COMMENT_MARKS))
        for mark in marks:
            run = mark.getparent()
            if mark.tag == W_REFERENCE and run is not None and run.tag == W_R and all(
                    child.tag in (W_RPR, W_REFERENCE) for child in run):
                if run.getparent() is not None:
                    journal.remove(run)
            else:
                journal.remove(mark)
        if marks:
            mark_dirty(package, name, journal)
    _remove_comment_parts(package, package.main_document, journal)


def _remove_comment_parts(package: Package, owner: str, journal: Journal) -> None:
    rels_name = rels_part_name(owner)
    if not package.has(rels_name):
        return
    for rel_id, kind, target in package.relationships(owner):
        if kind not in COMMENT_PART_TYPES:
            continue
        for rel in list(package.xml(rels_name).iter(f"{{{REL_NS}}}Relationship")):
            if rel.get("Id") == rel_id:
                journal.remove(rel)
        mark_dirty(package, rels_name, journal)
        if package.has(target):
            journal.record(package.detach(target))
        _remove_override(package, target, journal)


def _remove_override(package: Package, name: str, journal: Journal) -> None:
    types = package.xml(CONTENT_TYPES)
    for override in list(types.iter(f"{{{CT_NS}}}Override")):
        if override.get("PartName", "").lstrip("/").lower() == name.lower():
            journal.remove(override)
            mark_dirty(package, CONTENT_TYPES, journal)


def mark_dirty(package: Package, name: str, journal: Journal) -> None:
    """Dirty for this step; once the journal is undone, written as its original bytes again."""
    if not package.is_dirty(name):
        package.mark_dirty(name)
        journal.record(lambda: package.mark_clean(name) if package.has(name) else None)
