"""What a Word user looks for, driven like a user: the detail pane, right-click in the document, Reset to
Pending, Accept All / Reject All, File → Close, the start screen, list feedback and small windows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QStyle

from redliner.core import Decision
from redliner.core.wording import plural
from redliner.ui import change_model as cm
from redliner.ui import dialogs
from redliner.ui.change_list import FILTER_TEXT_MIN_WIDTH
from redliner.ui.window import READABLE_CHARACTERS
from tests.docx_factory import ins, make_docx, p, r

from .conftest import open_and_wait
from .test_compare_actions import choosing, combining, conflicting_copies  # noqa: F401 - a fixture
from .test_window import open_with_markers, statuses

CTRL = Qt.KeyboardModifier.ControlModifier
PAUSE = 150  # longer than the view's 120 ms settle timer


def pause(qtbot) -> None:
    qtbot.wait(PAUSE)


def right_click_on_change(qtbot, window, change_id: str):
    """A right-click in the middle of a change's text; returns the menu that pops up."""
    view = window.view
    start, end = view.rendered.spans[change_id]
    cursor = view.textCursor()
    cursor.setPosition((start + end) // 2)
    point = view.cursorRect(cursor).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    qtbot.waitUntil(lambda: window.document_menu is not None and window.document_menu.isVisible())
    return window.document_menu


def click_menu_item(qtbot, menu, action, window) -> None:
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    qtbot.waitUntil(lambda: not menu.isVisible())
    window.activateWindow()  # what the window manager does once a popup closes (the offscreen platform does not)
    qtbot.waitUntil(window.isActiveWindow)
    pause(qtbot)


def right_click_on_row(qtbot, window, change_id: str):
    """Right-click a row of the change list (the press selects it); returns the menu that pops up."""
    table = window.changes.table
    index = window.changes.proxy.index(window.changes.shown_ids().index(change_id), cm.TEXT)
    point = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.RightButton, pos=point)
    QApplication.sendEvent(table.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                                                               table.viewport().mapToGlobal(point)))
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    return QApplication.activePopupWidget()


def detail_text(window) -> str:
    return window.detail.toPlainText()


# -- the detail pane ------------------------------------------------------------------------------------


