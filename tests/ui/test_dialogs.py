"""The questions of recovery and locks, and Help → About, with QMessageBox.exec answered by a chosen button."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from redliner import __version__
from redliner.ui import dialogs


def clicking(monkeypatch, label: str) -> list:
    """QMessageBox.exec clicks the button labelled `label`; returns the texts shown."""
    shown = []

    def exec_(box):
        shown.append(box.text())
        button = next(b for b in box.buttons() if b.text().replace("&", "") == label)
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


@pytest.mark.parametrize(("label", "restore"), [("Restore", True), ("Discard", False)])
def test_restore_question(qtbot, monkeypatch, label, restore):
    shown = clicking(monkeypatch, label)
    assert dialogs.ask_restore(None, "sop-draft.docx", "7 decisions and 2 edits") is restore
    assert shown == ["Redliner closed unexpectedly while you were reviewing sop-draft.docx: "
                     "restore your 7 decisions and 2 edits?"]


@pytest.mark.parametrize(("label", "read_only"), [("Review Read-only", True), ("Cancel", False)])
def test_read_only_question_names_the_holder(qtbot, monkeypatch, label, read_only):
    shown = clicking(monkeypatch, label)
    assert dialogs.ask_read_only(None, "sop-draft.docx", "Kim Lee has it open in Word") is read_only
    assert shown[0].startswith("Kim Lee has it open in Word.") and "never over the original" in shown[0]


def test_help_about_names_version_and_licence(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append((title, text)))
    window.action_set.about.trigger()
    assert shown[0][0] == "About Redliner"
    assert f"Redliner {__version__}" in shown[0][1] and "MIT licence" in shown[0][1]
