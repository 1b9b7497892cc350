"""Showing an edit at once: the edited paragraphs' blocks rewritten in place, blocks added or taken out for
paragraphs an edit made or removed (Enter, and its undo), and the markup owners of those paragraphs' changes
found again. Nothing else of the render is touched, so a keystroke costs one or two blocks, not the document.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QTextCursor

from redliner.core import Change, RedlinerError, ReviewDocument
from redliner.core.oxml.numbering import ListNumbering

from .docwriter import DocumentWriter
from .formats import Painter
from .render import RenderedDocument, ViewMode, _home, _rewrite_all, _rewrite_block, body_of, markup_owners


def show_edit(rendered: RenderedDocument, review: ReviewDocument, paragraphs: Iterable,
              changes: Iterable[Change] = ()) -> bool:
    """Rewrite what an edit (or its undo) changed: the paragraphs given that are in the tree are rewritten
    (shown in a new block when new), those no longer in it lose their block; `changes`: those the edit added
    or updated (with the changes that lived in those paragraphs, they are drawn again). When paragraphs came or
    went, list items after them need new numbers: `relabels` finds them when the typist pauses. Returns False
    when the whole text was written again (only outside the Markup view, or for a paragraph with no paragraph
    before it to follow)."""
    candidates = list(dict.fromkeys(paragraphs))
    layout = rendered._layout
    paragraphs = [p for p in candidates if p.getparent() is not None]
    removed = [p for p in candidates if p.getparent() is None and p in layout.key_of]
    if rendered.mode != ViewMode.MARKUP:
        _rewrite_all(rendered, review)
        return False
    _refresh_owners(rendered, review, [*paragraphs, *removed], list(changes))
    painter = Painter(rendered.colours)
    cursor = QTextCursor(rendered.document)
    cursor.beginEditBlock()
    try:
        for paragraph in removed:
            _remove_block(rendered, cursor, paragraph)
        added = [p for p in paragraphs if p not in layout.key_of]
        for paragraph in added:
            if not _add_block(rendered, review, cursor, paragraph):
                cursor.endEditBlock()
                _rewrite_all(rendered, review)
                return False
        for block in layout.in_order(layout.key_of[p] for p in paragraphs):
            _rewrite_block(rendered, review, cursor, block, layout.owners, painter)
    finally:
        cursor.endEditBlock()
    return True


def relabels(rendered: RenderedDocument, review: ReviewDocument) -> list[tuple]:
    """(block key, w:p, label, level) of every block whose list label is not the one its list gives it now (an
    item added or taken out renumbers those after it). One pass over the story's paragraphs: about as long as
    opening the lists, so the view does it when the typist pauses, not on the key."""
    if rendered.mode != ViewMode.MARKUP:
        return []
    items = ListNumbering.from_document(review).list_items(body_of(review))
    found = []
    for key, (paragraph, label, level, _) in rendered._layout.paragraphs.items():
        new_label, new_level = items.get(paragraph, ("", None))
        if (new_label, new_level) != (label, level):
            found.append((key, paragraph, new_label, new_level))
    return found


def apply_relabels(rendered: RenderedDocument, review: ReviewDocument, relabelled: Iterable[tuple]) -> int:
    """Give blocks the labels `relabels` found: label, indent and text anew. A block that shows another
    paragraph by now (an edit took its paragraph out) is left alone. Returns how many were rewritten."""
    layout = rendered._layout
    painter = Painter(rendered.colours)
    cursor = QTextCursor(rendered.document)
    writer = DocumentWriter(cursor, painter, review.styles, layout.owners, layout)
    done = 0
    cursor.beginEditBlock()
    try:
        for key, paragraph, label, level in relabelled:
            entry = layout.paragraphs.get(key)
            if entry is None or entry[0] is not paragraph:
                continue
            heading = entry[3]
            layout.paragraphs[key] = (paragraph, label, level, heading)
            _, right_to_left = writer.paragraph_properties(paragraph)
            cursor.setPosition(layout.position(key))
            cursor.setBlockFormat(painter.block_format(heading, level, right_to_left, labelled=bool(label.strip())))
            _rewrite_block(rendered, review, cursor, key, layout.owners, painter)
            done += 1
    finally:
        cursor.endEditBlock()
    return done


# -- owners ------------------------------------------------------------------------------------------


def _refresh_owners(rendered: RenderedDocument, review: ReviewDocument, paragraphs: list, changes: list) -> None:
    """Forget what the edited paragraphs' elements showed, then claim them again for the changes now in them:
    those the edit added or updated (`changes`) and those that lived there and are still in the review."""
    layout = rendered._layout
    owners = layout.owners
    touched = set(paragraphs)
    candidates = {c.id: c for c in changes}
    for paragraph in paragraphs:
        owners.paragraph_marks.pop(paragraph, None)
        for element in paragraph.iter():
            owners.elements.pop(element, None)
            owners.formats.pop(element, None)
        for change_id in layout.residents.pop(paragraph, ()):
            layout.homes.pop(change_id, None)
            found = _find(review, change_id)
            if found is not None:
                candidates.setdefault(change_id, found)
    living = [c for c in candidates.values() if _homed_in(c, touched)]
    fresh = markup_owners(living)
    owners.elements.update(fresh.elements)
    owners.formats.update(fresh.formats)
    owners.paragraph_marks.update(fresh.paragraph_marks)
    for change in living:
        homes = {_home(piece) for piece in change.pieces} - {None}
        layout.homes[change.id] = homes
        for paragraph in homes:
            layout.residents.setdefault(paragraph, set()).add(change.id)
    if len(layout.order) != len(review.changes) or any(c.id not in layout.order for c in changes):
        layout.order = {}  # made again when a preview needs it (render._changes_homed_in), not on the key


def _find(review: ReviewDocument, change_id: str) -> Change | None:
    try:
        return review.change(change_id)
    except RedlinerError:
        return None


def _homed_in(change: Change, paragraphs: set) -> bool:
    return any(_home(piece) in paragraphs for piece in change.pieces)


# -- blocks for paragraphs made or removed --------------------------------------------------------------


def _add_block(rendered: RenderedDocument, review: ReviewDocument, cursor: QTextCursor, paragraph) -> bool:
    """A block for a paragraph an edit made, right after its previous sibling's block (False: it has none)."""
    layout = rendered._layout
    previous = paragraph.getprevious()
    if previous is None or previous not in layout.key_of:
        return False
    writer = DocumentWriter(cursor, Painter(rendered.colours), review.styles, layout.owners, layout)
    heading, right_to_left = writer.paragraph_properties(paragraph)
    block = layout.blocks[layout.key_of[previous]]
    cursor.setPosition(block.position() + block.length() - 1)
    cursor.insertBlock(writer.painter.block_format(heading, None, right_to_left, labelled=False),
                       writer.painter.plain)
    layout.paragraph_block(paragraph, cursor.block(), "", None, heading)  # the blocks after keep their keys
    return True


def _remove_block(rendered: RenderedDocument, cursor: QTextCursor, paragraph) -> None:
    layout = rendered._layout
    key = layout.key_of.get(paragraph)
    if key is None:
        return
    text_block = layout.blocks[key]
    layout.forget_paragraph(paragraph)
    cursor.setPosition(text_block.position() - 1)
    cursor.setPosition(text_block.position() + text_block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