def test_the_detail_pane_shows_the_whole_change_and_follows_decisions(qtbot, window, samples):
    open_and_wait(qtbot, window, samples / "sop-review-two-authors.lo.docx")
    long = next(c for c in window.review.changes if len(c.text) > cm.SNIPPET_LIMIT)
    table = window.changes.table
    index = window.changes.proxy.index(window.changes.shown_ids().index(long.id), cm.TEXT)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center())
    pause(qtbot)
    shown = detail_text(window)
    assert cm.change_cell(long) not in shown or len(cm.change_cell(long)) < len(long.text)  # the list cuts it
    for whole in (long.inserted, long.deleted):
        assert " ".join(whole.split()) in " ".join(shown.split())
    assert long.author in shown and cm.full_date(long.date) in shown and long.location.heading in shown
    assert f"#{long.id}" in shown and "(pending)" in shown
    qtbot.keyClick(table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    pause(qtbot)
    assert "(rejected)" in detail_text(window)
    qtbot.keyClick(table, Qt.Key.Key_Z, CTRL)
    pause(qtbot)
    assert "(pending)" in detail_text(window)


def test_the_detail_pane_names_a_conflict(qtbot, window, monkeypatch, conflicting_copies):  # noqa: F811
    base, copies = conflicting_copies
    combining(monkeypatch, base, copies)
    window.action_set.combine.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    conflicted = next(c for c in window.review.changes if c.conflicts_with)
    window.go_to(conflicted.id)
    pause(qtbot)
    other = conflicted.conflicts_with[0]
    assert f"Conflicts with #{other}: accepting this change rejects #{other}." in detail_text(window)


# -- right-click in the document ------------------------------------------------------------------------


def test_right_click_on_a_change_offers_the_list_actions(qtbot, window, draft):
    open_with_markers(qtbot, window, draft)
    a = window.action_set
    menu = right_click_on_change(qtbot, window, "7")
    assert window.current == "7" and window.changes.current_id() == "7"  # the change clicked is the one acted on
    # The window's own actions; marked text can be real emphasis: Not a Proposal.
    assert menu.actions()[:5] == [a.accept, a.reject, a.set_aside, a.not_a_proposal, a.reset]
    assert any("Copy" in action.text() for action in menu.actions())  # the text edit's own items stay
    click_menu_item(qtbot, menu, a.reject, window)
    assert statuses(window)["7"] == "rejected" and statuses(window)["6"] == "pending"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    pause(qtbot)
    assert statuses(window)["7"] == "pending"
    menu = right_click_on_change(qtbot, window, "7")
    assert a.not_a_proposal.isEnabled()
    click_menu_item(qtbot, menu, a.not_a_proposal, window)
    assert statuses(window)["7"] == "not a proposal"


def test_right_click_on_a_tracked_change_offers_no_not_a_proposal(qtbot, window, samples, tmp_path):
    from .conftest import copy_sample

    open_and_wait(qtbot, window, copy_sample(samples, tmp_path, "sop-review-lee.lo.docx", "lee.docx"))
    a = window.action_set
    menu = right_click_on_change(qtbot, window, window.review.changes[0].id)
    assert menu.actions()[:4] == [a.accept, a.reject, a.set_aside, a.reset]
    assert a.not_a_proposal not in menu.actions()


def test_right_click_off_any_change_has_no_review_actions(qtbot, window, draft):
    open_with_markers(qtbot, window, draft)
    view = window.view
    point = QPoint(view.viewport().width() // 2, 4)  # the title line, which no change touches
    assert view.rendered.change_at(view.cursorForPosition(point).position()) is None
    QApplication.sendEvent(view.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                                                             view.viewport().mapToGlobal(point)))
    qtbot.waitUntil(lambda: window.document_menu is not None and window.document_menu.isVisible())
    assert window.action_set.accept not in window.document_menu.actions()
    window.document_menu.close()


# -- Reset to Pending -----------------------------------------------------------------------------------


def test_reset_to_pending_from_the_menus_is_one_undoable_step(qtbot, window, draft):
    open_with_markers(qtbot, window, draft)
    a = window.action_set
    for change_id, key in (("1", Qt.Key.Key_A), ("2", Qt.Key.Key_S), ("3", Qt.Key.Key_R)):  # accept, skip, reject
        window.go_to(change_id)
        qtbot.keyClick(window.view, key)
        pause(qtbot)
    qtbot.waitUntil(lambda: not window.view.unsettled)
    text_decided = window.view.document().toPlainText()
    menu = right_click_on_change(qtbot, window, "2")  # a skipped change is still marked in the text
    click_menu_item(qtbot, menu, a.reset, window)
    assert [statuses(window)[i] for i in "123"] == ["accepted", "pending", "rejected"]
    assert window.undo_stack.undoText() == "Reset change 2 to pending"
    assert window.statusBar().currentMessage() == "Change 2 is pending again"
    assert "(pending)" in detail_text(window)
    menu = right_click_on_row(qtbot, window, "1")  # an accepted change is plain text now: reset from the list
    assert window.current == "1"
    click_menu_item(qtbot, menu, a.reset, window)
    assert [statuses(window)[i] for i in "123"] == ["pending", "pending", "rejected"]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    pause(qtbot)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    pause(qtbot)
    assert [statuses(window)[i] for i in "123"] == ["accepted", "skipped", "rejected"]
    qtbot.waitUntil(lambda: not window.view.unsettled)
    assert window.view.document().toPlainText() == text_decided


def test_reset_of_a_change_decided_by_its_conflict_says_which_to_reset(qtbot, window, monkeypatch,
                                                                        conflicting_copies):  # noqa: F811
    base, copies = conflicting_copies
    combining(monkeypatch, base, copies)
    window.action_set.combine.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    winner = next(c for c in window.review.changes if c.conflicts_with)
    loser = winner.conflicts_with[0]
    window.go_to(winner.id)
    qtbot.keyClick(window.view, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)
    pause(qtbot)
    window.go_to(loser)
    steps = window.undo_stack.count()
    window.action_set.reset.trigger()
    assert window.undo_stack.count() == steps and window.review.change(loser).status.value == "rejected"
    assert f"#{winner.id}" in window.statusBar().currentMessage()
    window.go_to(winner.id)
    window.action_set.reset.trigger()  # the one accepted: both sides pending again
    assert {c.status.value for c in window.review.changes} == {"pending"}


# -- deciding many ---------------------------------------------------------------------------------------


def test_accept_all_ignores_the_filter_after_a_question_naming_the_count(qtbot, window, draft, monkeypatch):
    open_with_markers(qtbot, window, draft)
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, question, yes: asked.append(question) or True)
    window.changes.filters.text.setText("training")
    pause(qtbot)
    assert window.changes.shown_ids() == ["12"]
    steps = window.undo_stack.count()
    window.action_set.accept_all.trigger()
    assert asked == ["Accept all 13 changes?"]
    assert set(statuses(window).values()) == {"accepted"}
    assert window.undo_stack.count() == steps + 1
    assert window.statusBar().currentMessage() == "Accepted 13 changes"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    pause(qtbot)
    assert set(statuses(window).values()) == {"pending"}


