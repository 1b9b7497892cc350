"""The keyboard review as a person meets it (issue 10): keys with pauses longer than the view's settle timer,
so that the decided paragraphs are rewritten between keys, in a shown window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from redliner.core import Decision, ReviewDocument, parse_rules
from redliner.ui import dialogs
from redliner.ui.document_view import SETTLE_MS

from .conftest import copy_sample, open_and_wait

KEY = Qt.Key
NONE = Qt.KeyboardModifier.NoModifier
CTRL, SHIFT, ALT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier,
                    Qt.KeyboardModifier.AltModifier)
PAUSE = 3 * SETTLE_MS  # a person's pause between keys: the view's timers fire


def key(qtbot, widget, key_, modifiers=NONE, pause=PAUSE) -> None:
    qtbot.keyClick(widget, key_, modifiers)
    qtbot.wait(pause)


def status(window, change_id: str) -> str:
    return window.review.change(change_id).status.value


def open_marked(qtbot, window, draft) -> None:
    """Open the sample and answer Yes to the italic-marker question, as a new user does."""
    open_and_wait(qtbot, window, draft)
    window.marker_bar.yes_button.setFocus()
    qtbot.mouseClick(window.marker_bar.yes_button, Qt.MouseButton.LeftButton)
    qtbot.wait(PAUSE)
    assert len(window.review.changes) == 13 and window.current == "1"
    assert QApplication.focusWidget() is window.view


def in_view(window, change_id: str) -> bool:
    view = window.view
    cursor = view.textCursor()
    cursor.setPosition(view.rendered.place_of(change_id))  # its text, or its paragraph when it shows none
    rect = view.cursorRect(cursor)
    return rect.top() >= 0 and rect.bottom() <= view.viewport().height()


def body_after(draft, decisions: dict[str, Decision]) -> str:
    """The text a fresh review gives after these decisions: what the window's review must hold."""
    fresh = ReviewDocument.open(draft, parse_rules("italic"))
    for change_id, decision in decisions.items():
        fresh.decide([change_id], decision)
    return fresh.body_text()


# -- 1. rewriting a decided paragraph never moves the current change ------------------------------------------


def test_accepting_with_a_pause_goes_to_the_next_change_not_past_it(qtbot, window, draft):
    open_marked(qtbot, window, draft)
    key(qtbot, window.view, KEY.Key_A, pause=1000)
    assert window.current == "2" and window.changes.current_id() == "2"
    key(qtbot, window.view, KEY.Key_A, pause=1000)
    assert (status(window, "1"), status(window, "2"), status(window, "3")) == ("accepted", "accepted", "pending")
    assert window.current == "3" and window.changes.current_id() == "3" and window.view.current == "3"
    key(qtbot, window.view, KEY.Key_A)
    assert status(window, "3") == "accepted" and status(window, "5") == "pending" and window.current == "4"


def test_rewriting_text_leaves_the_text_cursor_on_the_current_change(qtbot, window, draft):
    open_marked(qtbot, window, draft)
    window.go_to("2")
    window.view.setFocus()
    key(qtbot, window.view, KEY.Key_A)  # "will be" (#4) ends #2's paragraph: the rewrite pulled the cursor past it
    assert window.current == "3"
    assert window.view.rendered.change_at(window.view.textCursor().position()) == "3"


def test_a_compare_review_steps_one_by_one(qtbot, window, draft, samples, monkeypatch):
    open_marked(qtbot, window, draft)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *args: (str(samples / "sop-base.pandoc.docx"), ""))
    window.action_set.compare.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    window.view.setFocus()
    assert len(window.review.changes) == 20
    visited = [window.current]
    for _ in range(8):
        key(qtbot, window.view, KEY.Key_A)
        visited.append(window.current)
    assert visited == [str(n) for n in range(1, 10)]


# -- 2. undo and redo go to the change they touch -----------------------------------------------------------


