"""The document view's left margin: a bar beside every paragraph that holds a pending formatting, property or
paragraph-mark change, in its author's colour (as Word marks changed lines)."""

from __future__ import annotations

from PySide6.QtCore import QRectF
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

    def bars(self) -> list[tuple[QRectF, QColor]]:
        """(rectangle in this widget, colour) of every bar in view."""
        view, rendered, review = self.view, self.view.rendered, self.view.review
        if rendered is None or review is None:
            return []
        layout = rendered.document.documentLayout()
        offset = view.verticalScrollBar().value()
        found = []
        for change in review.changes:
            if change.kind not in BAR_KINDS or change.status is not Status.PENDING:
                continue
            colour = rendered.colours.get(change.author, DEFAULT)
            for number in rendered.blocks_of(change.id):
                rect = layout.blockBoundingRect(rendered.document.findBlockByNumber(number))
                top = rect.top() - offset
                if top + rect.height() >= 0 and top <= self.height():
                    found.append((QRectF(2, top, 3, rect.height()), colour))
        return found

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        for rect, colour in self.bars():
            painter.fillRect(rect, colour)
        painter.end()
