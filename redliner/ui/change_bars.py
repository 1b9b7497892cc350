"""The document view's left margin: a bar beside every paragraph that holds a pending formatting, property or
paragraph-mark change, in its author's colour (as Word marks changed lines)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

from redliner.core import ChangeKind, Status

BAR_KINDS = frozenset({ChangeKind.FORMAT, ChangeKind.PROPERTY, ChangeKind.PARAGRAPH_MARK})
WIDTH = 10
DEFAULT = QColor("#7a7a7a")


class ChangeBars(QWidget):
    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self._review = None
        self._changes: dict = {}  # change id -> change, of the review's changes that get bars
        self._on_screen: tuple | None = None  # (view key, first block, blocks after it, block count) when asked
        self._by_block: tuple | None = None  # (render key, {block key -> [(change id, colour)]}) until a render
        self._blocks_of_bar: dict = {}  # change id -> block keys it has bars in, in _by_block

    def bars(self) -> list[tuple[QRectF, QColor]]:
        """(rectangle in this widget, colour) of every bar in view. Only blocks on screen are measured: asking
        Qt for the geometry of a block further down would lay out the whole document up to it."""
        view, rendered, review = self.view, self.view.rendered, self.view.review
        if rendered is None or review is None:
            return []
        by_block = self._bars_by_block(rendered, review)
        if not by_block:
            return []  # most drafts (marker proposals, plain insertions): no need to find what is on screen
        first, last = self._blocks_on_screen()
        layout = rendered.document.documentLayout()
        offset = view.verticalScrollBar().value()
        found = []
        for number in range(first, last + 1):
            block = rendered.document.findBlockByNumber(number)
            for _, colour in by_block.get(block.fragmentIndex(), ()):
                rect = layout.blockBoundingRect(block)
                found.append((QRectF(2, rect.top() - offset, 3, rect.height()), colour))
        return found

    def _bars_by_block(self, rendered, review) -> dict:
        """The bars' colours per block key (spans.BlockIndex), found once and kept until changes are decided,
        edited or drawn anew: a paint (every keystroke in Edit mode) then looks up only the blocks on screen.
        Block keys stay when blocks are added or taken out, so Enter alone does not make it stale."""
        render_key = (id(rendered.document), id(rendered._layout))
        if self._by_block is None or self._by_block[0] != render_key:
            self._by_block, self._blocks_of_bar = (render_key, {}), {}
            for change in self._candidates(review):
                self._add_bars(rendered, change)
        return self._by_block[1]

    def _add_bars(self, rendered, change) -> None:
        if change.kind not in BAR_KINDS or change.status is not Status.PENDING:
            return
        colour = rendered.colours.get(change.author, DEFAULT)
        keys = self._blocks_of_bar[change.id] = set(rendered._layout.keys_of_change.get(change.id, ()))
        for block_key in keys:
            self._by_block[1].setdefault(block_key, []).append((change.id, colour))

    def _drop_bars(self, change_id: str) -> None:
        by_block = self._by_block[1]
        for block_key in self._blocks_of_bar.pop(change_id, ()):
            left = [entry for entry in by_block.get(block_key, ()) if entry[0] != change_id]
            if left:
                by_block[block_key] = left
            else:
                by_block.pop(block_key, None)

    def _blocks_on_screen(self) -> tuple[int, int]:
        """First and last block numbers in view, found again only when the view scrolled, resized or was
        rendered anew: asking Qt right after a paragraph was rewritten makes it lay out the text on the spot,
        work it would otherwise do in the background while the reader reads (10-15 ms at 500 pages). After
        Enter (blocks added) the range is the first block's, grown by the blocks added; after blocks were taken
        out (a join, undoing Enter) it is kept as long, as the text below moves up into view: no need to ask.
        (Two asks cost about 2 ms a keystroke at 500 pages.)"""
        view = self.view
        document = view.rendered.document
        height = view.viewport().height()
        key = (id(document), view.verticalScrollBar().value(), height)
        count = document.blockCount()
        kept = self._on_screen
        if kept is None or kept[0] != key or not kept[1].isValid():
            first = view.cursorForPosition(QPoint(0, 0)).block()
            last = view.cursorForPosition(QPoint(0, height)).block().blockNumber()
            kept = self._on_screen = (key, first, last - first.blockNumber(), count)
        _, first, span, counted = kept
        start = first.blockNumber()
        return start, start + span + max(0, count - counted)

    def refresh_for(self, review, change_ids) -> None:
        """Repaint when a decided (or undone) change is one that has bars; most are not."""
        self._candidates(review)
        if any(change_id in self._changes for change_id in change_ids):
            self._by_block = None
            self.update()

    def edited(self, changes, removed=(), blocks=()) -> None:
        """An edit added or rewrote `changes`, took out `removed` and wrote `blocks` (keys) again: the bars
        of those changes and of the changes shown in those blocks found again, the others kept (their blocks
        keep their keys), and the bars repainted (the edited paragraph may have grown a line, moving those
        below)."""
        rendered = self.view.rendered
        current = self._by_block is not None and rendered is not None and self._by_block[0] == (
            id(rendered.document), id(rendered._layout))
        if current:
            shown = {cid for key in blocks for _, _, cid in rendered._layout.ranges.get(key, ())}
            changes = [*changes, *(self._changes[cid] for cid in shown if cid in self._changes)]
        changes = list({change.id: change for change in changes}.values())
        for change in [*changes, *removed]:
            self._changes.pop(change.id, None)
            if current:
                self._drop_bars(change.id)
        for change in changes:
            if change.kind in BAR_KINDS:
                self._changes[change.id] = change
                if current:
                    self._add_bars(rendered, change)
        self.update()

    def _candidates(self, review) -> list:
        """The review's changes that get bars (found once per review, then kept up to date by `edited`)."""
        if self._review is not review:
            self._review = review
            self._changes = {c.id: c for c in review.changes if c.kind in BAR_KINDS}
        return list(self._changes.values())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        for rect, colour in self.bars():
            painter.fillRect(rect, colour)
        painter.end()
