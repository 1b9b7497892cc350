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

from PySide6.QtCore import SIGNAL, QObject, QRectF, Qt
from PySide6.QtWidgets import QTextEdit

UNBOUNDED = float(2**31 - 1)  # Qt's "everything": QRectF(0, 0, INT_MAX, INT_MAX)


class NarrowRepaint(QObject):
    def __init__(self, view: QTextEdit):
        super().__init__(view)
        self.view = view
        self._change: tuple[int, int, float] | None = None  # (position, added, document height before)
        self._blocks = 0
        self._document = None

    def attach(self) -> None:
        """Take over the repaints of the view's (new) document's layout."""
        document = self.view.document()
        if document is self._document:
            return
        self._document = document
        layout = document.documentLayout()
        control = next(child for child in self.view.children()
                       if child.metaObject().className() == "QWidgetTextControl")
        QObject.disconnect(layout, SIGNAL("update(QRectF)"), control, None)
        layout.update.connect(self._updated)
        document.contentsChange.connect(self._changed)
        self._blocks = document.blockCount()
        self._change = None

    def _changed(self, position: int, _removed: int, added: int) -> None:
        """Qt tells of a change before it lays it out: the layout's size is still the old one."""
        if self.sender() is self._document:
            self._change = (position, added, self._document.documentLayout().documentSize().height())

    def _updated(self, rect: QRectF) -> None:
        if self.sender() is not self._document.documentLayout():
            return  # a layout the view has left
        change, self._change = self._change, None
        if change is not None:
            rect = rect.intersected(self._moved(*change)) if rect.isValid() else self._moved(*change)
        self._blocks = self._document.blockCount()
        self._repaint(rect)

    def _moved(self, position: int, added: int, height_before: float) -> QRectF:
        """What a change of the text at `position` may have moved, in document coordinates."""
        document = self._document
        layout = document.documentLayout()
        first = document.findBlock(position)
        top = layout.blockBoundingRect(first).top()
        kept = (document.blockCount() == self._blocks and document.findBlock(position + added) == first
                and layout.documentSize().height() == height_before)
        bottom = layout.blockBoundingRect(first).bottom() if kept else UNBOUNDED
        return QRectF(0, top, UNBOUNDED, bottom - top)

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
