"""One handler per OOXML revision element: how to accept it and how to reject it.

A *piece* is one revision element in the tree. Handlers are looked up by (tag, parent tag) in REVISION_HANDLERS,
as mammoth dispatches on element names; the reader warns about revision elements with no handler.
Structural pieces (paragraph marks, rows, cells) run after content pieces in a decision, so that
"is this paragraph now empty?" is asked of the decided content.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from redliner.core.oxml.ns import local_name, w
from redliner.core.oxml.wordml import (
    W_DELTEXT,
    W_P,
    W_PPR,
    W_T,
    W_TBL,
    W_TC,
    W_TR,
    deleted_text,
    enclosing,
    has_content,
    inserted_text,
    next_paragraph,
)
from redliner.core.review.comment_marks import keep_comment_marks
from redliner.core.review.journal import Journal

CONTENT, STRUCTURE = 0, 1
INSERT, DELETE, PROPERTY = "insert", "delete", "property"


@dataclass(eq=False, slots=True)
class Piece:
    """One revision element and the handler that decides it."""

    element: object
    handler: Handler
    part_name: str
    author: str
    date: str
    move_name: str = ""
    range_markers: list | tuple = ()  # set when there are any: most pieces have none
    paragraph: object = None  # the w:p it sits in, found once while reading
    twin: Piece | None = None  # the same revision in a text box's VML copy, decided with this one (textboxes.py)

    @property
    def direction(self) -> str:
        return self.handler.direction

    @property
    def stage(self) -> int:
        return self.handler.stage

    def accept(self, journal: Journal) -> None:
        self.handler.accept(self.element, journal)
        self._drop_range_markers(journal)
        if self.twin is not None:
            self.twin.accept(journal)

    def reject(self, journal: Journal) -> None:
        self.handler.reject(self.element, journal)
        self._drop_range_markers(journal)
        if self.twin is not None:
            self.twin.reject(journal)

    def _drop_range_markers(self, journal: Journal) -> None:
        for marker in self.range_markers:
            journal.remove(marker)

    def text(self, reader=None) -> tuple[str, str]:
        """(inserted, deleted) text this piece carries; `reader` (a quicktext.QuickText) reads it faster."""
        return self.handler.text(self.element, reader)


class Handler:
    kind = "content"
    direction = INSERT
    stage = CONTENT
    detail = ""

    def accept(self, element, journal: Journal) -> None:
        raise NotImplementedError

    def reject(self, element, journal: Journal) -> None:
        raise NotImplementedError

    def text(self, element, reader=None) -> tuple[str, str]:
        return "", ""


# -- content wrappers: w:ins, w:del, w:moveTo, w:moveFrom ----------------------------------------


class InsertedContent(Handler):
    def accept(self, element, journal):
        journal.unwrap(element)

    def reject(self, element, journal):
        remove_content(element, journal)

    def text(self, element, reader=None):
        return (reader.inserted if reader else inserted_text)(element), ""


class DeletedContent(Handler):
    direction = DELETE

    def accept(self, element, journal):
        remove_content(element, journal)

    def reject(self, element, journal):
        restore_deleted_text(element, journal)
        journal.unwrap(element)

    def text(self, element, reader=None):
        return "", (reader.deleted if reader else deleted_text)(element)


_EMPTIED_CONTAINERS = frozenset((w("hyperlink"),))


def remove_content(element, journal: Journal) -> None:
    """Remove a revision with its content; a hyperlink it leaves with nothing in it goes too, as in Word."""
    parent = element.getparent()
    keep_comment_marks(element, journal)  # a comment anchored in removed text stays where it was
    journal.remove(element)
    if parent is not None and parent.tag in _EMPTIED_CONTAINERS and len(parent) == 0:
        journal.remove(parent)


def restore_deleted_text(element, journal: Journal) -> None:
    """w:delText -> w:t and w:delInstrText -> w:instrText, so the text shows again."""
    for node in list(element.iter(W_DELTEXT, w("delInstrText"))):
        journal.set_tag(node, W_T if node.tag == W_DELTEXT else w("instrText"))


def mark_deleted_text(element, journal: Journal) -> None:
    for node in list(element.iter(W_T, w("instrText"))):
        journal.set_tag(node, W_DELTEXT if node.tag == W_T else w("delInstrText"))


# -- paragraph marks: w:pPr/w:rPr/w:ins|w:del|w:moveTo|w:moveFrom ---------------------------------


class InsertedParagraphMark(Handler):
    kind = "mark"
    stage = STRUCTURE
    detail = "inserted"

    def accept(self, element, journal):
        journal.remove(element)

    def reject(self, element, journal):
        paragraph = enclosing(element, W_P)
        journal.remove(element)
        if paragraph is not None:  # a stray w:pPr outside any paragraph (damaged file): nothing to merge
            merge_with_next(paragraph, journal)

    def text(self, element, reader=None):
        return "¶", ""


class DeletedParagraphMark(InsertedParagraphMark):
    direction = DELETE
    detail = "deleted"

    def accept(self, element, journal):
        InsertedParagraphMark.reject(self, element, journal)

    def reject(self, element, journal):
        journal.remove(element)

    def text(self, element, reader=None):
        return "", "¶"


def merge_with_next(paragraph, journal: Journal) -> None:
    """Remove a paragraph's mark as Word does: its content joins the next paragraph.

    With no next paragraph (end of body or cell, or a table follows), an emptied paragraph goes away
    (unless a cell would be left without one) and a non-empty one stays.
    """
    following = next_paragraph(paragraph)
    if following is not None:
        anchor = _first_after_ppr(following)
        for child in [c for c in paragraph if c.tag != W_PPR]:
            if anchor is None:
                journal.move(child, following, None)
            else:
                journal.move_before(child, anchor)
        journal.remove(paragraph)
    elif not has_content(paragraph) and not _last_paragraph_of_cell(paragraph):
        keep_comment_marks(paragraph, journal)
        journal.remove(paragraph)


def _first_after_ppr(paragraph):
    for child in paragraph:
        if child.tag != W_PPR:
            return child
    return None


def _last_paragraph_of_cell(paragraph) -> bool:
    parent = paragraph.getparent()
    return parent is not None and parent.tag == W_TC and len(parent.findall(W_P)) == 1


# -- table rows and cells --------------------------------------------------------------------------


class InsertedContainer(Handler):
    """A table row (w:trPr/w:ins) or cell (w:tcPr/w:cellIns) inserted: rejecting removes the container."""

    stage = STRUCTURE
    detail = "inserted"

    def __init__(self, kind: str, tag: str, remove_container):
        self.kind, self.tag, self.remove_container = kind, tag, remove_container

    def accept(self, element, journal):
        journal.remove(element)

    def reject(self, element, journal):
        self.remove_container(enclosing(element, self.tag), journal)

    def text(self, element, reader=None):
        return inserted_text(enclosing(element, self.tag)), ""


class DeletedContainer(InsertedContainer):
    """A table row (w:trPr/w:del) or cell (w:tcPr/w:cellDel) deleted: accepting removes the container."""

    direction = DELETE
    detail = "deleted"

    def accept(self, element, journal):
        self.remove_container(enclosing(element, self.tag), journal)

    def reject(self, element, journal):
        journal.remove(element)

    def text(self, element, reader=None):
        return "", deleted_text(enclosing(element, self.tag))


def remove_row(row, journal: Journal) -> None:
    table = row.getparent()
    keep_comment_marks(row, journal)
    journal.remove(row)
    if table is not None and table.tag == W_TBL and table.find(W_TR) is None:
        journal.remove(table)


def remove_cell(cell, journal: Journal) -> None:
    row = cell.getparent()
    keep_comment_marks(cell, journal)
    journal.remove(cell)
    if row is not None and row.tag == W_TR and row.find(W_TC) is None:
        remove_row(row, journal)


class MergedCell(Handler):
    """w:cellMerge: accepting applies the vertical merge it proposes, rejecting drops it."""

    kind = "cell"
    direction = PROPERTY
    stage = STRUCTURE
    detail = "merge"

    def accept(self, element, journal):
        v_merge = element.makeelement(w("vMerge"))
        if element.get(w("vMerge")) == "rest":
            v_merge.set(w("val"), "restart")
        journal.add_before(element, v_merge)
        journal.remove(element)

    def reject(self, element, journal):
        journal.remove(element)


# -- property changes: w:rPrChange, w:pPrChange, w:sectPrChange, table ones ---------------------------

# Children of a properties element that the old properties in its *Change do not describe.
_KEPT_LEADING = {"rPr": {"ins", "del", "moveFrom", "moveTo"}, "sectPr": {"headerReference", "footerReference"}}
_KEPT_TRAILING = {"pPr": {"rPr", "sectPr"}, "trPr": {"ins", "del"}, "tcPr": {"cellIns", "cellDel", "cellMerge"}}


class PropertyChange(Handler):
    kind = "property"
    direction = PROPERTY

    def __init__(self, detail: str):
        self.detail = detail
        if detail == "formatting":
            self.kind = "format"

    def accept(self, element, journal):
        journal.remove(element)

    def reject(self, element, journal):
        if element.getparent() is None:
            return  # a second *Change in the same properties (damaged file): the first one already restored them
        journal.replace_children(element.getparent(), restored_properties(element))

    def text(self, element, reader=None):
        paragraph = enclosing(element, W_P)
        run = enclosing(element, w("r"))
        if run is not None:
            return inserted_text(run), ""
        return (inserted_text(paragraph) if paragraph is not None else ""), ""


def restored_properties(change) -> list:
    """The children a properties element gets back when its *Change is rejected."""
    props = change.getparent()
    name = local_name(props.tag)
    leading = [c for c in props if local_name(c.tag) in _KEPT_LEADING.get(name, ())]
    trailing = [c for c in props if local_name(c.tag) in _KEPT_TRAILING.get(name, ())]
    kept = _KEPT_LEADING.get(name, set()) | _KEPT_TRAILING.get(name, set())
    old = [copy.deepcopy(c) for c in (change[0] if len(change) else ()) if local_name(c.tag) not in kept]
    return leading + old + trailing


class InsertedNumbering(Handler):
    """w:numPr/w:ins: numbering was switched on for this paragraph."""

    kind = "property"
    direction = PROPERTY
    detail = "numbering"

    def accept(self, element, journal):
        journal.remove(element)

    def reject(self, element, journal):
        journal.remove(element.getparent())

    def text(self, element, reader=None):
        paragraph = enclosing(element, W_P)
        return (inserted_text(paragraph) if paragraph is not None else ""), ""


class DroppedMarker(Handler):
    """Revision metadata with nothing to restore (w:numberingChange): both decisions drop it."""

    kind = "property"
    direction = PROPERTY
    detail = "numbering"

    def accept(self, element, journal):
        journal.remove(element)

    reject = accept


class ContentControlMarkup(Handler):
    """w:customXmlDelRangeStart/InsRangeStart: the start and end tags of a content control were deleted
    (or inserted). Removing them unwraps the control and keeps its content."""

    kind = "property"
    direction = PROPERTY
    detail = "content control"

    def __init__(self, inserted: bool):
        self.inserted = inserted

    def accept(self, element, journal):
        if not self.inserted:
            unwrap_content_control(element, journal)
        journal.remove(element)

    def reject(self, element, journal):
        if self.inserted:
            unwrap_content_control(element, journal)
        journal.remove(element)

    def text(self, element, reader=None):
        control = _control_of(element)
        return (inserted_text(control), "") if control is not None else ("", "")


def _control_of(marker):
    following = marker.getnext()
    if following is not None and following.tag == w("sdt"):
        return following
    parent = marker.getparent()
    if parent is not None and parent.tag == w("sdtContent"):
        return parent.getparent()
    return None


def unwrap_content_control(marker, journal: Journal) -> None:
    control = _control_of(marker)
    if control is None or control.getparent() is None:
        return
    content = control.find(w("sdtContent"))
    for child in list(content) if content is not None else []:
        journal.move_before(child, control)
    journal.remove(control)


PROPERTY_DETAILS = {
    "rPrChange": "formatting",
    "pPrChange": "paragraph properties",
    "sectPrChange": "section properties",
    "tblPrChange": "table properties",
    "tblPrExChange": "table properties",
    "tblGridChange": "table grid",
    "trPrChange": "row properties",
    "tcPrChange": "cell properties",
}


def handler_for(element) -> Handler | None:
    """The handler of a revision element, chosen by its tag and where it sits."""
    parent = element.getparent()
    if element.tag in WRAPPER_INSERTS and (parent is None or parent.tag not in _PROPERTY_PARENTS):
        return CONTENT_HANDLERS[WRAPPER_INSERTS[element.tag]]  # the common case: text inserted or deleted
    name = local_name(element.tag)
    parent_name = local_name(parent.tag) if parent is not None else ""
    if name in PROPERTY_DETAILS:
        # w:rPrChange belongs in w:rPr, w:pPrChange in w:pPr...; anywhere else (a damaged file) it is not decided
        owner_matches = parent_name == name.removesuffix("Change")
        return PropertyChange(PROPERTY_DETAILS[name]) if owner_matches else None
    if name in ("ins", "del", "moveTo", "moveFrom"):
        inserted = name in ("ins", "moveTo")
        if parent_name == "rPr" and parent.getparent() is not None and parent.getparent().tag == W_PPR:
            return _MARKS[inserted]
        if parent_name == "rPr" and parent.getparent() is not None and local_name(parent.getparent().tag) == "r":
            return None  # revision marks in a run's properties: not in the schema, reported
        if parent_name == "trPr":
            return _ROWS[inserted] if name in ("ins", "del") else None
        if parent_name == "numPr":
            return _NUMBERING if name == "ins" else None
        return CONTENT_HANDLERS[inserted]
    return _SIMPLE.get(name)


WRAPPER_INSERTS = {w("ins"): True, w("moveTo"): True, w("del"): False, w("moveFrom"): False}
_PROPERTY_PARENTS = frozenset(w(n) for n in ("rPr", "trPr", "numPr"))
_MARKS = {True: InsertedParagraphMark(), False: DeletedParagraphMark()}
_ROWS = {True: InsertedContainer("row", W_TR, remove_row), False: DeletedContainer("row", W_TR, remove_row)}
CONTENT_HANDLERS = {True: InsertedContent(), False: DeletedContent()}
_NUMBERING = InsertedNumbering()
_SIMPLE = {
    "cellIns": InsertedContainer("cell", W_TC, remove_cell),
    "cellDel": DeletedContainer("cell", W_TC, remove_cell),
    "cellMerge": MergedCell(),
    "numberingChange": DroppedMarker(),
    "customXmlDelRangeStart": ContentControlMarkup(inserted=False),
    "customXmlInsRangeStart": ContentControlMarkup(inserted=True),
}
RANGE_ENDS = {w("customXmlDelRangeStart"): w("customXmlDelRangeEnd"),
              w("customXmlInsRangeStart"): w("customXmlInsRangeEnd")}

REVISION_TAGS = tuple(
    w(name)
    for name in ("ins", "del", "moveTo", "moveFrom", "cellIns", "cellDel", "cellMerge", "numberingChange",
                 "customXmlDelRangeStart", "customXmlInsRangeStart", *PROPERTY_DETAILS)
)
MOVE_RANGE_TAGS = tuple(w(n) for n in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd"))
UNSUPPORTED_TAGS = tuple(
    w(n)
    for n in ("customXmlMoveFromRangeStart", "customXmlMoveToRangeStart")
)
CUSTOM_RANGE_ENDS = tuple(w(n) for n in ("customXmlInsRangeEnd", "customXmlDelRangeEnd",
                                          "customXmlMoveFromRangeEnd", "customXmlMoveToRangeEnd"))
ALL_REVISION_TAGS = REVISION_TAGS + MOVE_RANGE_TAGS + UNSUPPORTED_TAGS + CUSTOM_RANGE_ENDS
