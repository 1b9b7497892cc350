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
        self._changes: list = []
        self._on_screen: tuple | None = None  # (view key, first block, last block) when last asked
        self._by_block: tuple | None = None  # (render key, {block key -> bar colours}) until a change or render

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
            for colour in by_block.get(block.fragmentIndex(), ()):
                rect = layout.blockBoundingRect(block)
                found.append((QRectF(2, rect.top() - offset, 3, rect.height()), colour))
        return found

    def _bars_by_block(self, rendered, review) -> dict:
        """The bars' colours per block key (spans.BlockIndex), found once and kept until changes are decided,
        edited or drawn anew: a paint (every keystroke in Edit mode) then looks up only the blocks on screen.
        Block keys stay when blocks are added or taken out, so Enter alone does not make it stale."""
        render_key = (id(rendered.document), id(rendered._layout))
        if self._by_block is None or self._by_block[0] != render_key:
            by_block: dict = {}
            for change in self._candidates(review):
                if change.status is Status.PENDING:
                    colour = rendered.colours.get(change.author, DEFAULT)
                    for block_key in rendered._layout.keys_of_change.get(change.id, ()):
                        by_block.setdefault(block_key, []).append(colour)
            self._by_block = (render_key, by_block)
        return self._by_block[1]

    def _blocks_on_screen(self) -> tuple[int, int]:
        """First and last block numbers in view, found again only when the view scrolled, resized or was
        rendered anew: asking Qt right after a paragraph was rewritten makes it lay out the text on the spot,
        work it would otherwise do in the background while the reviewer reads (10-15 ms at 500 pages)."""
        view = self.view
        height = view.viewport().height()
        key = (id(view.rendered.document), view.verticalScrollBar().value(), height,
               view.rendered.document.blockCount())
        if self._on_screen is None or self._on_screen[0] != key:
            first = view.cursorForPosition(QPoint(0, 0)).block().blockNumber()
            last = view.cursorForPosition(QPoint(0, height)).block().blockNumber()
            self._on_screen = (key, first, last)
        return self._on_screen[1], self._on_screen[2]

    def refresh_for(self, review, change_ids) -> None:
        """Repaint when a decided (or undone) change is one that has bars; most are not."""
        ids = {c.id for c in self._candidates(review)}
        if any(change_id in ids for change_id in change_ids):
            self._by_block = None
            self.update()

    def edited(self, changes) -> None:
        """An edit added or rewrote changes: those that get bars are found again, and the bars repainted (the
        edited paragraph may have grown a line, moving those below)."""
        if any(change.kind in BAR_KINDS for change in changes):
            self._review = None
            self._by_block = None
        self.update()

    def _candidates(self, review) -> list:
        """The review's changes that get bars (found once per review)."""
        if self._review is not review:
            self._review = review
            self._changes = [c for c in review.changes if c.kind in BAR_KINDS]
        return self._changes

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        for rect, colour in self.bars():
            painter.fillRect(rect, colour)
        painter.end()
