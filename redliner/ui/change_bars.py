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

    def bars(self) -> list[tuple[QRectF, QColor]]:
        """(rectangle in this widget, colour) of every bar in view. Only blocks on screen are measured: asking
        Qt for the geometry of a block further down would lay out the whole document up to it."""
        view, rendered, review = self.view, self.view.rendered, self.view.review
        if rendered is None or review is None:
            return []
        first = view.cursorForPosition(QPoint(0, 0)).block().blockNumber()
        last = view.cursorForPosition(QPoint(0, view.viewport().height())).block().blockNumber()
        layout = rendered.document.documentLayout()
        offset = view.verticalScrollBar().value()
        found = []
        for change in self._candidates(review):
            if change.status is not Status.PENDING:
                continue
            for number in rendered.blocks_of(change.id):
                if first <= number <= last:
                    rect = layout.blockBoundingRect(rendered.document.findBlockByNumber(number))
                    colour = rendered.colours.get(change.author, DEFAULT)
                    found.append((QRectF(2, rect.top() - offset, 3, rect.height()), colour))
        return found

    def refresh_for(self, review, change_ids) -> None:
        """Repaint when a decided (or undone) change is one that has bars; most are not."""
        ids = {c.id for c in self._candidates(review)}
        if any(change_id in ids for change_id in change_ids):
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
