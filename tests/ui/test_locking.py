"""Locks: a draft held by Word or LibreOffice is reviewed read-only; Redliner's own lock lives while it shows it."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from redliner.core import ReviewDocument
from redliner.core.session.locks import libreoffice_lock_file, lock_holders, word_owner_bytes, word_owner_file
from redliner.ui import dialogs

from .conftest import answer_clean_copy, open_and_wait

CTRL = Qt.KeyboardModifier.ControlModifier


def held_by_word(draft, user="Kim Lee"):
    word_owner_file(draft).write_bytes(word_owner_bytes(user))


def held_by_libreoffice(draft):
    libreoffice_lock_file(draft).write_text("Sam Okafor,sam,lo-host,26.11.2026 05:10,file:///home/sam;",
                                            encoding="utf-8")


def asking(monkeypatch, answer: bool) -> list:
    asked = []
    monkeypatch.setattr(dialogs, "ask_read_only", lambda parent, name, holder: asked.append((name, holder)) or answer)
    return asked


@pytest.mark.parametrize(("hold", "holder"), [
    (held_by_word, "Kim Lee has it open in Word"),
    (held_by_libreoffice, "Sam Okafor has it open in LibreOffice on lo-host since 26.11.2026 05:10"),
])
def test_cancel_leaves_a_held_draft_unopened(qtbot, window, draft, monkeypatch, hold, holder):
    hold(draft)
    asked = asking(monkeypatch, False)
    assert not window.open_file(draft)
    assert asked == [("sop-draft.docx", holder)]
    assert window.review is None and not window.runner.busy


def test_read_only_review_never_writes_the_original(qtbot, window, draft, monkeypatch):
    held_by_word(draft)
    original = draft.read_bytes()
    asking(monkeypatch, True)
    window.settings.preferences.marker_answer = "yes"
    open_and_wait(qtbot, window, draft)
    assert window.locks.read_only and window.windowTitle() == "sop-draft.docx (read-only)[*] — Redliner"
    assert not libreoffice_lock_file(draft).exists()  # Word has it: Redliner writes no lock of its own
    qtbot.keyClick(window.view, Qt.Key.Key_A)  # decisions work, in memory
    assert window.review.change("1").status.value == "accepted"

    targets = [str(draft), str(draft.with_name("sop-draft (reviewed).docx"))]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (targets.pop(0), ""))
    refused = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, message: refused.append(message))
    qtbot.keyClick(window.view, Qt.Key.Key_S, CTRL)  # the reviewer picks the original: refused
    assert len(refused) == 1 and "new name" in refused[0] and not window.runner.busy
    assert window.isWindowModified()
    qtbot.keyClick(window.view, Qt.Key.Key_S, CTRL)  # asked again; a new name is written
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert draft.read_bytes() == original
    saved = ReviewDocument.open(draft.with_name("sop-draft (reviewed).docx"))
    assert len(saved.changes) == 12 and not window.isWindowModified()

    answer_clean_copy(monkeypatch, "Accept undecided")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (args[2], ""))
    window.action_set.save_clean.trigger()  # a clean copy beside it is fine
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert draft.with_name("sop-draft (clean).docx").is_file() and draft.read_bytes() == original


def test_redliner_holds_its_own_lock_while_showing_a_draft(qtbot, window, draft, tmp_path, samples):
    window.settings.preferences.reviewer_name = "Pat Reviewer"
    open_and_wait(qtbot, window, draft)
    lock = libreoffice_lock_file(draft)
    assert lock.read_text(encoding="utf-8").startswith("Pat Reviewer (Redliner),")
    assert [h.describe().split(" on ")[0] for h in lock_holders(draft, include_own=True)] == [
        "Pat Reviewer (Redliner) has it open in Redliner"]
    assert not window.locks.read_only

    open_and_wait(qtbot, window, draft)  # reopening the same draft keeps the lock
    assert lock.exists()

    other = tmp_path / "drafts" / "other.docx"
    shutil.copy(samples / "sop-review-lee.lo.docx", other)
    open_and_wait(qtbot, window, other)  # opening another draft releases the first
    assert not lock.exists() and libreoffice_lock_file(other).exists()
    assert window.close()  # quitting releases the second
    assert not libreoffice_lock_file(other).exists()


def test_a_draft_that_fails_to_open_releases_its_lock_and_keeps_the_shown_one(qtbot, window, draft, monkeypatch):
    open_and_wait(qtbot, window, draft)
    bad = draft.with_name("bad.docx")
    bad.write_bytes(b"not a zip")
    monkeypatch.setattr(dialogs, "show_error", lambda *args: None)
    open_and_wait(qtbot, window, bad)
    assert not libreoffice_lock_file(bad).exists()
    assert libreoffice_lock_file(draft).exists() and window.path == draft


def test_another_redliner_holding_it_is_named(qtbot, window, draft, monkeypatch):
    import os

    import redliner.core.session.locks as locks

    libreoffice_lock_file(draft).write_text(
        locks.lock_entry("Jo Other (Redliner)", "jo", "other-host", "26.11.2026 06:00", f"redliner:{os.getpid()}"),
        encoding="utf-8")
    asked = asking(monkeypatch, False)
    assert not window.open_file(draft)
    assert asked[0][1].startswith("Jo Other (Redliner) has it open in Redliner on other-host")
