"""Crash recovery brings the decision log back: who decided what and when, undos included."""

from __future__ import annotations

import pytest

from redliner.core import Decision, RedlinerError, ReviewDocument
from redliner.core.session.decision_log import log_for
from redliner.core.session.review_state import ReviewState, autosave, find_autosaves, restore
from tests.docx_factory import dele, dr, ins, make_docx, p, r

BODY = p(r("The "), dele(dr("old"), rid=2), ins(r("new"), rid=3)) + p(ins(r("Added."), author="Bea", rid=5))


def test_a_restored_review_has_the_log_entries_made_before_the_crash(tmp_path):
    document = ReviewDocument.open(make_docx(tmp_path, BODY))
    state = ReviewState.begin(document)
    log = log_for(document)
    first, second = document.changes
    document.decide([first], Decision.ACCEPT)
    accepted = log.record(Decision.ACCEPT, [first], "Kim", "2026-12-02T10:00:00Z")
    state.record(document, [first], Decision.ACCEPT)
    journal = document.decide([second], Decision.REJECT)
    rejected = log.record(Decision.REJECT, [second], "Kim", "2026-12-02T10:01:00Z")
    state.record(document, [second], Decision.REJECT)
    document.undo(journal)  # the app's Undo
    log.undo(rejected, "Kim", "2026-12-02T10:02:00Z")
    state.drop_last(document)
    autosave(state, tmp_path / "autosave")

    (found,) = find_autosaves(tmp_path / "autosave")
    restored = restore(found)
    entries = log_for(restored).entries
    assert entries == [accepted, rejected, log.entries[-1]]
    assert log_for(restored).latest_for(restored.changes[0]).who == "Kim"
    assert log_for(restored).latest_for(restored.changes[1]) is None


def test_an_autosave_whose_log_cannot_be_read_is_refused(tmp_path):
    document = ReviewDocument.open(make_docx(tmp_path, BODY))
    state = ReviewState.begin(document)
    state.log = [{"number": "one"}]
    with pytest.raises(RedlinerError, match="cannot be read"):
        ReviewState.from_json(state.to_json())
