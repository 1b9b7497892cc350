"""The clean-copy question: what happens to undecided changes, and whether comments and the decision log stay.

A clean copy is the text to publish: comments and the log are left out unless the reviewer ticks them. Each
box is offered only when there is something to keep.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from redliner.core import Decision
from redliner.core.wording import plural


@dataclass(frozen=True)
class CleanCopyChoice:
    undecided: Decision  # what happens to the changes not decided yet
    keep_comments: bool
    keep_log: bool


class CleanCopyDialog(QDialog):
    """Accept undecided / Reject undecided / Cancel when changes are undecided, else Save / Cancel; above the
    buttons, "Keep comments" and "Keep the decision log" when the document has them."""

    def __init__(self, parent, undecided: int, comments: int, log_entries: int,
                 keep_comments: bool = False, keep_log: bool = False):
        super().__init__(parent)
        self.setWindowTitle("Save clean copy")
        self.choice: CleanCopyChoice | None = None
        layout = QVBoxLayout(self)
        if undecided:
            layout.addWidget(QLabel(f"{undecided} change{'s are' if undecided != 1 else ' is'} not decided yet. "
                                    "A clean copy has no tracked changes left: what should happen to them?"))
        else:
            layout.addWidget(QLabel("Every change is decided: the clean copy holds the text as decided."))
        self.keep_comments = self._box(layout, f"Keep the {plural(comments, 'comment')}", comments, keep_comments)
        self.keep_log = self._box(layout, f"Keep the decision log ({plural(log_entries, 'entry', 'entries')})",
                                  log_entries, keep_log)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        if undecided:
            self.accept_button = buttons.addButton("Accept undecided", QDialogButtonBox.ButtonRole.AcceptRole)
            self.reject_button = buttons.addButton("Reject undecided", QDialogButtonBox.ButtonRole.AcceptRole)
            self.reject_button.clicked.connect(lambda: self._choose(Decision.REJECT))
        else:
            self.accept_button = buttons.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
            self.reject_button = None
        self.accept_button.clicked.connect(lambda: self._choose(Decision.ACCEPT))
        self.accept_button.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def _box(layout, label: str, count: int, checked: bool) -> QCheckBox | None:
        """A box only when there is something to keep."""
        if not count:
            return None
        box = QCheckBox(label)
        box.setChecked(checked)
        layout.addWidget(box)
        return box

    def _choose(self, undecided: Decision) -> None:
        self.choice = CleanCopyChoice(undecided, bool(self.keep_comments and self.keep_comments.isChecked()),
                                      bool(self.keep_log and self.keep_log.isChecked()))
        self.accept()


def ask_clean_copy(parent, undecided: int, comments: int, log_entries: int, keep_comments: bool = False,
                   keep_log: bool = False) -> CleanCopyChoice | None:
    """The reviewer's choice, or None for Cancel. Nothing to ask (every change decided, no comments, no log):
    accept, keep nothing."""
    if not (undecided or comments or log_entries):
        return CleanCopyChoice(Decision.ACCEPT, False, False)
    dialog = CleanCopyDialog(parent, undecided, comments, log_entries, keep_comments, keep_log)
    dialog.exec()
    return dialog.choice