def test_undo_and_redo_make_the_change_they_touch_current(qtbot, window, draft):
    window.resize(900, 420)  # a short page: #9 and #10 are not on one screen with #1
    open_marked(qtbot, window, draft)
    for _ in range(8):
        key(qtbot, window.view, KEY.Key_N)
    assert window.current == "9"
    key(qtbot, window.view, KEY.Key_A)
    assert window.current == "10"
    window.go_to("1")  # the reader looked elsewhere meanwhile
    key(qtbot, window.view, KEY.Key_Z, CTRL)
    assert status(window, "9") == "pending"
    assert window.current == "9" and window.changes.current_id() == "9" and in_view(window, "9")
    key(qtbot, window.view, KEY.Key_R)
    assert status(window, "9") == "rejected" and status(window, "10") == "pending"
    key(qtbot, window.view, KEY.Key_Z, CTRL)
    window.go_to("1")
    key(qtbot, window.view, KEY.Key_Z, CTRL | SHIFT)
    assert status(window, "9") == "rejected" and window.current == "9" and in_view(window, "9")


# -- 3. next goes to pending changes; deciding a decided change changes its decision --------------------------


def test_next_and_accept_and_next_skip_decided_changes(qtbot, window, draft):
    open_marked(qtbot, window, draft)
    window.decide(["2", "3"], Decision.ACCEPT)
    qtbot.wait(PAUSE)
    key(qtbot, window.view, KEY.Key_N)
    assert window.current == "4"
    key(qtbot, window.view, KEY.Key_P)
    assert window.current == "1"
    key(qtbot, window.view, KEY.Key_A)
    assert window.current == "4"
    window.decide(["6"], Decision.SKIP)  # a skipped change is not pending either
    key(qtbot, window.view, KEY.Key_R)
    assert window.current == "5"
    key(qtbot, window.view, KEY.Key_S)
    assert window.current == "7"


def test_deciding_a_decided_change_changes_its_decision_in_one_step(qtbot, window, draft):
    open_marked(qtbot, window, draft)
    for _ in range(4):
        key(qtbot, window.view, KEY.Key_A)  # 1-4 accepted, at 5
    key(qtbot, window.view, KEY.Key_R)  # 5 rejected, at 6
    window.changes.table.setFocus()
    for _ in range(4):
        key(qtbot, window.changes.table, KEY.Key_Up)  # back on #2, accepted
    assert window.current == "2"
    steps = window.undo_stack.count()
    key(qtbot, window.changes.table, KEY.Key_R)
    assert status(window, "2") == "rejected" and window.undo_stack.count() == steps + 1
    assert window.undo_stack.undoText() == "Reject change 2"
    assert window.current == "6"  # the next pending change
    decided = {"1": Decision.ACCEPT, "3": Decision.ACCEPT, "4": Decision.ACCEPT, "5": Decision.REJECT}
    assert window.review.body_text() == body_after(draft, {**decided, "2": Decision.REJECT})
    key(qtbot, window.view, KEY.Key_Z, CTRL)
    assert status(window, "2") == "accepted" and window.current == "2"
    assert window.review.body_text() == body_after(draft, {**decided, "2": Decision.ACCEPT})
    key(qtbot, window.view, KEY.Key_Z, CTRL | SHIFT)
    assert status(window, "2") == "rejected"
    assert window.review.body_text() == body_after(draft, {**decided, "2": Decision.REJECT})
    for _ in range(6):  # every step back undoes exactly one decision (4 A, 1 R, the new decision on #2)
        key(qtbot, window.view, KEY.Key_Z, CTRL)
    assert {c.status.value for c in window.review.changes} == {"pending"}
    assert window.review.body_text() == ReviewDocument.open(draft, parse_rules("italic")).body_text()


def test_the_same_decision_again_records_nothing(qtbot, window, draft):
    open_marked(qtbot, window, draft)
    key(qtbot, window.view, KEY.Key_A)
    window.go_to("1")
    steps, text = window.undo_stack.count(), window.undo_stack.undoText()
    key(qtbot, window.view, KEY.Key_A, CTRL | SHIFT)  # Accept (stay) on an accepted change
    assert window.undo_stack.count() == steps and window.undo_stack.undoText() == text
    assert window.current == "1"
    key(qtbot, window.view, KEY.Key_A)  # Accept and Next: nothing to decide, on to the next pending
    assert window.undo_stack.count() == steps and window.current == "2"


# -- 4. the end of the list ----------------------------------------------------------------------------------


