"""The few questions the window asks: file names, unsaved decisions, restoring after a crash."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from redliner import __version__

from .actions import shortcut_table

DOCX_FILTER = "Word documents (*.docx)"
SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def show_error(parent, title: str, message: str) -> None:
    QMessageBox.critical(parent, title, message)


def choose_draft(parent, folder: str = "", title: str = "Open a Word draft") -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, DOCX_FILTER)
    return path


def choose_copies(parent, folder: str = "") -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, "Choose the reviewers' copies", folder, DOCX_FILTER)
    return paths


def proposed_name(original: Path, suffix: str) -> Path:
    """'draft.docx' -> 'draft (reviewed).docx' beside it: never the original itself."""
    return original.with_name(f"{original.stem} ({suffix}).docx")


def choose_output(parent, title: str, proposal: Path) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, str(proposal), DOCX_FILTER)
    if not path:
        return None
    path = Path(path)
    return path if path.suffix.lower() == ".docx" else path.with_name(path.name + ".docx")


def ask_unsaved(parent, name: str) -> str:
    """Save / Discard / Cancel before closing or opening another draft."""
    answer = QMessageBox.question(
        parent, "Unsaved decisions", f"Save your decisions on {name} before closing?",
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save)
    return {QMessageBox.StandardButton.Save: SAVE, QMessageBox.StandardButton.Discard: DISCARD}.get(answer, CANCEL)


def ask_unsaved_result(parent, kind: str, name: str) -> str:
    """Save / Discard / Cancel for a comparison or combination with no decisions yet: it is not saved at all."""
    answer = QMessageBox.question(
        parent, f"Unsaved {kind}", f"The {kind} is not saved yet. Save it as {name} before closing?",
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save)
    return {QMessageBox.StandardButton.Save: SAVE, QMessageBox.StandardButton.Discard: DISCARD}.get(answer, CANCEL)


def confirm(parent, title: str, question: str, yes: str) -> bool:
    """A yes-or-cancel question whose yes button says what it does ("Accept All")."""
    box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.Cancel, parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(yes_button)
    box.exec()
    return box.clickedButton() is yes_button


def wrap_question(pending: int, forward: bool) -> str:
    end, start = ("Last", "top") if forward else ("First", "end")
    return f"{end} change reached: {pending} still pending — continue from the {start}?"


def ask_wrap(parent, pending: int, forward: bool) -> bool:
    """At the end (or start) of the list with changes pending elsewhere: go round, as Word asks."""
    answer = QMessageBox.question(parent, "Review", wrap_question(pending, forward),
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


def ask_restore(parent, name: str, steps: str) -> bool:
    """After a crash: restore the autosaved steps (True) or discard them (False); `steps` says what they are
    ("3 decisions, 12 edits and 1 comment step")."""
    box = QMessageBox(QMessageBox.Icon.Question, "Restore review",
                      f"Redliner closed unexpectedly while you were reviewing {name}: restore your {steps}?",
                      QMessageBox.StandardButton.NoButton, parent)
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore


def ask_read_only(parent, name: str, holder: str) -> bool:
    """Someone else has the draft open: review it read-only (True) or cancel (False)."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Draft in use",
                      f"{holder}.\n\nYou can review {name} read-only: your decisions stay in this window and "
                      "Save Marked-up writes a copy under a new name, never over the original.",
                      QMessageBox.StandardButton.NoButton, parent)
    read_only = box.addButton("Review Read-only", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(read_only)
    box.exec()
    return box.clickedButton() is read_only


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts: the same table README lists."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        rows = shortcut_table()
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels(["Command", "Keys"])
        for row, (command, keys) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(command))
            self.table.setItem(row, 1, QTableWidgetItem(keys))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(460, 560)


def about(parent) -> None:
    QMessageBox.about(parent, "About Redliner", about_text())


def about_text() -> str:
    return (f"Redliner {__version__}\n\nReview every change in a Word draft — tracked changes and proposals "
            "marked in italics — then save a clean or a marked-up copy. Compare a draft with its base, or "
            "combine reviewers' copies.\n\nFree software under the MIT licence.")
