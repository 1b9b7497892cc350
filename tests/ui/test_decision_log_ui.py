"""The decision log in the app: every decision made with the keys (and its undo) is recorded under the
reviewer name of the settings, saved with the marked-up copy, and brought back by crash recovery."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt

from redliner.core import ReviewDocument, parse_rules
from redliner.core.session.decision_log import log_for
from redliner.ui import dialogs

from .conftest import open_and_wait

PAUSE = 300  # longer than the view's 120 ms settle timer
CTRL = Qt.KeyboardModifier.ControlModifier


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(window.view, key, modifiers)
    qtbot.wait(PAUSE)


def open_as(qtbot, window, draft, reviewer="Kim Lee") -> None:
    window.settings.preferences.reviewer_name = reviewer
    window.settings.preferences.marker_answer = "yes"
    open_and_wait(qtbot, window, draft)
    assert len(window.review.changes) == 13 and window.current == "1"


def actions(log) -> list[tuple]:
    return [(e.action, e.who, [c.id for c in e.changes], e.undoes) for e in log.entries]


def test_decisions_made_with_the_keys_are_saved_with_who_and_when(qtbot, window, draft, tmp_path, monkeypatch):
    started = datetime.now(UTC).replace(microsecond=0)
    open_as(qtbot, window, draft)
    press(qtbot, window, Qt.Key.Key_A)  # accept 1
    press(qtbot, window, Qt.Key.Key_R)  # reject 2
    press(qtbot, window, Qt.Key.Key_S)  # skip 3
    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # ...taken back
    window.go_to("4")
    qtbot.wait(PAUSE)
    press(qtbot, window, Qt.Key.Key_S)  # skip 4
    assert actions(log_for(window.review)) == [
        ("accept", "Kim Lee", ["1"], None), ("reject", "Kim Lee", ["2"], None), ("skip", "Kim Lee", ["3"], None),
        ("undo", "Kim Lee", ["3"], 3), ("skip", "Kim Lee", ["4"], None)]
    skipped_text = window.review.change("4").text

    target = tmp_path / "reviewed.docx"
    monkeypatch.setattr(dialogs, "choose_output", lambda parent, title, proposal: target)
    press(qtbot, window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not window.runner.busy and target.exists(), timeout=10000)

    reopened = ReviewDocument.open(target)  # the skipped proposal is a tracked change now
    log = log_for(reopened)
    assert [(e.action, e.who) for e in log.entries] == [
        ("accept", "Kim Lee"), ("reject", "Kim Lee"), ("skip", "Kim Lee"), ("undo", "Kim Lee"), ("skip", "Kim Lee")]
    for entry in log.entries:
        assert started <= datetime.fromisoformat(entry.when) <= datetime.now(UTC)
    skipped = next(c for c in reopened.changes if c.text == skipped_text)
    assert log.latest_for(skipped).who == "Kim Lee"
    assert sum(log.latest_for(c) is not None for c in reopened.changes) == 1
    assert [e.action for e in log_for(ReviewDocument.open(target, parse_rules("italic"))).entries][-1] == "skip"


def test_a_new_decision_a_reset_and_their_undo_are_entries(qtbot, window, draft):
    open_as(qtbot, window, draft, "Lee")
    press(qtbot, window, Qt.Key.Key_A)  # accept 1
    window.go_to("1")
    qtbot.wait(PAUSE)
    press(qtbot, window, Qt.Key.Key_R)  # 1 rejected instead: one step
    window.go_to("1")
    window.action_set.reset.trigger()
    qtbot.wait(PAUSE)
    log = log_for(window.review)
    assert log.latest_for(window.review.change("1")) is None
    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # the reset undone: rejected again
    assert log.latest_for(window.review.change("1")).action == "reject"
    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # the new decision undone: accepted again
    assert log.latest_for(window.review.change("1")).action == "accept"
    assert actions(log) == [("accept", "Lee", ["1"], None), ("reject", "Lee", ["1"], None),
                            ("reset", "Lee", ["1"], None), ("undo", "Lee", ["1"], 3), ("undo", "Lee", ["1"], 2)]


def test_a_restored_review_keeps_its_log_and_undo_names_the_right_entry(qtbot, window, draft, monkeypatch):
    open_as(qtbot, window, draft)
    press(qtbot, window, Qt.Key.Key_A)  # accept 1
    press(qtbot, window, Qt.Key.Key_R)  # reject 2
    window.go_to("1")
    qtbot.wait(PAUSE)
    press(qtbot, window, Qt.Key.Key_R)  # 1 rejected instead: the history is remade, 2's batch comes last
    made = list(log_for(window.review).entries)
    window.recovery.flush()
    window.recovery.state = None  # as if this session had crashed
    window.undo_stack.clear()
    monkeypatch.setattr(dialogs, "ask_restore", lambda parent, name, n: True)
    open_and_wait(qtbot, window, draft)
    log = log_for(window.review)
    assert log.entries == made
    assert log.latest_for(window.review.change("2")).action == "reject"
    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # takes back 2's rejection (the newest batch), entry 2
    assert (log.entries[-1].action, log.entries[-1].undoes) == ("undo", 2)
    assert log.latest_for(window.review.change("2")) is None
    assert log.latest_for(window.review.change("1")).number == 3