def test_the_last_change_offers_to_continue_from_the_top(qtbot, window, draft, monkeypatch):
    asked, answers = [], [False, True]
    monkeypatch.setattr(dialogs, "ask_wrap", lambda parent, pending, forward: asked.append((pending, forward))
                        or answers.pop(0))
    open_marked(qtbot, window, draft)
    key(qtbot, window.view, KEY.Key_A)
    window.go_to("12")
    window.view.setFocus()
    key(qtbot, window.view, KEY.Key_A)
    assert window.current == "13"
    key(qtbot, window.view, KEY.Key_A)  # the last change: 10 still pending (2-11)
    assert asked == [(10, True)] and window.current == "13"  # answered No: stays
    key(qtbot, window.view, KEY.Key_N)
    assert asked[-1] == (10, True) and window.current == "2"  # answered Yes: the first pending change
    assert "10 still pending" in dialogs.wrap_question(10, True)
    assert dialogs.wrap_question(10, True).startswith("Last change reached")


def test_nothing_pending_says_so(qtbot, window, draft, monkeypatch):
    monkeypatch.setattr(dialogs, "ask_wrap", lambda *args: refuse("no pending change to go to"))
    open_marked(qtbot, window, draft)
    window.decide([str(n) for n in range(1, 13)], Decision.ACCEPT)
    window.go_to("13")
    key(qtbot, window.view, KEY.Key_A)
    assert status(window, "13") == "accepted" and window.current == "13"
    assert "All 13 changes decided" in window.statusBar().currentMessage()


def refuse(message):
    raise AssertionError(message)


# -- 5. undo works from the filter field; a bulk action leaves a current change ------------------------------


def test_ctrl_z_in_the_filter_field_undoes_the_review(qtbot, window, draft):
    open_marked(qtbot, window, draft)
    key(qtbot, window.view, KEY.Key_F, CTRL)
    field = window.changes.filters.text
    assert QApplication.focusWidget() is field
    qtbot.keyClicks(field, "community")
    qtbot.wait(PAUSE)
    shown = window.changes.shown_ids()
    assert shown and len(shown) < 13
    key(qtbot, field, KEY.Key_A, CTRL | ALT)
    assert {status(window, i) for i in shown} == {"accepted"}
    assert window.current is not None
    key(qtbot, field, KEY.Key_Z, CTRL)
    assert field.text() == "community"  # the typing stays
    assert {status(window, i) for i in shown} == {"pending"}  # the review step went back
    key(qtbot, field, KEY.Key_Z, CTRL | SHIFT)
    assert {status(window, i) for i in shown} == {"accepted"}
    key(qtbot, field, KEY.Key_Z, CTRL)
    key(qtbot, field, KEY.Key_Y, CTRL)
    assert {status(window, i) for i in shown} == {"accepted"} and field.text() == "community"


def test_after_a_bulk_action_a_works(qtbot, window, draft):
    open_marked(qtbot, window, draft)
    filters = window.changes.filters
    filters.status.setCurrentIndex(filters.status.findData("pending"))
    key(qtbot, window.view, KEY.Key_F, CTRL)
    qtbot.keyClicks(filters.text, "community")
    qtbot.wait(PAUSE)
    shown = window.changes.shown_ids()
    assert len(shown) == 4
    key(qtbot, filters.text, KEY.Key_A, CTRL | ALT)  # every row leaves the pending filter
    assert window.changes.shown_ids() == [] and window.current is not None
    filters.text.clear()
    filters.status.setCurrentIndex(0)
    qtbot.wait(PAUSE)
    assert window.changes.current_id() == window.current  # selected again once shown
    key(qtbot, window.view, KEY.Key_D, CTRL)
    decided = window.current
    key(qtbot, window.view, KEY.Key_A)  # accepted already: on to the next pending change
    following = window.current
    assert following != decided and status(window, following) == "pending"
    key(qtbot, window.view, KEY.Key_A)
    assert status(window, following) == "accepted"


# -- 6. a newly opened document starts at its top ---------------------------------------------------------------


def test_a_second_document_opens_at_its_top(qtbot, window, draft, samples, tmp_path):
    window.resize(900, 420)
    open_marked(qtbot, window, draft)
    window.go_to("13")
    qtbot.wait(PAUSE)
    assert window.view.verticalScrollBar().value() > 0
    window.undo_stack.setClean()
    other = copy_sample(samples, tmp_path, "sop-review-rivera.lo.docx", "rivera.docx")
    open_and_wait(qtbot, window, other)
    qtbot.wait(PAUSE)
    assert window.view.verticalScrollBar().value() == 0
    assert window.current == "1" and window.changes.current_id() == "1" and window.view.current == "1"
