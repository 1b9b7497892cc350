"""The meeting copy's summary reads the decision log and the comments (meeting_hooks): a decision made in the
app, saved and reopened shows who made it and when; a change's comment thread shows beside it."""

from __future__ import annotations

import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from redliner.core import ReviewDocument
from redliner.core.comments.edit import add_comment, reply
from redliner.core.review.writers import write_marked_up
from redliner.ui.meeting_copy import MeetingOptions, build_meeting_copy
from redliner.ui.meeting_hooks import hooks_for
from tests.pdf_tools import flat, pdf_text

from .conftest import copy_sample, open_and_wait


def export(source, target):
    result = subprocess.run([sys.executable, "-m", "redliner.cli", "export", str(source), "-o", str(target)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return flat(pdf_text(target))


def test_a_decision_made_in_the_app_saved_and_reopened_shows_its_decider_in_the_summary(
        qtbot, window, samples, tmp_path, monkeypatch):
    draft = copy_sample(samples, tmp_path, "sop-review-two-authors.lo.docx", "review.docx")
    window.settings.preferences.reviewer_name = "Casey Chair"
    window.settings.preferences.marker_answer = "no"
    open_and_wait(qtbot, window, draft)
    accepted = window.review.change(window.current)
    qtbot.keyClick(window.view, Qt.Key.Key_A)  # accept and next
    qtbot.wait(300)
    qtbot.keyClick(window.view, Qt.Key.Key_S)  # skip: stays in the saved copy, decided "skip"
    qtbot.wait(300)
    saved = tmp_path / "saved.docx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(saved), ""))
    qtbot.keyClick(window.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.runner.busy)

    reopened = ReviewDocument.open(saved)
    copy = build_meeting_copy(reopened, MeetingOptions(**hooks_for(reopened)))
    earlier = [row for row in copy.rows if row.number == "—"]
    assert [(row.author, row.status) for row in earlier] == [(accepted.author, "accepted")]
    assert earlier[0].decided.startswith("Casey Chair, 20")
    skipped = [row for row in copy.rows if row.decided.startswith("Casey Chair")]
    assert len(skipped) == 2  # the skip, on a change still in the copy, and the acceptance
    text = export(saved, tmp_path / "meeting.pdf")
    assert "Casey Chair" in text and "decided before this copy was saved" in text


def test_comment_threads_show_in_the_summary(qapp, samples, tmp_path):
    review = ReviewDocument.open(samples / "sop-review-two-authors.lo.docx")
    change = review.changes[0]
    first = add_comment(review, change, "Why not keep the old wording?", "Pat Member")
    reply(review, first.comment_id, "It reads better.", "Casey Chair")
    commented = tmp_path / "commented.docx"
    write_marked_up(review, commented)
    reopened = ReviewDocument.open(commented)
    copy = build_meeting_copy(reopened, MeetingOptions(**hooks_for(reopened)))
    row = next(r for r in copy.rows if r.number == reopened.changes[0].id)
    assert row.threads == ["Pat Member: Why not keep the old wording?", "↳ Casey Chair: It reads better."]
    text = export(commented, tmp_path / "meeting.pdf")
    assert "Why not keep the old wording?" in text and "It reads better." in text
