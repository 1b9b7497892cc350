"""Whose the proposals are, from the app: the marker bar names the drafter, and Save Marked-up (also after a
comparison) writes the proposals under the drafter's name and the date the list showed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from redliner.core import ChangeSource, ReviewDocument
from tests.core.review.test_pandoc import pandoc_insertions

from .conftest import open_and_wait

WAIT = 300  # longer than the view's 120 ms settle timer


def saving_as_proposed(monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda parent, title, proposal, filter_: (proposal, ""))


def answer_yes(qtbot, window, drafter: str | None = None) -> None:
    bar = window.marker_bar
    if drafter is not None:
        bar.drafter.setFocus()
        bar.drafter.selectAll()
        qtbot.keyClicks(bar.drafter, drafter)
        qtbot.wait(WAIT)
    qtbot.mouseClick(bar.yes_button, Qt.MouseButton.LeftButton)
    qtbot.wait(WAIT)


def test_the_marker_bar_offers_the_drafts_last_author_as_the_drafter(qtbot, window, draft):
    open_and_wait(qtbot, window, draft)
    bar = window.marker_bar
    assert bar.isVisible() and bar.drafter.isVisible()
    assert bar.drafter_label.text() == "Proposals by:"
    last_author = ReviewDocument.open(draft).last_modified_by()
    assert bar.drafter.text() == last_author and bar.drafter.placeholderText() == "Unknown"


def test_save_marked_up_writes_proposals_under_the_named_drafter_dated_as_listed(qtbot, window, draft, monkeypatch):
    window.settings.preferences.reviewer_name = "Rita Reviewer"
    open_and_wait(qtbot, window, draft)
    answer_yes(qtbot, window, "Dana Drafter")
    listed = [(c.author, c.date) for c in window.review.changes]
    assert len(listed) == 13 and {author for author, _ in listed} == {"Dana Drafter"} and listed[0][1]
    saving_as_proposed(monkeypatch)
    qtbot.keyClick(window.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert pandoc_insertions(draft.with_name("sop-draft (reviewed).docx")) == listed


def test_save_marked_up_keeps_the_drafts_author_when_the_reviewer_has_a_name(qtbot, window, draft, monkeypatch):
    window.settings.preferences.reviewer_name = "Rita Reviewer"
    open_and_wait(qtbot, window, draft)
    answer_yes(qtbot, window)
    listed = [(c.author, c.date) for c in window.review.changes]
    assert "Rita Reviewer" not in {author for author, _ in listed}
    saving_as_proposed(monkeypatch)
    window.action_set.save.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert pandoc_insertions(draft.with_name("sop-draft (reviewed).docx")) == listed


def test_a_comparison_keeps_the_proposals_the_drafters_and_its_findings_the_reviewers(
        qtbot, window, draft, samples, monkeypatch):
    window.settings.preferences.reviewer_name = "Rita Reviewer"
    open_and_wait(qtbot, window, draft)
    answer_yes(qtbot, window, "Dana Drafter")
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda parent, title, folder, filter_: (str(samples / "sop-base.pandoc.docx"), ""))
    window.action_set.compare.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    by_source = {}
    for change in window.review.changes:
        by_source.setdefault(change.source, set()).add(change.author)
    assert by_source[ChangeSource.MARKER] == {"Dana Drafter"} and by_source[ChangeSource.COMPARE] == {"Rita Reviewer"}
    saving_as_proposed(monkeypatch)
    window.action_set.save.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy)
    saved = ReviewDocument.open(draft.with_name("sop-draft (compared).docx"))
    expected = sorted((c.author, c.date) for c in window.review.changes)
    assert sorted((c.author, c.date) for c in saved.changes) == expected
