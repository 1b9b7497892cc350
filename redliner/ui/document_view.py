"""The document pane: a read-only QTextEdit showing the rendered review, the current change highlighted."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QTextCursor
from PySide6.QtWidgets import QTextEdit

from redliner.core import ReviewDocument, Status, UnknownChangeError

from . import render
from .change_bars import WIDTH as BAR_WIDTH
from .change_bars import ChangeBars
from .narrow_repaint import NarrowRepaint
from .render import RenderedDocument, ViewMode
from .renumbering import Renumbering

# Shown over a decided change until its paragraph is rewritten (see DocumentView.refresh).
DECIDED_TINT = {Status.ACCEPTED: QColor("#D8F0D8"), Status.REJECTED: QColor("#F6D5D5"),
                Status.SKIPPED: QColor("#E4E4E4"), Status.NOT_A_PROPOSAL: QColor("#E6E1F5"),
                Status.PENDING: QColor("#FFF6D0")}
SETTLE_MS = 120  # a pause this long in a run of decisions lets the text catch up
_ARROWS = frozenset((Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right))


class DocumentView(QTextEdit):
    """Shows one ReviewDocument in one ViewMode; reports the change under the text cursor.

    Rewriting a paragraph makes Qt lay out every block after it again (about 30 ms at 500 pages), so a
    decision is shown at once as a tint over the change, and the paragraphs of all decisions made in a
    quick run are rewritten together when the reviewer pauses.
    """

    change_under_cursor = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        # Selectable by keyboard too: arrow keys move a cursor that selects the change it lands on.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.rendered: RenderedDocument | None = None
        self.review: ReviewDocument | None = None
        self.mode = ViewMode.MARKUP
        self.colours: dict[str, QColor] = {}
        self.current: str | None = None
        self._moving = False  # True while the window moves the cursor, so no echo is reported
        self.cursorPositionChanged.connect(self._cursor_moved)
        self.unsettled: list[str] = []  # decided (or undone) changes whose paragraphs still show the old text
        self._settle_timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle_timer.timeout.connect(self.settle)
        self._show_when_settled: str | None = None  # see show_change
        self.labels_stale = False  # an edit added or removed paragraphs: list items renumbered at the pause
        self.shading_stale = False  # an edit moved text: the current change shaded again at the pause
        self.renumbering = Renumbering(self)
        self.change_bars = ChangeBars(self)
        self.narrow_repaint = NarrowRepaint(self)
        self.setViewportMargins(BAR_WIDTH, 0, 0, 0)
        self.verticalScrollBar().valueChanged.connect(self.change_bars.update)
        self.edit_keys = None  # the window's EditController: in Edit mode, keys that change text go there

    def event(self, event) -> bool:
        # The platform's text keys (on X11 Ctrl+E is End of Line, Ctrl+P Previous Line...) must not take a key
        # the window's commands have: the text edit would accept the shortcut and the command never run.
        if event.type() == QEvent.Type.ShortcutOverride and self._window_shortcut(event):
            event.ignore()
            return True
        return super().event(event)

    def _window_shortcut(self, event) -> bool:
        window = self.window()
        actions = getattr(window, "action_set", None)
        if actions is None or event.modifiers() == Qt.KeyboardModifier.NoModifier:
            return False  # plain keys: letters type in Edit mode, arrows move (single-letter commands are handled)
        pressed = QKeySequence(event.keyCombination())
        return any(pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch
                   for action in actions.by_name.values() if action.isEnabled() for key in action.shortcuts())

    def keyPressEvent(self, event) -> None:
        if self.edit_keys is not None and self.edit_keys.key(event):
            event.accept()
            return
        super().keyPressEvent(event)
        if event.key() in _ARROWS and self._on_filler():
            super().keyPressEvent(event)  # past the empty block between two chunk frames, as if it were not there

    def _on_filler(self) -> bool:
        """The cursor is on an empty block Qt keeps between the body's frames (docwriter.write_body)."""
        block = self.textCursor().block()
        if self.rendered is None or block.length() != 1 or self.rendered._layout.key_at(block) is not None:
            return False
        return self.textCursor().currentFrame() is self.document().rootFrame()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        area = self.contentsRect()
        self.change_bars.setGeometry(area.left(), area.top(), BAR_WIDTH, area.height())

    def show_review(self, review: ReviewDocument | None, mode: ViewMode | None = None,
                    colours: dict[str, QColor] | None = None) -> None:
        same = review is self.review  # shown again (new colours): the reader stays where they were
        self.review = review
        self.mode = mode or self.mode
        self.colours = colours if colours is not None else self.colours
        self._render(keep_scroll=same)

    def set_mode(self, mode: ViewMode) -> None:
        if mode != self.mode:
            self.mode = mode
            self._render(keep_scroll=False)

    def refresh(self, change_ids: list[str]) -> None:
        """Changes were decided or undone: tint them now, rewrite their paragraphs when the reviewer pauses."""
        if self.review is None or self.rendered is None:
            return
        self.unsettled.extend(i for i in change_ids if i not in self.unsettled)
        self._highlight()
        self.change_bars.refresh_for(self.review, change_ids)
        self._settle_timer.start()

    def shade_later(self) -> None:
        """An edit rewrote text: the current change is shaded again when the typist pauses. (Shading it on the
        key made Qt repaint the selection too, 2-3 ms of a keystroke's 16 at 500 pages; Word shades nothing
        while one types.)"""
        self.shading_stale = True
        self._settle_timer.start()

    def renumber_later(self) -> None:
        """Paragraphs came or went (Enter, a join, their undo): number the list items again at the next pause."""
        self.labels_stale = True
        self._settle_timer.start()

    def settle(self) -> None:
        """Rewrite the paragraphs of every unsettled change, keeping the reader where they were."""
        self._settle_timer.stop()
        if self.labels_stale and self.review is not None and self.rendered is not None:
            self.labels_stale = False
            self.renumbering.start()
        if self.shading_stale:
            self.shading_stale = False
            self._highlight()
        change_ids, self.unsettled = self.unsettled, []
        if not change_ids or self.review is None or self.rendered is None:
            return
        # In place inside the same QTextDocument (or, for structural changes, the whole text).
        self.rewrite_in_place(lambda: render.refresh_paragraphs(self.rendered, self.review, change_ids))
        self._highlight()
        self.change_bars.refresh_for(self.review, change_ids)
        if self._show_when_settled is not None and self._show_when_settled == self.current:
            self.show_change(self.current)  # it shows text only now (an undone acceptance): go there

    def rewrite_in_place(self, rewrite) -> None:
        """Run a rewrite of blocks with the reader kept where they were. Removing a paragraph's text drags the
        text cursor to the paragraph's end, onto another change: that move is no reader's, so it is not
        reported and the cursor is put back; so is the scroll position."""
        bar = self.verticalScrollBar()
        position = bar.value()
        place = self._cursor_place()
        self._moving = True
        try:
            rewrite()
            self._put_cursor(place)
        finally:
            self._moving = False
        bar.setValue(position)
    def refresh_comments(self) -> None:
        """A comment was added, changed or removed: its paragraphs are written again (render.refresh_commented),
        the reader kept where they were."""
        if self.review is None or self.rendered is None:
            return
        self.rewrite_in_place(lambda: render.refresh_commented(self.rendered, self.review))
        self._highlight()
        self.change_bars.update()

    def select_text(self, start: int, end: int) -> None:
        """Select a stretch of the text (a comment's) and scroll it into view; the change there becomes current."""
        last = self.document().characterCount() - 1
        cursor = QTextCursor(self.document())
        cursor.setPosition(max(0, min(end, last)))
        cursor.setPosition(max(0, min(start, last)), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._scroll_to(cursor)

    def _cursor_place(self) -> tuple[int, int, int | None]:
        """Where the text cursor is: block, offset in the block's text after its list label, and its offset
        in the current change if on it."""
        cursor = self.textCursor()
        span = self.rendered.spans.get(self.current) if self.current else None
        inside = cursor.position() - span[0] if span and span[0] <= cursor.position() <= span[1] else None
        offset = cursor.positionInBlock() - self._label_width(cursor.block())
        return cursor.blockNumber(), offset, inside

    def _put_cursor(self, place: tuple[int, int, int | None]) -> None:
        """The text cursor back on the same change (or at the same place in its block's text, after the label
        the block may have got meanwhile) after a rewrite."""
        number, offset, inside = place
        span = self.rendered.spans.get(self.current) if self.current else None
        last = self.document().characterCount() - 1
        if inside is not None and span is not None:
            position = span[0] + min(inside, span[1] - span[0])
        else:
            block = self.document().findBlockByNumber(number)
            offset = max(0, offset + self._label_width(block))
            position = block.position() + min(offset, block.length() - 1) if block.isValid() else last
        cursor = self.textCursor()
        cursor.setPosition(max(0, min(position, last)))
        self.setTextCursor(cursor)

    def _label_width(self, block) -> int:
        """Characters a list label takes at the start of a block ("2." and a tab), 0 for none."""
        entry = self.rendered._layout.paragraphs.get(self.rendered._layout.key_at(block))
        return len(entry[1]) + 1 if entry and entry[1].strip() else 0

    def _render(self, keep_scroll: bool = True) -> None:
        self._settle_timer.stop()
        self.unsettled = []  # a full render shows every decision
        self.labels_stale = False
        self.renumbering.stop()
        if self.review is None:
            self.rendered = None
            self.clear()
            return
        position = self.verticalScrollBar().value()
        rendered = render.render(self.review, self.mode, self.colours)
        self._moving = True
        try:
            self.setDocument(rendered.document)
        finally:
            self._moving = False
        self.narrow_repaint.attach()
        self.rendered = rendered  # keeps the QTextDocument alive: the editor does not own it
        self._highlight()
        self.change_bars.update()
        if keep_scroll:
            self.verticalScrollBar().setValue(position)
        elif self.current:
            self.show_change(self.current)
        else:
            self.verticalScrollBar().setValue(0)  # another document: from its top

    def show_change(self, change_id: str | None) -> None:
        """Highlight a change and scroll it into the upper third of the view."""

        self.current = change_id
        self._highlight()
        span = self.rendered.spans.get(change_id) if self.rendered and change_id else None
        # Without text until its paragraph is rewritten (an undone acceptance): shown again then.
        self._show_when_settled = change_id if span is None and change_id in self.unsettled else None
        place = self.rendered.place_of(change_id) if self.rendered and change_id else None
        if place is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(place, self.document().characterCount() - 1))
        self._moving = True
        try:
            self.setTextCursor(cursor)
        finally:
            self._moving = False
        self._scroll_to(cursor)

    def mark_current(self, change_id: str | None) -> None:
        """Highlight a change without moving the cursor or the scroll position."""
        self.current = change_id
        self._highlight()

    def _scroll_to(self, cursor: QTextCursor) -> None:
        """Scroll only when the change is not comfortably in view: the page stays still while the reader
        works through changes on it (and an unmoved page repaints only what changed)."""
        rect = self.cursorRect(cursor)
        height = self.viewport().height()
        margin = min(48, height // 6)
        if margin <= rect.top() and rect.bottom() <= height - margin:
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - height // 3)

    def _highlight(self) -> None:
        if self.rendered is None:
            self.setExtraSelections([])
            return
        selections = []
        for change_id in self.unsettled:
            selections.extend(render.highlight(self.rendered, change_id, self._tint(change_id)))
        if self.current and self.current in self.rendered.spans:
            selections.extend(render.highlight(self.rendered, self.current))
        self.setExtraSelections(selections)

    def _tint(self, change_id: str) -> QColor:
        try:
            return DECIDED_TINT[self.review.change(change_id).status]
        except UnknownChangeError:  # regrouped away since (combined conflicts)
            return DECIDED_TINT[Status.PENDING]

    def _cursor_moved(self) -> None:
        if self._moving or self.rendered is None:
            return
        change_id = self.rendered.change_at(self.textCursor().position())
        if change_id is not None and change_id != self.current:
            self.change_under_cursor.emit(change_id)
