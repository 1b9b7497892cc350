"""Skip and Not a Proposal in the app: named alike in the menus, shown apart in the list and the view,
undoable, and a saved "not a proposal" is not offered again when the copy is reopened."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from redliner.core import ChangeSource, Decision, Status
from redliner.ui import change_model as cm
from redliner.ui.formats import NEUTRAL

from .conftest import answer_clean_copy, open_and_wait
from .test_window import open_with_markers

WAIT = 300  # longer than the view's 120 ms settle timer


def menu_texts(window, title: str) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def list_row(window, change_id: str) -> int:
    return window.changes.model.row_of(change_id)


def status_cell(window, change_id: str, role=Qt.ItemDataRole.DisplayRole):
    return window.changes.model.index(list_row(window, change_id), cm.STATUS).data(role)


def char_at(window, change_id: str):
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(window.view.rendered.document)
    cursor.setPosition(window.view.rendered.spans[change_id][0] + 1)
    return cursor.charFormat()


def test_the_review_menu_and_the_list_menu_name_both(qtbot, window, draft):
    open_with_markers(qtbot, window, draft)
    review = menu_texts(window, "&Review")
    assert "S&kip" in review and "Not a Pr&oposal" in review and not any("Aside" in t for t in review)
    listed = [a.text() for a in window.action_set.list_menu(window).actions()]
    assert "S&kip" in listed and "Not a Pr&oposal" in listed


def test_skip_and_not_a_proposal_are_shown_apart_and_undone(qtbot, window, draft):
    open_with_markers(qtbot, window, draft)
    window.go_to("2")
    qtbot.keyClick(window.view, Qt.Key.Key_S)  # skip 2, go to 3
    assert window.current == "3" and window.action_set.not_a_proposal.isEnabled()
    window.action_set.not_a_proposal.trigger()  # 3 is emphasis, go to 4
    assert window.current == "4"
    qtbot.wait(WAIT)
    assert (window.review.change("2").status, window.review.change("3").status) == (Status.SKIPPED,
                                                                                    Status.NOT_A_PROPOSAL)
    assert (status_cell(window, "2"), status_cell(window, "3")) == ("skipped", "not a proposal")
    colours = {status_cell(window, i, Qt.ItemDataRole.ForegroundRole).color().name() for i in "23"}
    assert len(colours) == 2
    table = window.changes.table
    assert table.horizontalHeader().sectionSize(cm.STATUS) > table.fontMetrics().horizontalAdvance("not a proposal")
    assert window.changes.count.text() == "0 of 13 decided, 1 skipped, 1 not a proposal"
    skipped, emphasis, pending = char_at(window, "2"), char_at(window, "3"), char_at(window, "4")
    assert skipped.fontUnderline() and skipped.foreground().color().name() == NEUTRAL.lower()
    assert emphasis.fontItalic() and not emphasis.fontUnderline()  # the draft's own italics
    assert pending.fontUnderline() and pending.foreground().color().name() != NEUTRAL.lower()
    assert window.undo_stack.undoText() == "Not a Proposal: change 3"

    window.go_to("3")
    assert not window.action_set.not_a_proposal.isEnabled()  # already out of the review
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(WAIT)
    assert {window.review.change(i).status for i in "23"} == {Status.PENDING}
    assert window.action_set.not_a_proposal.isEnabled()
    assert char_at(window, "3").fontUnderline()  # a proposal again


def test_not_a_proposal_is_off_for_a_comparisons_own_changes(qtbot, window, draft, samples, monkeypatch):
    open_with_markers(qtbot, window, draft)
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda parent, title, folder, filter_: (str(samples / "sop-base.pandoc.docx"), ""))
    window.action_set.compare.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=20000)
    found = next(c for c in window.review.changes if c.source == ChangeSource.COMPARE)
    marker = next(c for c in window.review.changes if c.source == ChangeSource.MARKER)
    window.go_to(found.id)
    assert not window.action_set.not_a_proposal.isEnabled()
    window.go_to(marker.id)
    assert window.action_set.not_a_proposal.isEnabled()


def test_a_clean_copy_remembers_it_and_reopening_does_not_ask_again(qtbot, window, draft, monkeypatch):
    open_with_markers(qtbot, window, draft)
    window.decide(["1"], Decision.NOT_A_PROPOSAL)  # "Oriented" in the title: real emphasis
    qtbot.wait(WAIT)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda parent, title, proposal, filter_: (proposal, ""))
    answer_clean_copy(monkeypatch, "Accept undecided")
    window.action_set.save_clean.trigger()
    qtbot.waitUntil(lambda: not window.runner.busy)
    clean = draft.with_name("sop-draft (clean).docx")
    open_and_wait(qtbot, window, clean)
    assert not window.marker_bar.isVisible()  # the only italics left are the emphasis it was told about
    assert window.review.changes == []
