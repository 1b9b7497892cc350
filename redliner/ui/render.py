"""The document view's content: a ReviewDocument drawn into a QTextDocument, in markup, final or original view.

    rendered = render(review, ViewMode.MARKUP, colours)
    view.setDocument(rendered.document)
    rendered.spans["12"]            # (start, end) of change 12 in the document
    rendered.change_at(position)    # the change under a cursor position, or None
    view.setExtraSelections(highlight(rendered, "12"))
    review.decide(["12"], Decision.ACCEPT); refresh_paragraphs(rendered, review, ["12"])

MARKUP walks the live tree once. FINAL and ORIGINAL apply every open change to the live tree for the moment
of the walk (redliner.core.review.preview: the engine's own accept and reject, undone right after), so they read
exactly like a clean copy. Changes' places are kept per block (block number, offsets in the block):
rewriting one paragraph in place never moves another block's number, so spans need no shifting.
"""

from __future__ import annotations

import bisect
import gc
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from redliner.core import Change, ChangeKind, Decision, ReviewDocument
from redliner.core.oxml.notes import NoteMarks
from redliner.core.oxml.ns import w
from redliner.core.oxml.numbering import ListNumbering
from redliner.core.oxml.wordml import W_P, W_R, W_TBL, W_TC, W_TR, enclosing, next_paragraph
from redliner.core.review.comment_marks import COMMENT_MARKS as COMMENT_MARK_TAGS
from redliner.core.review.preview import open_changes, previewed, runs_of
from redliner.core.review.revisions import DELETE

from .docwriter import DocumentWriter, Owners, body_items, shows
from .formats import (
    ROLE_DELETED,
    ROLE_INSERTED,
    ROLE_MARK_DELETED,
    ROLE_MARK_INSERTED,
    ROLE_MOVED_FROM,
    ROLE_MOVED_TO,
    ROLE_PLAIN,
    ROLE_PROPERTY,
    Painter,
)
from .spans import BlockIndex, SpanMap

HIGHLIGHT = QColor("#FFE9A8")
_STRUCTURAL = frozenset(("mark", "row", "cell", "property"))
REWRITE_ALL_ABOVE = 2000  # blocks: past this many, one fresh pass is quicker than rewriting them one by one


class ViewMode(Enum):
    MARKUP = "markup"
    FINAL = "final"
    ORIGINAL = "original"


_PREVIEW_DECISION = {ViewMode.FINAL: Decision.ACCEPT, ViewMode.ORIGINAL: Decision.REJECT}


@dataclass
class RenderedDocument:
    document: QTextDocument
    spans: SpanMap  # change id -> (start, end) character positions in document (a read-only mapping)
    mode: ViewMode = ViewMode.MARKUP
    colours: dict = field(default_factory=dict)
    _layout: BlockIndex = field(default_factory=BlockIndex, repr=False)
    chunked: bool = True  # the body in frames of docwriter.CHUNK paragraphs (quick relayout after an edit)
    part: range | None = None  # only these body items (docwriter.body_items): a piece of a meeting copy

    def change_at(self, position: int) -> str | None:
        """The change under a cursor position: the one whose text the position is in, else one it ends."""
        block = self.document.findBlock(position)
        if not block.isValid():
            return None
        offset = position - block.position()
        ranges = self._layout.ranges.get(block.fragmentIndex(), ())
        starts = [r[0] for r in ranges]
        index = bisect.bisect_right(starts, offset) - 1
        for candidate in (index, index - 1):
            if 0 <= candidate < len(ranges):
                start, end, change_id = ranges[candidate]
                if start <= offset < end or (candidate == index and start < offset == end):
                    return change_id
        return None

    def place_of(self, change_id: str) -> int | None:
        """Where a change is: its first character, else (it shows no text now: decided, or hidden by the view
        mode) the start of the paragraph it sat in."""
        span = self.spans.get(change_id)
        if span is not None:
            return span[0]
        layout = self._layout
        keys = [layout.key_of[p] for p in layout.homes.get(change_id, ()) if p in layout.key_of]
        return min(layout.position(key) for key in keys) if keys else None

    def comment_range(self, comment_ids) -> tuple[int, int] | None:
        """(start, end) of the text a comment covers (the first of `comment_ids` the view shows a mark of: a
        reply's marks stand beside its parent's); a point for a comment with only a reference."""
        for comment_id in [comment_ids] if isinstance(comment_ids, str) else comment_ids:
            found: dict[str, int] = {}
            layout = self._layout
            for key in layout.in_order(layout.comment_marks):
                base = None
                for offset, mark_id, kind in layout.comment_marks[key]:
                    if mark_id == comment_id and kind not in found:
                        if base is None:
                            base = layout.position(key)
                        found[kind] = base + offset
            start = found.get("start", found.get("reference", found.get("end")))
            end = found.get("end", found.get("reference", start))
            if start is not None:
                return min(start, end), max(start, end)
        return None

    def paragraph_blocks(self) -> list[int]:
        """Block numbers of the story's paragraphs, in order (tables' empty trailing blocks left out)."""
        return self._layout.block_numbers(self._layout.paragraphs)


