"""The small dialog a comment's text is typed in (new comment, reply, edit): tests patch `ask_comment_text`."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout


class CommentDialog(QDialog):
    def __init__(self, parent, title: str, prompt: str, text: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("commentText")
        self.editor.setPlainText(text)
        self.editor.setTabChangesFocus(True)  # Tab goes to OK: a comment holds no tabs
        self.editor.setMinimumSize(360, 110)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(bool(text.strip()))
        self.editor.textChanged.connect(lambda: self.ok.setEnabled(bool(self.text().strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt, self))
        layout.addWidget(self.editor)
        layout.addWidget(buttons)

    def text(self) -> str:
        return self.editor.toPlainText()


def ask_comment_text(parent, title: str, prompt: str, text: str = "") -> str | None:
    """The text typed (stripped of blank lines around it), or None when cancelled or left empty."""
    dialog = CommentDialog(parent, title, prompt, text)
    if not dialog.exec():
        return None
    typed = dialog.text().strip("\n").rstrip()
    return typed if typed.strip() else None
