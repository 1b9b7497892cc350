"""The app's status messages count in the right number: "1 change", "Restored 1 decision", "1 copy"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from redliner.ui import dialogs
from tests.docx_factory import ins, make_docx, p, r

from .conftest import open_and_wait


def message(window) -> str:
    return window.statusBar().currentMessage()


def test_opening_a_draft_with_one_change(qtbot, window, tmp_path):
    draft = make_docx(tmp_path, p(r("Scope "), ins(r("of work"))), "one.docx")
    open_and_wait(qtbot, window, draft)
    assert message(window) == "Opened one.docx: 1 change"


def test_restoring_one_decision(qtbot, window, tmp_path, monkeypatch):
    draft = make_docx(tmp_path, p(r("Scope "), ins(r("of work"))), "one.docx")
    open_and_wait(qtbot, window, draft)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_A)  # accept the first change: one decision autosaved
    window.recovery.flush()
    window.recovery.state = None  # as after a crash: the autosave stays, the session is gone
    window.undo_stack.clear()
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, name, n: True)
    open_and_wait(qtbot, window, draft)
    assert message(window) == "Restored 1 decision on one.docx"


def test_comparing_and_combining_one_copy(qtbot, window, tmp_path, monkeypatch):
    base = make_docx(tmp_path, p(r("Officers train four hours.")), "base.docx")
    copy = make_docx(tmp_path, p(r("Officers train six hours.")), "copy.docx", modified_by="Alex Rivera")
    open_and_wait(qtbot, window, copy)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda parent, title, folder, filter_: (str(base), ""))
    window.action_set.compare.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    assert message(window) == "Compared copy.docx with base.docx: 1 difference"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda parent, title, folder, filter_: ([str(copy)], ""))
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, name: dialogs.DISCARD)
    window.action_set.combine.trigger()
    assert message(window) == "Combining 1 copy of base.docx…"
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    assert message(window) == "Combined 1 copy of base.docx: 1 change"