def render(review: ReviewDocument, mode: ViewMode, author_colours: dict[str, QColor] | None = None,
           chunked: bool = True, part: range | None = None) -> RenderedDocument:
    """`chunked=False`: the body's blocks straight in the root frame, for a document laid out once and never
    edited (the meeting copy): its frames only cost layout time there. `part`: only these body items, for a
    meeting copy laid out in two pieces (meeting_split); not for the app's view."""
    document = QTextDocument()
    document.setUndoRedoEnabled(False)
    layout = BlockIndex()
    rendered = RenderedDocument(document, SpanMap(document, layout), mode, dict(author_colours or {}), layout,
                                chunked, part)
    _write_all(rendered, review)
    return rendered


def _write_all(rendered: RenderedDocument, review: ReviewDocument) -> None:
    # A full pass allocates hundreds of thousands of short-lived objects and no cycles: the cyclic collector's
    # scans of the (large, long-lived) review would only cost time, about a tenth of the pass.
    collecting = gc.isenabled()
    gc.disable()
    try:
        _write_everything(rendered, review)
    finally:
        if collecting:
            gc.enable()


def _write_everything(rendered: RenderedDocument, review: ReviewDocument) -> None:
    body = body_of(review)
    layout = rendered._layout
    layout.homes = homes_of(review.changes)
    layout.order = {c.id: n for n, c in enumerate(review.changes)}
    for change_id, paragraphs in layout.homes.items():
        for paragraph in paragraphs:
            layout.residents.setdefault(paragraph, set()).add(change_id)
    painter = Painter(rendered.colours)
    numbering = ListNumbering.from_document(review)
    notes = NoteMarks.from_settings(review.related_xml(RT.SETTINGS))
    cursor = QTextCursor(rendered.document)
    cursor.beginEditBlock()
    if rendered.mode == ViewMode.MARKUP:
        items, layout.note_marks = numbering.list_items(body, _end_of(rendered.part, body)), notes.marks(body)
        layout.owners = markup_owners(review.changes)
        writer = DocumentWriter(cursor, painter, review.styles, layout.owners, layout, items)
        writer.write_body(body, rendered.chunked, rendered.part)
    else:
        changes = open_changes(review.changes)
        owners = result_owners(changes)
        layout.unsafe = _merged_paragraphs(changes)
        with previewed(changes, _PREVIEW_DECISION[rendered.mode]):
            items, layout.note_marks = numbering.list_items(body, _end_of(rendered.part, body)), notes.marks(body)
            writer = DocumentWriter(cursor, painter, review.styles, owners, layout, items)
            writer.write_body(body, rendered.chunked, rendered.part)
    cursor.endEditBlock()


def _end_of(part: range | None, body):
    """The first paragraph after a part of the body (None: none, or no part): list labels are counted up to it."""
    if part is None:
        return None
    items = body_items(body)
    return next(items[part.stop].iter(W_P), None) if part.stop < len(items) else None


def body_of(review: ReviewDocument):
    root = review.package.xml(review.package.main_document)
    body = root.find(w("body"))
    return body if body is not None else root


# -- which element shows which change -------------------------------------------------------------------


def markup_owners(changes: Iterable[Change]) -> Owners:
    owners = Owners()
    for change in changes:
        for piece in change.pieces:
            if hasattr(piece, "runs"):
                role = _content_role(change, piece.direction == DELETE)
                owners.elements.update((run, (change, role)) for run in piece.runs)
            else:
                _claim(owners, change, piece)
    return owners