def test_reject_all_cancelled_decides_nothing(qtbot, window, draft, monkeypatch):
    open_with_markers(qtbot, window, draft)
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    pause(qtbot)
    asked = []
    monkeypatch.setattr(dialogs, "confirm", lambda parent, title, question, yes: asked.append(question) or False)
    window.action_set.reject_all.trigger()
    assert asked == ["Reject all 12 changes?"]  # the one accepted already is not counted
    assert list(statuses(window).values()).count("pending") == 12


def test_deciding_the_shown_changes_reports_how_many(qtbot, window, draft):
    open_with_markers(qtbot, window, draft)
    window.changes.filters.text.setText("training")
    pause(qtbot)
    qtbot.keyClick(window.view, Qt.Key.Key_R, CTRL | Qt.KeyboardModifier.AltModifier)
    assert window.statusBar().currentMessage() == "Rejected 1 change"
    window.changes.filters.text.setText("oriented")
    pause(qtbot)
    qtbot.keyClick(window.view, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.AltModifier)
    assert window.statusBar().currentMessage() == "Accepted 7 changes"
    qtbot.keyClick(window.view, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.AltModifier)
    assert window.statusBar().currentMessage() == "Nothing to accept: every change shown is decided"


# -- list feedback ---------------------------------------------------------------------------------------


def test_the_list_says_how_many_a_filter_shows_and_when_none_match(qtbot, window, draft):
    open_with_markers(qtbot, window, draft)
    feedback = window.list_feedback
    assert feedback.shown.text() == "" and not feedback.empty.isVisible()
    window.changes.filters.text.setFocus()
    qtbot.keyClicks(window.changes.filters.text, "oriented")
    pause(qtbot)
    assert feedback.shown.text() == "7 shown of 13"
    qtbot.keyClicks(window.changes.filters.text, " zzz")
    pause(qtbot)
    assert window.changes.shown_ids() == [] and feedback.shown.text() == "0 shown of 13"
    assert feedback.empty.isVisible() and feedback.empty.text() == "No changes match"
    window.changes.filters.text.clear()
    pause(qtbot)
    assert feedback.shown.text() == "" and not feedback.empty.isVisible()


def test_messages_count_in_the_right_number(qtbot, window, tmp_path):
    one = make_docx(tmp_path, p(r("Keep ")) + p(r("this", "<w:i/>")), "one.docx")
    window.settings.preferences.marker_answer = "yes"
    open_and_wait(qtbot, window, one)
    assert window.statusBar().currentMessage() == "Opened one.docx: 1 change"
    assert plural(2, "copy", "copies") == "2 copies" and plural(1, "change") == "1 change"


