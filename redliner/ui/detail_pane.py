"""The detail pane under the change list: the current change in full (the list's Change column is cut off).

Inserted and deleted text whole, who and when, kind, section, status and conflicts, selectable for copying.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QSplitter, QTextBrowser

from redliner.core import Change, ChangeSource, UnknownChangeError

from .change_model import STATUS_COLOURS, full_date
from .document_view import SETTLE_MS

INSERTED_STYLE = "color: #1B5E20; text-decoration: underline"
DELETED_STYLE = "color: #B3261E; text-decoration: line-through"
EMPTY = "<p style='color: #777'>Select a change to see it in full.</p>"


def describe_html(change: Change) -> str:
    """The change as a small HTML page: a heading line, the texts, then the facts."""
    status_colour = STATUS_COLOURS.get(change.status, "#444")
    title = (f"<b>#{escape(change.id)} · {escape(change.kind.value.capitalize())}</b> "
             f"<span style='color: {status_colour}'>({escape(change.status.value)})</span>")
    parts = [f"<p style='margin-bottom: 4px'>{title}</p>"]
    if change.deleted:
        parts.append(_text_row("Deleted", change.deleted, DELETED_STYLE))
    if change.inserted:
        parts.append(_text_row("Inserted", change.inserted, INSERTED_STYLE))
    if not change.deleted and not change.inserted:
        parts.append(_text_row("Change", change.text, ""))
    if change.detail and change.detail not in change.text:
        parts.append(_fact("Marked by" if change.source == ChangeSource.MARKER else "Detail", change.detail))
    if change.conflicts_with:
        others = ", ".join(f"#{escape(i)}" for i in change.conflicts_with)
        parts.append(f"<p style='color: #C2410C'><b>Conflicts with {others}</b>: accepting this change "
                     f"rejects {others}.</p>")
    facts = [("Author", change.author or "—"), ("Date", full_date(change.date) if change.date else "—"),
             ("Section", change.location.heading or "—"), ("Kind", f"{change.kind.value} ({change.source.value})")]
    parts.append("<table cellspacing='0' cellpadding='1'>" + "".join(
        f"<tr><td style='color: #555; padding-right: 8px'>{name}</td><td>{escape(value)}</td></tr>"
        for name, value in facts) + "</table>")
    return "".join(parts)


def _text_row(label: str, text: str, style: str) -> str:
    body = escape(text).replace("\n", "<br>")
    return f"<p style='margin: 2px 0'><span style='color: #555'>{label}:</span> <span style='{style}'>{body}</span></p>"


def _fact(label: str, text: str) -> str:
    return f"<p style='margin: 2px 0'><span style='color: #555'>{label}:</span> {escape(text)}</p>"


class DetailPane(QTextBrowser):
    """Follows the list's current row and every step of the undo stack (a decision changes the status)."""

    def __init__(self, window):
        super().__init__(window)
        self.setObjectName("changeDetail")
        self.window_ = window
        self.change_id: str | None = None
        self.setOpenLinks(False)
        self.setMinimumHeight(60)
        self.setHtml(EMPTY)
        window.changes.current_changed.connect(self.show_change)
        window.changes.model.modelReset.connect(lambda: self.show_change(None))
        # After an undo step, the change shown may read differently: shown again when the reviewer pauses
        # (a keystroke in Edit mode is a step, and setting the pane's text costs 1-2 ms of it).
        self._again = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._again.timeout.connect(lambda: self.show_change(self.change_id))
        window.undo_stack.indexChanged.connect(lambda _index: self._again.start())

    @classmethod
    def install(cls, window) -> DetailPane:
        """Put the pane under the change list, in a splitter of its own, where the list was."""
        pane = cls(window)
        right = QSplitter(Qt.Orientation.Vertical, window)
        right.setChildrenCollapsible(False)
        index = window.splitter.indexOf(window.changes)
        stretch = window.changes.sizePolicy().horizontalStretch()  # QSplitter keeps it in the size policy
        window.splitter.replaceWidget(index, right)
        window.splitter.setStretchFactor(index, stretch)
        right.addWidget(window.changes)
        right.addWidget(pane)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 1)
        right.setSizes([600, 170])
        window.right_splitter = right
        return pane

    def show_change(self, change_id: str | None) -> None:
        review = self.window_.review
        try:
            change = review.change(change_id) if review is not None and change_id else None
        except UnknownChangeError:  # regrouped away (combined conflicts)
            change = None
        self.change_id = change.id if change else None
        comments = getattr(self.window_, "comment_actions", None)  # made after this pane
        threads = comments.threads_html(change.id) if change and comments is not None else ""
        self.setHtml(describe_html(change) + threads if change else EMPTY)