def _claim(owners: Owners, change: Change, piece) -> None:
    kind, element = piece.handler.kind, piece.element
    deleting = piece.direction == DELETE
    if kind == "content":
        owners.elements[element] = (change, _content_role(change, deleting))
    elif kind == "format":
        run = enclosing(element, W_R)
        if run is not None:
            owners.formats[run] = change
    elif kind == "mark":
        paragraph = enclosing(element, W_P)
        role = ROLE_MARK_DELETED if deleting else ROLE_MARK_INSERTED
        owners.paragraph_marks.setdefault(paragraph, []).append((change, role))
    elif kind in ("row", "cell") and piece.direction != "property":
        holder = enclosing(element, W_TR if kind == "row" else W_TC)
        owners.elements[holder] = (change, ROLE_DELETED if deleting else ROLE_INSERTED)
    else:
        paragraph = anchor_paragraph(element)
        if paragraph is not None:
            owners.paragraph_marks.setdefault(paragraph, []).append((change, ROLE_PROPERTY))


def _content_role(change: Change, deleting: bool) -> str:
    if change.kind == ChangeKind.MOVE:
        return ROLE_MOVED_FROM if deleting else ROLE_MOVED_TO
    return ROLE_DELETED if deleting else ROLE_INSERTED


def anchor_paragraph(element):
    """The paragraph that shows a property change: its own, else the first of its cell, row or table."""
    paragraph = enclosing(element, W_P)
    if paragraph is not None:
        return paragraph
    for tag in (W_TC, W_TR, W_TBL):
        holder = enclosing(element, tag)
        if holder is not None:
            return next(holder.iter(W_P), None)
    return None


def result_owners(changes: Iterable[Change]) -> Owners:
    """For a final or original view: the runs of each open change, shown plain, found after the preview."""
    owners = Owners()
    for change in changes:
        owners.elements.update((run, (change, ROLE_PLAIN)) for run in runs_of(change))
    return owners


def homes_of(changes: Iterable[Change]) -> dict:
    """change id -> the paragraphs its pieces are in."""
    homes = {}
    for change in changes:
        found = {_home(piece) for piece in change.pieces}
        found.discard(None)
        homes[change.id] = found
    return homes


def _home(piece):
    element = piece.runs[0] if hasattr(piece, "runs") else piece.element
    parent = element.getparent()
    if parent is not None and parent.tag == W_P:
        return parent  # the common case, without walking up
    return anchor_paragraph(element)


def _merged_paragraphs(changes: Iterable[Change]) -> set:
    """Paragraphs whose preview takes in another one's text (an open paragraph-mark change)."""
    merged = set()
    for change in changes:
        for piece in change.pieces:
            if getattr(getattr(piece, "handler", None), "kind", "") == "mark":
                paragraph = enclosing(piece.element, W_P)
                merged.update(p for p in (paragraph, next_paragraph(paragraph) if paragraph is not None else None)
                              if p is not None)
    return merged


# -- refreshing after decisions -----------------------------------------------------------------------


def refresh_paragraphs(rendered: RenderedDocument, review: ReviewDocument,
                       changes: Iterable[Change | str] | Change | str) -> bool:
    """Rewrite the paragraphs that decisions (or their undo) on these changes touched, in place.

    Returns True when only those blocks were rewritten; False when the paragraph structure changed (marks,
    rows, cells, properties that can renumber lists) and the whole document was rewritten, still into
    rendered.document, so a view showing it needs nothing more.
    """
    if isinstance(changes, Change | str):
        changes = [changes]
    targets = [c if isinstance(c, Change) else review.change(c) for c in changes]
    blocks = _blocks_to_rewrite(rendered, targets)
    if blocks is None or len(blocks) > REWRITE_ALL_ABOVE:
        _rewrite_all(rendered, review)
        return False
    cursor = QTextCursor(rendered.document)
    cursor.beginEditBlock()
    try:
        if rendered.mode == ViewMode.MARKUP:
            painter = Painter(rendered.colours)
            for block in blocks:
                _rewrite_block(rendered, review, cursor, block, rendered._layout.owners, painter)
        else:
            _rewrite_previewed(rendered, review, cursor, blocks, targets)
    finally:
        cursor.endEditBlock()
    return True


