"""Save Clean Copy: comments and the decision log are left out unless the reviewer ticks them in its dialog."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt

from redliner.core import ReviewDocument
from redliner.core.comments.read import read_comments
from redliner.core.session.decision_log import log_for
from redliner.ui import dialogs

from .conftest import answer_clean_copy, open_and_wait

PAUSE = 300  # longer than the view's 120 ms settle timer
COMMENTS, LOG = "Keep the 3 comments", "Keep the decision log (1 entry)"


@pytest.fixture
def commented(corpus, tmp_path):
    """A copy of a Word review with 5 tracked changes and 3 comments."""
    target = tmp_path / "drafts" / "test_review_rich.docx"
    target.parent.mkdir()
    shutil.copy(corpus / "word-reviews" / "test_review_rich.docx", target)
    return target


def accept_first_and_save_clean(qtbot, window, path, monkeypatch, toggle=(), button="Accept undecided"):
    """Open `path`, accept its first change with the A key (one log entry), Save Clean Copy answering the dialog;
    returns (what the dialog offered, the saved copy)."""
    open_and_wait(qtbot, window, path)
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    qtbot.wait(PAUSE)
    return save_clean(qtbot, window, monkeypatch, toggle, button)


def save_clean(qtbot, window, monkeypatch, toggle=(), button="Accept undecided"):
    target = window.path.with_name(f"clean {len(list(window.path.parent.iterdir()))}.docx")
    monkeypatch.setattr(dialogs, "choose_output", lambda parent, title, proposal: target)
    offered = answer_clean_copy(monkeypatch, button, toggle)
    window.action_set.save_clean.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
    return offered, target


def test_by_default_the_clean_copy_has_neither_comments_nor_log(qtbot, window, commented, monkeypatch):
    offered, clean = accept_first_and_save_clean(qtbot, window, commented, monkeypatch)
    assert offered == [{"text": "4 changes are not decided yet. A clean copy has no tracked changes left: what "
                                "should happen to them?",
                        "boxes": {COMMENTS: False, LOG: False},
                        "buttons": ["Accept undecided", "Cancel", "Reject undecided"]}]
    saved = ReviewDocument.open(clean)
    assert saved.changes == []
    assert read_comments(saved).comments == [] and log_for(saved).entries == []


@pytest.mark.parametrize(("toggle", "comments", "log"), [((COMMENTS,), 3, 0), ((LOG,), 0, 1),
                                                         ((COMMENTS, LOG), 3, 1)])
def test_ticked_boxes_keep_the_comments_and_the_log(qtbot, window, commented, monkeypatch, toggle, comments, log):
    expected = [(c.author, c.text) for c in read_comments(ReviewDocument.open(commented)).comments]
    _, clean = accept_first_and_save_clean(qtbot, window, commented, monkeypatch, toggle)
    saved = ReviewDocument.open(clean)
    assert saved.changes == []
    kept = read_comments(saved).comments
    assert [(c.author, c.text) for c in kept] == (expected if comments else [])
    assert len(kept) == comments
    assert [(e.action, [c.id for c in e.changes]) for e in log_for(saved).entries] == [("accept", ["1"])] * log


def test_the_boxes_start_unticked_every_time(qtbot, window, commented, monkeypatch, settings_paths):
    accept_first_and_save_clean(qtbot, window, commented, monkeypatch, (COMMENTS,))
    offered, clean = save_clean(qtbot, window, monkeypatch)  # asked again, nothing toggled
    assert offered[0]["boxes"] == {COMMENTS: False, LOG: False}
    assert read_comments(ReviewDocument.open(clean)).comments == []


def test_cancel_writes_nothing(qtbot, window, commented, monkeypatch):
    offered, clean = accept_first_and_save_clean(qtbot, window, commented, monkeypatch, (COMMENTS,), "Cancel")
    assert len(offered) == 1 and not clean.exists()


def test_every_change_decided_offers_only_the_boxes_and_save(qtbot, window, corpus, tmp_path, monkeypatch):
    replies = tmp_path / "drafts" / "replies.docx"  # no tracked changes, 3 comments, no log
    replies.parent.mkdir()
    shutil.copy(corpus / "word-reviews" / "test_comment_replies.docx", replies)
    open_and_wait(qtbot, window, replies)
    offered, clean = save_clean(qtbot, window, monkeypatch, (COMMENTS,), "Save")
    assert offered == [{"text": "Every change is decided: the clean copy holds the text as decided.",
                        "boxes": {COMMENTS: False}, "buttons": ["Cancel", "Save"]}]
    assert len(read_comments(ReviewDocument.open(clean)).comments) == 3


def test_nothing_to_ask_saves_without_a_question(qtbot, window, corpus, tmp_path, monkeypatch):
    plain = tmp_path / "drafts" / "plain.docx"  # no changes, no comments, no log
    plain.parent.mkdir()
    shutil.copy(corpus / "word-reviews" / "test_no_review.docx", plain)
    open_and_wait(qtbot, window, plain)
    offered, clean = save_clean(qtbot, window, monkeypatch)
    assert offered == [] and clean.is_file()