# -- closing, the start screen ---------------------------------------------------------------------------


def test_close_goes_back_to_the_start_screen(qtbot, window, draft, monkeypatch):
    assert window.panes.currentWidget() is window.start_screen  # nothing open yet
    open_with_markers(qtbot, window, draft)
    assert window.panes.currentWidget() is window.splitter
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    pause(qtbot)
    answers = []
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, name: answers.append(name) or dialogs.CANCEL)
    qtbot.keyClick(window.view, Qt.Key.Key_W, CTRL)
    assert answers == ["sop-draft.docx"] and window.review is not None  # cancelled: still there
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, name: answers.append(name) or dialogs.DISCARD)
    qtbot.keyClick(window.view, Qt.Key.Key_W, CTRL)
    pause(qtbot)
    assert window.review is None and window.path is None
    assert window.panes.currentWidget() is window.start_screen
    assert window.windowTitle() == "No draft[*] — Redliner" and not window.isWindowModified()
    assert not window.action_set.accept_next.isEnabled() and not window.action_set.close.isEnabled()
    assert window.detail.change_id is None
    recent = window.start_screen.recent
    assert [recent.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(recent.count())] == [
        str(draft.resolve())]


def test_the_start_screen_opens_a_recent_draft(qtbot, window, draft):
    open_and_wait(qtbot, window, draft)
    window.action_set.close.trigger()
    pause(qtbot)
    screen = window.start_screen
    assert screen.isVisible() and screen.recent.isVisible() and not screen.no_recent.isVisible()
    item = screen.recent.item(0)
    assert item.text().startswith("sop-draft.docx")
    where = screen.recent.visualItemRect(item).center()
    qtbot.mouseClick(screen.recent.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a double click's first
    qtbot.mouseDClick(screen.recent.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
    assert window.path == draft and window.panes.currentWidget() is window.splitter


def test_the_start_screen_buttons_open_compare_and_combine(qtbot, window, samples, tmp_path, monkeypatch):
    screen = window.start_screen
    assert screen.no_recent.isVisible() and not screen.recent.isVisible()  # a first start
    draft = tmp_path / "draft.docx"
    draft.write_bytes((samples / "sop-draft-plain.pandoc.docx").read_bytes())
    titles = choosing(monkeypatch, draft, samples / "sop-base.pandoc.docx")
    qtbot.mouseClick(screen.compare_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    assert titles[0].startswith("Choose the draft") and "draft.docx" in titles[1]
    assert window.review is not None and window.review.origin.kind == "compare"
    monkeypatch.setattr(dialogs, "ask_unsaved_result", lambda parent, kind, name: dialogs.DISCARD)
    window.action_set.close.trigger()
    pause(qtbot)
    opened = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args: opened.append(args) or ("", ""))
    qtbot.mouseClick(screen.open_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and window.review is None
    combining(monkeypatch, samples / "sop-base.lo.docx", [samples / "sop-review-lee.lo.docx"])
    qtbot.mouseClick(screen.combine_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    assert window.review is not None and window.review.origin.kind == "combine"


def test_an_undecided_combination_asks_to_save_the_combination_not_decisions(qtbot, window, samples,
                                                                               monkeypatch):
    combining(monkeypatch, samples / "sop-base.lo.docx", [samples / "sop-review-lee.lo.docx"])
    window.action_set.combine.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    asked = []
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, name: asked.append(("decisions", name))
                        or dialogs.CANCEL)
    monkeypatch.setattr(dialogs, "ask_unsaved_result", lambda parent, kind, name: asked.append((kind, name))
                        or dialogs.CANCEL)
    window.action_set.close.trigger()
    assert asked == [("combination", "sop-base.lo (combined).docx")]
    window.decide(["1"], Decision.ACCEPT)
    window.action_set.close.trigger()
    assert asked[-1] == ("decisions", "sop-base.lo.docx")


# -- layout ----------------------------------------------------------------------------------------------


def test_the_number_column_fits_four_digits_and_the_conflict_icon(qtbot, window, draft):
    open_with_markers(qtbot, window, draft)
    table = window.changes.table
    icon = table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
    needed = table.fontMetrics().horizontalAdvance("9999") + icon
    assert table.horizontalHeader().sectionSize(cm.NUMBER) > needed
    for column in (cm.KIND, cm.STATUS):  # as wide as their longest value
        widest = max(table.fontMetrics().horizontalAdvance(window.changes.model.index(row, column).data())
                     for row in range(window.changes.model.rowCount()))
        assert table.horizontalHeader().sectionSize(column) > widest


@pytest.mark.parametrize("size", [(800, 500), (500, 350)])
def test_a_small_window_keeps_the_document_readable_and_the_filter_in_sight(qtbot, window, draft, size):
    open_with_markers(qtbot, window, draft)
    pause(qtbot)  # the marker bar's room goes once the layout catches up
    window.resize(*size)
    pause(qtbot)
    assert window.size().toTuple() == size
    view, text = window.view, window.changes.filters.text
    assert view.width() >= view.fontMetrics().averageCharWidth() * READABLE_CHARACTERS
    assert view.width() >= window.changes.width()  # the list gave way first
    assert text.isVisible() and text.width() >= FILTER_TEXT_MIN_WIDTH
    right_edge = text.mapTo(window, QPoint(text.width(), 0)).x()
    assert right_edge <= window.width()


# -- the marker question, later ----------------------------------------------------------------------------


def test_read_proposals_after_a_remembered_no(qtbot, window, draft, monkeypatch):
    from redliner.ui import window as window_module

    window.settings.preferences.marker_answer = "no"
    open_and_wait(qtbot, window, draft)
    assert not window.marker_bar.isVisible() and window.review.changes == []
    read = window.action_set.read_markers
    assert read.text() == "Read Proposals in Italics…" and read.isEnabled()
    read.trigger()
    pause(qtbot)
    assert len(window.review.changes) == 13 and not read.isEnabled()
    assert window.statusBar().currentMessage() == "Text in italics read as proposals: 13 changes"
    assert window.settings.preferences.marker_answer == "no"  # the remembered answer stays until Settings

    def ask_each_time(dialog):
        qtbot.wait(150)
        dialog.marker_answer.setCurrentIndex(dialog.marker_answer.findData("ask"))
        return True

    monkeypatch.setattr(window_module.SettingsDialog, "exec", ask_each_time)
    qtbot.keyClick(window.view, Qt.Key.Key_Comma, CTRL)
    assert window.settings.preferences.marker_answer == "ask"


def test_read_proposals_over_decisions_asks_first_and_reads_the_draft_as_opened(qtbot, window, tmp_path,
                                                                                monkeypatch):
    mixed = make_docx(tmp_path, p(r("Keep "), ins(r("tracked "))) + p(r("this", "<w:i/>")), "mixed.docx")
    window.settings.preferences.marker_answer = "no"
    open_and_wait(qtbot, window, mixed)
    assert [c.inserted for c in window.review.changes] == ["tracked "]
    qtbot.keyClick(window.view, Qt.Key.Key_R)  # reject the tracked insertion
    pause(qtbot)
    asked = []
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, name: asked.append(name) or dialogs.CANCEL)
    window.action_set.read_markers.trigger()
    assert asked == ["mixed.docx"] and window.review.changes[0].status.value == "rejected"  # cancelled
    monkeypatch.setattr(dialogs, "ask_unsaved", lambda parent, name: asked.append(name) or dialogs.DISCARD)
    window.action_set.read_markers.trigger()
    pause(qtbot)
    assert [(c.inserted, c.status.value) for c in window.review.changes] == [("tracked ", "pending"),
                                                                             ("this", "pending")]
    assert not window.isWindowModified() and not window.action_set.read_markers.isEnabled()
