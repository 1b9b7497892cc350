"""Repaint only the part of the view that a change of its text moved.

After every change of the document Qt's text layout asks its editor to repaint the whole viewport: its update
rect comes out unbounded for a change inside a frame, and every paragraph of ours is inside one (the view's chunk
frames). At 500 pages that repaint is most of a keystroke in Edit mode (7-10 ms of 12-17). Yet the text above a
change does not move, and when the changed paragraph keeps its height nothing below it moves either. So the
view takes the layout's update signal away from the editor's text control and repaints, for an update that
follows a change of the text: the changed block alone when the document kept its height and its number of
blocks, else everything from the changed block down. Any other update (layout in steps, a new width) is
repainted as Qt asked.

    narrow = NarrowRepaint(view)
    narrow.attach()            # after each view.setDocument(...)
"""

from __future__ import annotations

from PySide6.QtCore import SIGNAL, QObject, QRect, QRectF, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTextEdit

UNBOUNDED = float(2**31 - 1)  # Qt's "everything": QRectF(0, 0, INT_MAX, INT_MAX)
TEXT_CONTROL = "QWidgetTextControl"  # the private object through which a QTextEdit shows its document


class NarrowRepaint(QObject):
    def __init__(self, view: QTextEdit):
        super().__init__(view)
        self.view = view
        self._change: tuple[int, int, float] | None = None  # (position, added, document height before)
        self._blocks = 0
        self._document = None
        self.active = False  # the layout's repaints go through here (see attach)

    def attach(self) -> None:
        """Take over the repaints of the view's (new) document's layout. Where Qt is not wired as expected (a
        private class renamed, the signal connected another way), Qt's own repaints stay: slower, never wrong."""
        document = self.view.document()
        if document is self._document:
            return
        self._document, self._change = document, None
        layout = document.documentLayout()
        control = next((child for child in self.view.children()
                        if child.metaObject().className() == TEXT_CONTROL), None)
        self.active = control is not None and QObject.disconnect(layout, SIGNAL("update(QRectF)"), control, None)
        if not self.active:
            return
        layout.update.connect(self._updated)
        document.contentsChange.connect(self._changed)
        self._blocks = document.blockCount()

    def _changed(self, position: int, _removed: int, added: int) -> None:
        """Qt tells of a change before it lays it out: the layout's size is still the old one."""
        if self.active and self.sender() is self._document:
            self._change = (position, added, self._document.documentLayout().documentSize().height())

    def _updated(self, rect: QRectF) -> None:
        if not self.active or self.sender() is not self._document.documentLayout():
            return  # a layout the view has left
        change, self._change = self._change, None
        if change is not None:
            area, shift = self._changed_area(*change)
            if shift:
                self._shift_below(area.bottom(), shift)
            rect = rect.intersected(area) if rect.isValid() else area
        self._blocks = self._document.blockCount()
        self._repaint(rect)

    def _changed_area(self, position: int, added: int, height_before: float) -> tuple[QRectF, float | None]:
        """The blocks a change of the text rewrote, in document coordinates, and how far it moved everything
        below them (None: maybe not all alike, so the area runs to the bottom)."""
        document = self._document
        layout = document.documentLayout()
        first, last = document.findBlock(position), document.findBlock(position + added)
        top = layout.blockBoundingRect(first).top()
        shift = layout.documentSize().height() - height_before
        if shift == 0 and document.blockCount() == self._blocks and last == first:
            return QRectF(0, top, UNBOUNDED, layout.blockBoundingRect(first).bottom() - top), 0.0
        if shift != round(shift) or _in_table(first) or _in_table(last):
            # A fraction of a pixel cannot be moved exactly; a row that grew moves its other cells' borders.
            return QRectF(0, top, UNBOUNDED, UNBOUNDED), None
        return QRectF(0, top, UNBOUNDED, layout.blockBoundingRect(last).bottom() - top), shift

    def _shift_below(self, bottom: float, shift: float) -> None:
        """Move the pixels of the text below `bottom` (document coordinates, after the change) by `shift`, as
        the text has moved, instead of painting it again; Qt paints the strip a move uncovers."""
        viewport = self.view.viewport()
        top = round(min(bottom, bottom - shift)) - self.view.verticalScrollBar().value()
        if top >= viewport.height():
            return
        top = max(0, top)
        viewport.scroll(0, round(shift), QRect(0, top, viewport.width(), viewport.height() - top))

    def _repaint(self, rect: QRectF) -> None:
        """What QTextEdit does with its layout's update (QTextEditPrivate::_q_repaintContents)."""
        viewport = self.view.viewport()
        if not rect.isValid():
            viewport.update()
            return
        bar = self.view.horizontalScrollBar()
        x = bar.maximum() - bar.value() if self.view.layoutDirection() == Qt.LayoutDirection.RightToLeft \
            else bar.value()
        y = self.view.verticalScrollBar().value()
        visible = QRectF(x, y, viewport.width(), viewport.height())
        area = rect.intersected(visible).toAlignedRect()
        if not area.isEmpty():
            viewport.update(area.translated(-x, -y))


def _in_table(block) -> bool:
    return QTextCursor(block).currentTable() is not None