def _blocks_to_rewrite(rendered: RenderedDocument, targets: list[Change]) -> list[int] | None:
    layout = rendered._layout
    paragraphs = set()
    for change in targets:
        if any(getattr(getattr(p, "handler", None), "kind", "") in _STRUCTURAL for p in change.pieces):
            return None
        paragraphs |= layout.homes.get(change.id, set())
        paragraphs |= {_home(piece) for piece in change.pieces if _attached(piece)}
    paragraphs.discard(None)
    blocks = []
    for paragraph in paragraphs:
        block = layout.key_of.get(paragraph)
        if block is None or paragraph.getparent() is None or paragraph in layout.unsafe:
            return None
        blocks.append(block)
    return layout.in_order(blocks)


def _attached(piece) -> bool:
    element = piece.runs[0] if hasattr(piece, "runs") else piece.element
    return enclosing(element, w("body")) is not None


def _rewrite_previewed(rendered, review, cursor, blocks, targets: list[Change]) -> None:
    layout = rendered._layout
    changes = open_changes(_changes_homed_in(review, layout, blocks, targets))
    owners = result_owners(changes)
    painter = Painter(rendered.colours)
    with previewed(changes, _PREVIEW_DECISION[rendered.mode]):
        for block in blocks:
            _rewrite_block(rendered, review, cursor, block, owners, painter)


def _changes_homed_in(review, layout: BlockIndex, blocks, targets: list[Change]) -> list[Change]:
    found = {c.id: c for c in targets}
    for block in blocks:
        for change_id in layout.residents.get(layout.paragraphs[block][0], ()):
            found.setdefault(change_id, review.change(change_id))
    if len(layout.order) != len(review.changes):  # edits added or took out changes since it was made
        layout.order = {c.id: n for n, c in enumerate(review.changes)}
    order = layout.order
    return sorted(found.values(), key=lambda c: order.get(c.id, len(order)))  # document order, as in a full pass


def _rewrite_block(rendered, review, cursor, block: int, owners: Owners, painter: Painter) -> None:
    """The text of the block with key `block` written again."""
    layout = rendered._layout
    paragraph, label, _, heading = layout.paragraphs[block]
    text_block = layout.blocks[block]
    cursor.setPosition(text_block.position())
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    layout.clear_block(block)
    writer = DocumentWriter(cursor, painter, review.styles, owners, layout)
    writer._context = _row_or_cell_context(owners, paragraph)
    writer.write_content(paragraph, block, text_block.position(), label, heading)


def _row_or_cell_context(owners: Owners, paragraph):
    for tag in (W_TC, W_TR):
        holder = enclosing(paragraph, tag)
        found = owners.elements.get(holder) if holder is not None else None
        if found is not None and shows(found[0]):
            return found
    return None


def _rewrite_all(rendered: RenderedDocument, review: ReviewDocument) -> None:
    rendered.document.clear()
    layout = BlockIndex()
    rendered._layout = layout
    rendered.spans = SpanMap(rendered.document, layout)
    _write_all(rendered, review)


def refresh_commented(rendered: RenderedDocument, review: ReviewDocument) -> None:
    """After a comment step (or its undo): rewrite the paragraphs that hold comment marks now or did when last
    written, so that the view knows where every comment sits. A run split to anchor a comment is a new element
    of a marker change: the markup view's owners are read again first. The final and original views are
    written again whole (comment steps are rare)."""
    if rendered.mode != ViewMode.MARKUP:
        _rewrite_all(rendered, review)
        return
    layout = rendered._layout
    blocks = set(layout.comment_marks)
    for _, name in review.stories():
        root = review.package.xml(name)
        for mark in root.iter(*COMMENT_MARK_TAGS):
            block = layout.key_of.get(enclosing(mark, W_P))
            if block is not None:
                blocks.add(block)
    layout.owners = markup_owners(review.changes)
    painter = Painter(rendered.colours)
    cursor = QTextCursor(rendered.document)
    cursor.beginEditBlock()
    try:
        for block in layout.in_order(blocks):
            _rewrite_block(rendered, review, cursor, block, layout.owners, painter)
    finally:
        cursor.endEditBlock()


# -- the current change ---------------------------------------------------------------------------


def highlight(rendered: RenderedDocument, change_id: str | None, colour: QColor = HIGHLIGHT
              ) -> list[QTextEdit.ExtraSelection]:
    """Extra selections that shade every stretch of a change (none when it shows no text in this view)."""
    if not change_id:
        return []
    selections = []
    shade = QTextCharFormat()
    shade.setBackground(colour)
    for start, end in rendered.spans.stretches(change_id):
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(rendered.document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = shade
        selections.append(selection)
    return selections
