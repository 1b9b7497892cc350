"""The crash-restore question names what it will restore: decisions, edits and comment steps, each counted."""

from __future__ import annotations

import json
import shutil

import pytest
from PySide6.QtCore import Qt

from redliner.core import Decision
from redliner.core.session.review_state import Batch, CommentEntry, ReviewState, autosave_path
from redliner.ui import comment_dialog, dialogs
from redliner.ui.document_view import SETTLE_MS
from redliner.ui.recovery import steps_in_words

from .conftest import new_window, open_and_wait

PAUSE = 3 * SETTLE_MS
CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def state_of(decisions: int, edits: int, comment_steps: int) -> ReviewState:
    batches = [Batch([str(n)], Decision.ACCEPT) for n in range(decisions)] + [
        Batch([], None, {"typed": n}) for n in range(edits)]
    return ReviewState("/drafts/a.docx", None, "", batches,
                       comment_steps=[CommentEntry(0, {"n": n}) for n in range(comment_steps)])


@pytest.mark.parametrize(("counts", "words"), [
    ((1, 0, 0), "1 decision"), ((7, 0, 0), "7 decisions"), ((0, 12, 0), "12 edits"), ((0, 0, 1), "1 comment step"),
    ((3, 12, 1), "3 decisions, 12 edits and 1 comment step"), ((0, 1, 2), "1 edit and 2 comment steps")])
def test_steps_in_words_names_only_what_there_is(counts, words):
    assert steps_in_words(state_of(*counts)) == words


def crash_and_reopen(qtbot, window, draft, autosave_folder, monkeypatch) -> tuple[list, dict]:
    """Leave this session's autosave behind as a crash would, open the draft in a new window answering
    Discard; returns (what the question said, the autosave as it was on disk)."""
    window.recovery.flush()
    saved = json.loads(autosave_path(draft, autosave_folder).read_text(encoding="utf-8"))
    window.recovery.state = None
    window.undo_stack.clear()
    asked = []
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, name, steps: asked.append((name, steps)) or False)
    other = new_window(qtbot, monkeypatch)
    open_and_wait(qtbot, other, draft)
    return asked, saved


def test_decisions_only(qtbot, window, draft, autosave_folder, monkeypatch):
    window.settings.preferences.marker_answer = "yes"
    open_and_wait(qtbot, window, draft)
    window.decide(["1"], Decision.ACCEPT)
    window.decide(["2", "3"], Decision.REJECT)
    asked, _ = crash_and_reopen(qtbot, window, draft, autosave_folder, monkeypatch)
    assert asked == [("sop-draft.docx", "2 decisions")]


def test_edits_and_a_decision(qtbot, window, draft, autosave_folder, monkeypatch):
    window.settings.preferences.marker_answer = "yes"
    open_and_wait(qtbot, window, draft)
    qtbot.keyClick(window.view, Qt.Key.Key_A)  # accept the first change
    qtbot.wait(PAUSE)
    qtbot.keyClick(window.view, Qt.Key.Key_E, CTRL)  # Edit mode; " and staff" typed after "officers"
    qtbot.wait(PAUSE)
    view = window.view
    cursor = view.textCursor()
    cursor.setPosition(view.document().find("officers").selectionEnd())
    view.setTextCursor(cursor)
    for character in " and staff":
        qtbot.keyClicks(view, character)
        qtbot.wait(PAUSE // 3)
    qtbot.wait(PAUSE)
    asked, saved = crash_and_reopen(qtbot, window, draft, autosave_folder, monkeypatch)
    edits = sum("edit" in batch for batch in saved["batches"])
    assert edits > 0 and len(saved["batches"]) == edits + 1
    assert asked == [("sop-draft.docx", f"1 decision and {edits} edit{'s' if edits != 1 else ''}")]


def test_comment_steps_only(qtbot, window, corpus, tmp_path, autosave_folder, monkeypatch):
    draft = tmp_path / "drafts" / "test_review.docx"
    draft.parent.mkdir()
    shutil.copy(corpus / "word-reviews" / "test_review.docx", draft)
    open_and_wait(qtbot, window, draft)
    monkeypatch.setattr(comment_dialog, "ask_comment_text", lambda parent, title, prompt, text="": "Why?")
    qtbot.keyClick(window.view, Qt.Key.Key_M, CTRL | ALT)  # a comment on the current change
    qtbot.wait(PAUSE)
    asked, _ = crash_and_reopen(qtbot, window, draft, autosave_folder, monkeypatch)
    assert asked == [("test_review.docx", "1 comment step")]
