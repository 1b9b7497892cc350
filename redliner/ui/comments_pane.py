"""The Comments pane: a dock beside the document with every thread, like Word's comment balloons.

Each comment is a framed box (replies indented under their thread's first comment): the author in their
colour, the date, the text quoted from the document (first comment only) and the comment itself. Resolved
threads are greyed, and hidden unless "Show resolved" is ticked. Clicking a comment makes it the selected one
(`selected` is emitted: the window selects its text in the document).
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFrameFormat
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from redliner.core.comments.model import Comment, CommentSet
from redliner.core.wording import plural

from .change_model import full_date

QUOTE_LIMIT = 140
REPLY_INDENT = 18
FRAME_BORDER = "#C9CED6"
CURRENT_BACKGROUND = "#FFF3C4"
RESOLVED_TEXT = "#8A8F98"
EMPTY_TEXT = "No comments in this document."


def quote(text: str) -> str:
    plain = " ".join(text.split())
    return plain if len(plain) <= QUOTE_LIMIT else plain[: QUOTE_LIMIT - 1] + "…"


class CommentList(QTextEdit):
    """Read-only: one frame per comment; a click anywhere in a frame reports that comment."""

    clicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setObjectName("commentList")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.frames: dict[str, object] = {}  # comment id -> its QTextFrame

    def comment_at(self, point) -> str | None:
        frame = self.cursorForPosition(point).currentFrame()
        by_frame = {id(f): cid for cid, f in self.frames.items()}
        while frame is not None:
            if id(frame) in by_frame:
                return by_frame[id(frame)]
            frame = frame.parentFrame()
        return None

    def mousePressEvent(self, event) -> None:
        super().mousePressEvent(event)
        found = self.comment_at(event.position().toPoint())
        if found is not None:
            self.clicked.emit(found)

    def point_of(self, comment_id: str):
        """Where a comment's box is in the viewport (its first line), for tests and scrolling."""
        frame = self.frames[comment_id]
        cursor = QTextCursor(frame.firstCursorPosition())
        return self.cursorRect(cursor).center()


class CommentsPane(QDockWidget):
    selected = Signal(str)  # a comment was clicked

    def __init__(self, parent=None):
        super().__init__("Comments", parent)
        self.setObjectName("commentsPane")
        self.comments: CommentSet | None = None
        self.current: str | None = None
        self.colours: dict[str, QColor] = {}
        self.order: dict[str, tuple] = {}
        body = QWidget(self)
        self.show_resolved = QCheckBox("Show resolved", body)
        self.show_resolved.setChecked(True)
        self.show_resolved.toggled.connect(lambda _on: self.redraw())
        self.count = QLabel(body)
        self.count.setObjectName("commentCount")
        self.warning = QLabel(body)
        self.warning.setObjectName("commentWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8C4A00")
        self.warning.hide()
        self.buttons_by_name: dict[str, QToolButton] = {}
        self.buttons = QHBoxLayout()
        self.buttons.setContentsMargins(0, 0, 0, 0)
        self.list = CommentList(body)
        self.list.clicked.connect(self._clicked)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.count, 1)
        top.addWidget(self.show_resolved)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(self.buttons)
        layout.addWidget(self.warning)
        layout.addWidget(self.list, 1)
        self.setWidget(body)

    def add_button(self, name: str, text: str, action) -> QToolButton:
        """A short-named button for a menu action (the menu's names are too long for a narrow pane)."""
        button = QToolButton(self.widget())
        button.setObjectName(f"{name}Button")
        button.setText(text)
        button.setToolTip(action.toolTip())
        button.clicked.connect(action.trigger)
        action.changed.connect(lambda: button.setEnabled(action.isEnabled()))
        button.setEnabled(action.isEnabled())
        self.buttons.addWidget(button)
        self.buttons_by_name[name] = button
        return button

    def finish_buttons(self) -> None:
        self.buttons.addStretch(1)

    # -- what it shows ---------------------------------------------------------------------------

    def show_comments(self, comments: CommentSet | None, colours: dict[str, QColor], current: str | None,
                      order: dict[str, tuple] | None = None) -> None:
        """`order`: a sort key per thread (its first comment's id); file order without it."""
        self.comments, self.colours, self.order = comments, colours, order or {}
        self.current = current if comments is not None and comments.get(current or "") is not None else None
        self.redraw()

    def set_warnings(self, warnings: list[str]) -> None:
        self.warning.setVisible(bool(warnings))
        self.warning.setText("⚠ " + "\n⚠ ".join(warnings) if warnings else "")

    def shown_threads(self) -> list[list[Comment]]:
        if self.comments is None:
            return []
        threads = sorted(self.comments.threads(), key=lambda t: self.order.get(t[0].id, (2,)))
        return threads if self.show_resolved.isChecked() else [t for t in threads if not t[0].done]

    def redraw(self) -> None:
        bar = self.list.verticalScrollBar()
        position = bar.value()
        self.list.clear()
        self.list.frames = {}
        comments = self.comments
        threads = self.shown_threads()
        if comments is None:
            self.count.setText("No draft open")
            return
        resolved = sum(1 for t in comments.threads() if t[0].done)
        self.count.setText(f"{plural(len(comments), 'comment')}, {resolved} resolved" if resolved
                           else plural(len(comments), "comment"))
        cursor = self.list.textCursor()
        if not threads:
            cursor.insertText(EMPTY_TEXT if not len(comments) else "Every thread is resolved.")
        for thread in threads:
            for comment in thread:
                self._write(cursor, comment, reply=comment is not thread[0])
        bar.setValue(position)

    def _write(self, cursor: QTextCursor, comment: Comment, reply: bool) -> None:
        root = self.list.document().rootFrame()
        cursor.setPosition(root.lastPosition())
        frame_format = QTextFrameFormat()
        frame_format.setBorder(1)
        frame_format.setBorderBrush(QColor(FRAME_BORDER))
        frame_format.setPadding(4)
        frame_format.setMargin(3)
        frame_format.setLeftMargin(3 + (REPLY_INDENT if reply else 0))
        if comment.id == self.current:
            frame_format.setBackground(QColor(CURRENT_BACKGROUND))
        frame = cursor.insertFrame(frame_format)
        self.list.frames[comment.id] = frame
        done = comment.done
        colour = QColor(RESOLVED_TEXT) if done else self.colours.get(comment.author, QColor("#333333"))
        cursor.insertHtml(self._heading(comment, colour, reply))
        if not reply:
            cursor.insertBlock()
            cursor.insertHtml(self._quote(comment))
        for line in comment.paragraphs or [""]:
            cursor.insertBlock()
            plain = QTextCharFormat()
            if done:
                plain.setForeground(QColor(RESOLVED_TEXT))
            cursor.insertText(line, plain)

    @staticmethod
    def _heading(comment: Comment, colour: QColor, reply: bool) -> str:
        arrow = "↳ " if reply else ""
        date = full_date(comment.date)[:16] if comment.date else "no date"
        state = " · <i>resolved</i>" if comment.done and not reply else ""
        return (f"<span style='color: #777'>{arrow}</span><b style='color: {colour.name()}'>"
                f"{escape(comment.author)}</b> <span style='color: #777'>· {escape(date)}{state}</span>")

    @staticmethod
    def _quote(comment: Comment) -> str:
        anchor = comment.anchor
        if anchor is None:
            return "<span style='color: #8C4A00'><i>(no place in the text)</i></span>"
        where = "" if anchor.part == "body" else f"{escape(anchor.part)}: "
        if not anchor.text.strip():
            return f"<span style='color: #777'><i>{where}at a point in the text</i></span>"
        return f"<span style='color: #555'><i>{where}“{escape(quote(anchor.text))}”</i></span>"

    # -- choosing ----------------------------------------------------------------------------------

    def _clicked(self, comment_id: str) -> None:
        self.select(comment_id)
        self.selected.emit(comment_id)

    def select(self, comment_id: str | None) -> None:
        if comment_id == self.current:
            return
        self.current = comment_id
        self.redraw()
        frame = self.list.frames.get(comment_id)
        if frame is not None:
            self.list.setTextCursor(frame.firstCursorPosition())
            self.list.ensureCursorVisible()
